"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field, Textarea } from "../ui/field";
import type { DriftFinding } from "./types";

/** Keep an unexplained member: it becomes a grant of the group's role, so it is explained from now on. */
export function AdoptFindingButton({ finding }: { finding: DriftFinding }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const adopt = useMutation(trpc.drift.adopt.mutationOptions({
    onSuccess: async () => {
      setOpen(false);
      setReason("");
      await qc.invalidateQueries({ queryKey: trpc.drift.pathKey() });
    },
  }));
  const tooShort = reason.trim().length < 10;
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Adopt ${finding.person.name} in ${finding.group.name} as a grant`}>
        Adopt as grant
      </Button>
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Keep ${finding.person.name} in ${finding.group.name}?`}
        confirmLabel="Adopt as grant"
        busy={adopt.isPending}
        error={adopt.error}
        onCancel={() => { setOpen(false); setTried(false); adopt.reset(); }}
        onConfirm={() => (tooShort ? setTried(true) : adopt.mutate({ findingId: finding.id, reason }))}
      >
        <p>
          The membership becomes a grant (“kept”) of the role mapped to {finding.group.name}. Nothing changes in the directory; from now on the
          grant explains it, and it ends like any grant.
        </p>
        <Field label="Why is this access kept?" hint="At least 10 characters; recorded in the audit log." error={(reason || tried) && tooShort ? "Say why in at least 10 characters" : null}>
          {(p) => <Textarea {...p} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </>
  );
}
