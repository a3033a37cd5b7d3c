"use client";

import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestAccessInput } from "@/server/domain/requests/request-schemas";
import { useTRPC } from "../trpc";
import type { GrantView } from "../types";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field, Textarea } from "../ui/field";
import { cn } from "../ui/cn";
import { whenPhrase } from "../requests/format";
import { durationChip, durationWords, extensionPresets } from "./grant-format";
import { useRefreshGrantViews } from "./use-grant-mutation-done";

const reasonSchema = requestAccessInput.shape.reason;

const chip = (pressed: boolean) => cn(
  "inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
  pressed ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50",
);

/**
 * Asks to keep time-bound access longer: a new request through the role's own approval policy; once
 * approved, the expiry moves by the chosen duration with no gap.
 */
export function ExtendGrantButton({ grant }: { grant: GrantView }) {
  const trpc = useTRPC();
  const refresh = useRefreshGrantViews();
  const durationsId = useId();
  const presets = extensionPresets(grant.role);
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const extend = useMutation(trpc.requests.create.mutationOptions({
    onSuccess: () => {
      setOpen(false);
      void refresh();
    },
  }));
  const access = `${grant.app.name} · ${grant.role.name}`;
  const reasonCheck = reasonSchema.safeParse(reason);
  const reasonError = (tried || reason.length > 0) && !reasonCheck.success ? reasonCheck.error.issues[0]!.message : null;
  const durationError = tried && !minutes ? "Choose how much longer you need it" : null;
  const newEnd = minutes && grant.expiresAt ? new Date(new Date(grant.expiresAt).getTime() + minutes * 60_000) : null;

  return (
    <>
      <Button size="sm" aria-label={`Extend ${access}`} onClick={() => {
        setMinutes(presets.length === 1 ? presets[0]! : null);
        setReason("");
        setTried(false);
        extend.reset();
        setOpen(true);
      }}>
        Extend
      </Button>
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Extend ${access}`}
        confirmLabel="Ask to extend"
        busy={extend.isPending}
        error={extend.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setTried(true);
          if (minutes && reasonCheck.success) extend.mutate({ roleId: grant.role.id, extendsGrantId: grant.id, durationMinutes: minutes, reason: reasonCheck.data });
        }}
      >
        <p>
          Your access ends {grant.expiresAt ? whenPhrase(grant.expiresAt) : "—"}. The same approvers as for a new request decide; once
          approved, it moves by the time you choose, without a gap.
        </p>
        <div role="group" aria-labelledby={durationsId} className="space-y-1.5">
          <div id={durationsId} className="text-sm font-medium text-slate-800">How much longer</div>
          <div className="flex flex-wrap gap-1.5">
            {presets.map((m) => (
              <button key={m} type="button" aria-pressed={minutes === m} aria-label={durationWords(m)} className={chip(minutes === m)} onClick={() => setMinutes(m)}>
                {durationChip(m)}
              </button>
            ))}
          </div>
          {durationError ? (
            <p className="text-xs font-medium text-red-700">{durationError}</p>
          ) : newEnd ? (
            <p className="text-xs text-slate-500">If approved, it ends {whenPhrase(newEnd)}.</p>
          ) : null}
        </div>
        <Field label="Why you still need it" error={reasonError}>
          {(p) => <Textarea {...p} value={reason} maxLength={2000} rows={2} placeholder="e.g. The migration needs one more maintenance window" onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </>
  );
}
