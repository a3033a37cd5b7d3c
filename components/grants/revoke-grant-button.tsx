"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { revokeGrantInput } from "@/server/domain/grants/schemas";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field, Textarea } from "../ui/field";
import { useRefreshGrantViews } from "./use-grant-mutation-done";

const reasonSchema = revokeGrantInput.shape.reason;

/** Revoke with a required reason, for admins and the app's owners (the server checks again). */
export function RevokeGrantButton({ grantId, holder, access, groups, size = "md" }: {
  grantId: string; holder: string; access: string; groups: string[]; size?: "sm" | "md";
}) {
  const trpc = useTRPC();
  const refresh = useRefreshGrantViews();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const revoke = useMutation(trpc.grants.revoke.mutationOptions({
    onSuccess: () => {
      setOpen(false);
      void refresh();
    },
  }));
  const check = reasonSchema.safeParse(reason);
  const error = tried && !check.success ? check.error.issues[0]!.message : null;

  if (revoke.isSuccess) {
    return <p role="status" className="text-sm text-orange-800">{revoke.data.alreadyEnded ? "Already ended." : "Revoked — removing access…"}</p>;
  }
  return (
    <>
      <Button variant="danger-ghost" size={size} aria-label={`Revoke ${access} from ${holder}`} onClick={() => {
        setReason("");
        setTried(false);
        revoke.reset();
        setOpen(true);
      }}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke ${access} from ${holder}?`}
        confirmLabel="Revoke access"
        busy={revoke.isPending}
        error={revoke.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setTried(true);
          if (check.success) revoke.mutate({ grantId, reason: check.data });
        }}
      >
        <p>
          {groups.length
            ? <>Gatehouse removes {holder} from <span className="font-mono text-xs">{groups.join(", ")}</span> now and reads the membership back.</>
            : <>The app owner is asked to remove the access by hand.</>}{" "}
          The reason is kept in the audit log and on the Jira issue.
        </p>
        <Field label="Reason" error={error} hint="Required; up to 1,000 characters.">
          {(p) => (
            <Textarea {...p} value={reason} maxLength={1000} required rows={3} placeholder="e.g. Contractor engagement ended"
              onChange={(e) => setReason(e.target.value)} onBlur={() => reason && setTried(true)} />
          )}
        </Field>
      </ConfirmDialog>
    </>
  );
}
