"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, KeyRound, Webhook } from "lucide-react";
import { useTRPC } from "../trpc";
import type { Connection } from "../types";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/field";
import { FormError } from "../ui/states";

const DEFAULT_REVOKE_LABEL = "gatehouse-revoke";

/**
 * Revoke from the Jira ticket: which status or label revokes a ticket's grant, and the signed webhook Jira
 * delivers it through. The webhook secret is shown once, right after it is generated (or rotated).
 */
export function JiraRevokePanel({ connection: c }: { connection: Connection }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const cfg = c.config as { revokeStatus?: string | null; revokeLabel?: string | null };
  const [status, setStatus] = useState(cfg.revokeStatus ?? "");
  const [label, setLabel] = useState(cfg.revokeLabel === undefined ? DEFAULT_REVOKE_LABEL : (cfg.revokeLabel ?? ""));
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.connections.list.queryKey() });
  const save = useMutation(trpc.connections.saveRevokeSettings.mutationOptions({ onSuccess: refresh }));
  const setUp = useMutation(trpc.connections.setUpWebhook.mutationOptions({ onSuccess: refresh }));
  const labelError = /\s/.test(label.trim()) ? "A Jira label has no spaces" : null;

  return (
    <section aria-labelledby={`revoke-${c.id}`} className="border-t border-slate-200 px-5 py-4">
      <h3 id={`revoke-${c.id}`} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Webhook aria-hidden className="size-4 text-slate-500" /> Revoke from the ticket
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        Moving a Gatehouse ticket to this status, or adding this label, revokes its access: the person is removed from the
        groups and the ticket says so. Leave a field empty to turn that trigger off.
      </p>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => { e.preventDefault(); if (!labelError) save.mutate({ connectionId: c.id, revokeStatus: status, revokeLabel: label }); }}
      >
        <Field label="Revoke status" hint={'A status of your workflow, e.g. "Access removed"'} optional>
          {(p) => <Input {...p} value={status} maxLength={60} onChange={(e) => setStatus(e.target.value)} placeholder="Access removed" />}
        </Field>
        <Field label="Revoke label" error={labelError} hint="No spaces" optional>
          {(p) => <Input {...p} value={label} maxLength={255} onChange={(e) => setLabel(e.target.value)} placeholder={DEFAULT_REVOKE_LABEL} />}
        </Field>
        <Button type="submit" busy={save.isPending}>Save</Button>
      </form>
      {save.error && <div className="mt-2"><FormError error={save.error} /></div>}
      {save.isSuccess && <p role="status" className="mt-2 text-sm text-emerald-800">Saved.</p>}

      <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
        <span className="inline-flex items-center gap-1.5 text-slate-700">
          <KeyRound aria-hidden className="size-3.5 text-slate-400" />
          {c.webhookConfigured ? "Webhook secret stored, encrypted" : "No webhook set up yet: Jira cannot reach Gatehouse"}
        </span>
        <Button busy={setUp.isPending} onClick={() => setUp.mutate({ connectionId: c.id })}>
          {c.webhookConfigured ? "Rotate webhook secret" : "Set up webhook"}
        </Button>
      </div>
      {setUp.error && <div className="mt-2"><FormError error={setUp.error} /></div>}
      {setUp.data && <WebhookReveal {...setUp.data} />}
    </section>
  );
}

function WebhookReveal({ url, secret, jqlFilter, events, rotated }: { url: string; secret: string; jqlFilter: string; events: string[]; rotated: boolean }) {
  const rows: [string, string][] = [["URL", url], ["Secret", secret], ["JQL filter", jqlFilter], ["Events", events.join(", ") + " (Issue: updated)"]];
  return (
    <div role="status" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-3 text-sm text-amber-950">
      <p className="font-medium">
        {rotated ? "New secret generated: update the webhook in Jira now; deliveries signed with the old secret are refused." : "Create a webhook in Jira (Settings → System → WebHooks) with these values."}
        {" "}The secret is shown only this once.
      </p>
      <dl className="mt-2 grid grid-cols-[6rem_1fr_auto] items-center gap-x-3 gap-y-1.5">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-amber-900/80">{k}</dt>
            <dd className="min-w-0 break-all font-mono text-xs">{v}</dd>
            <dd>
              <Button size="sm" variant="ghost" icon={<Copy aria-hidden className="size-3.5" />} aria-label={`Copy ${k}`} onClick={() => void navigator.clipboard?.writeText(v)}>Copy</Button>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
