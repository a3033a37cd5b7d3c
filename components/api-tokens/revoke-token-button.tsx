"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

export function RevokeTokenButton({ tokenId, name, prefix }: { tokenId: string; name: string; prefix: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
    },
  }));
  return (
    <>
      <Button size="sm" variant="danger-ghost" aria-label={`Revoke ${name}`} onClick={() => { revoke.reset(); setOpen(true); }}>Revoke</Button>
      <ConfirmDialog
        open={open}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        error={revoke.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => revoke.mutate({ tokenId })}
      >
        <p>
          The next call with <span className="font-mono text-xs">{prefix}…</span> is refused (401). Whatever uses it stops pulling
          evidence until it gets a new token. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
