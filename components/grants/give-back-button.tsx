"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field, Textarea } from "../ui/field";
import { useRefreshGrantViews } from "./use-grant-mutation-done";

/** The holder ends their own access early, with an optional note. */
export function GiveBackButton({ grantId, access, groups }: { grantId: string; access: string; groups: string[] }) {
  const trpc = useTRPC();
  const refresh = useRefreshGrantViews();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const giveBack = useMutation(trpc.grants.giveBack.mutationOptions({
    onSuccess: () => {
      setOpen(false);
      void refresh();
    },
  }));
  return (
    <>
      <Button size="sm" variant="danger-ghost" aria-label={`Give back ${access}`} onClick={() => {
        setNote("");
        giveBack.reset();
        setOpen(true);
      }}>
        Give back
      </Button>
      <ConfirmDialog
        open={open}
        title={`Give back ${access}?`}
        confirmLabel="Give back now"
        busy={giveBack.isPending}
        error={giveBack.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => giveBack.mutate({ grantId, note: note.trim() || undefined })}
      >
        <p>
          You are removed from {groups.length ? <span className="font-mono text-xs">{groups.join(", ")}</span> : "the app"} right
          away. To get it back later, request it again.
        </p>
        <Field label="Note" optional>
          {(p) => <Textarea {...p} value={note} maxLength={1000} rows={2} placeholder="e.g. Finished the migration early" onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </>
  );
}
