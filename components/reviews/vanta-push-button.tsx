"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UploadCloud } from "lucide-react";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { RelativeTime } from "../ui/relative-time";
import type { Campaign } from "./types";

/** Sends a closed campaign's evidence to Vanta: live accounts (read back), the CSV and the summary, submitted. */
export function VantaPushButton({ c }: { c: Campaign }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const push = useMutation(trpc.reviews.pushToVanta.mutationOptions({
    onSuccess: async () => {
      setOpen(false);
      await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
    },
  }));
  const result = c.vantaResult as { accounts?: number; uploads?: string[] } | null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button icon={<UploadCloud aria-hidden className="size-4 text-slate-500" />} onClick={() => { push.reset(); setOpen(true); }}>
        {c.vantaPushedAt ? "Push to Vanta again" : "Push to Vanta"}
      </Button>
      {c.vantaPushedAt && (
        <p className="text-right text-xs text-slate-500" role="status">
          Sent <RelativeTime date={c.vantaPushedAt} />: {result?.accounts ?? 0} accounts, {result?.uploads?.length ?? 0} files
        </p>
      )}
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Send “${c.name}” to Vanta?`}
        confirmLabel="Push to Vanta"
        busy={push.isPending}
        error={push.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => push.mutate({ campaignId: c.id })}
      >
        <p>Vanta receives every access that is live now as a user account (what this review removed is no longer there), then the evidence CSV and the summary on its access-review document, submitted.</p>
      </ConfirmDialog>
    </div>
  );
}
