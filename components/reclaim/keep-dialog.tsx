"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field, Textarea } from "../ui/field";

/** "Keep it": keeping unused access needs a reason (1–500 characters); the inactivity clock then restarts. */
export function KeepButton({ caseId, access, holder, onKept, size = "sm", variant = "primary" }: {
  caseId: string; access: string; holder?: string; onKept?: (message: string) => void; size?: "sm" | "md"; variant?: "primary" | "secondary";
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const keep = useMutation(trpc.reclaim.keep.mutationOptions({
    onSuccess: async () => {
      setOpen(false);
      setReason("");
      setTried(false);
      onKept?.(`Kept: ${access}${holder ? ` for ${holder}` : ""}. The inactivity clock starts again today.`);
      await Promise.all([qc.invalidateQueries({ queryKey: trpc.reclaim.pathKey() }), qc.invalidateQueries({ queryKey: trpc.notifications.pathKey() })]);
    },
  }));
  const text = reason.trim();
  const invalid = text.length < 1 || text.length > 500;
  return (
    <>
      <Button size={size} variant={variant} onClick={() => setOpen(true)} aria-label={`Keep ${access}${holder ? ` for ${holder}` : ""}`}>
        Keep it
      </Button>
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Keep ${access}?`}
        confirmLabel="Keep it"
        busy={keep.isPending}
        error={keep.error}
        onCancel={() => { setOpen(false); setTried(false); keep.reset(); }}
        onConfirm={() => (invalid ? setTried(true) : keep.mutate({ caseId, reason: text }))}
      >
        <p>
          Auto Reclaim found this access unused. Say why {holder ? `${holder} still needs` : "you still need"} it: the reason is recorded in the
          audit log, and the inactivity clock starts again from today.
        </p>
        <Field label="Why is it still needed?" hint="1 to 500 characters." error={tried && invalid ? (text.length ? "At most 500 characters" : "Say why it is still needed") : null}>
          {(p) => <Textarea {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. I use it for the quarterly close" />}
        </Field>
      </ConfirmDialog>
    </>
  );
}
