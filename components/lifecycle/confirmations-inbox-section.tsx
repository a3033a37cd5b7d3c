"use client";

import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, UserRoundCog, X } from "lucide-react";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Card, Section } from "../ui/page";
import { FormError } from "../ui/states";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { Tag } from "../ui/badge";
import { cn } from "../ui/cn";

export type ConfirmationRow = {
  id: string; dueAt: Date | string; createdAt: Date | string; access: string; grantId: string;
  person: { id: string; displayName: string; department: string | null; title: string | null };
};

/** Inbox → Access to confirm: a mover's requested access, kept only if their new manager confirms it in time. */
export function ConfirmationsInboxSection({ confirmations }: { confirmations: ConfirmationRow[] }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <Section
      id="inbox-confirmations"
      title={<>Access to confirm{confirmations.length ? <span className="font-normal text-slate-500"> · {confirmations.length} waiting</span> : null}</>}
      description={confirmations.length ? "These people changed roles. Keep the access they had asked for, or revoke it; access nobody confirms by the due date is revoked." : undefined}
    >
      {done && <p role="status" className="mb-3 flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"><Check aria-hidden className="size-4 text-emerald-600" />{done}</p>}
      {confirmations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
          Nothing to confirm. When someone moves to your team, the access they had asked for appears here for you to keep or revoke.
        </p>
      ) : (
        <Card>
          <ul aria-label="Access waiting for your confirmation" className="divide-y divide-slate-100">
            {confirmations.map((c) => <ConfirmationItem key={c.id} c={c} onDone={setDone} />)}
          </ul>
        </Card>
      )}
    </Section>
  );
}

function ConfirmationItem({ c, onDone }: { c: ConfirmationRow; onDone: (m: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const settle = { onSuccess: async () => { await qc.invalidateQueries({ queryKey: trpc.lifecycle.pathKey() }); } };
  const confirm = useMutation(trpc.lifecycle.confirm.mutationOptions({ ...settle, onSuccess: async () => { onDone(`Kept: ${c.access} for ${c.person.displayName}.`); await settle.onSuccess(); } }));
  const revoke = useMutation(trpc.lifecycle.revoke.mutationOptions({ ...settle, onSuccess: async () => { onDone(`Revoked: ${c.access} for ${c.person.displayName}; it is being removed.`); await settle.onSuccess(); } }));
  const overdue = new Date(c.dueAt).getTime() < clientNow();
  const busy = confirm.isPending || revoke.isPending;
  return (
    <li className="px-5 py-3.5">
      <article aria-labelledby={`${id}-t`} className="flex flex-wrap items-start gap-x-6 gap-y-2">
        <UserRoundCog aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-600" />
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-t`} className="text-sm font-semibold text-slate-900">{c.person.displayName}: keep {c.access}?</h3>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <Tag>{c.access}</Tag>
            <span>Now {[c.person.title, c.person.department].filter(Boolean).join(" · ") || "in a new role"}</span>
            <span>· asked <RelativeTime date={c.createdAt} /></span>
          </p>
        </div>
        <span className={cn("whitespace-nowrap text-sm", overdue ? "font-medium text-red-700" : "text-slate-700")}>
          {overdue ? "Overdue · " : "Due "}<RelativeTime date={c.dueAt} />
        </span>
        <div className="flex gap-2">
          <Button size="sm" variant="primary" busy={confirm.isPending} disabled={busy} icon={<Check aria-hidden className="size-3.5" />}
            aria-label={`Keep ${c.access} for ${c.person.displayName}`} onClick={() => confirm.mutate({ confirmationId: c.id })}>Keep</Button>
          <Button size="sm" variant="danger" busy={revoke.isPending} disabled={busy} icon={<X aria-hidden className="size-3.5" />}
            aria-label={`Revoke ${c.access} for ${c.person.displayName}`} onClick={() => revoke.mutate({ confirmationId: c.id })}>Revoke</Button>
        </div>
      </article>
      <FormError error={confirm.error ?? revoke.error} className="mt-2 ml-10" />
    </li>
  );
}
