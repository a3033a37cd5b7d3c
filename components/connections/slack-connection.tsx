"use client";

import { useCallback } from "react";
import { slackConnectionInput } from "@/server/domain/slack/slack-config";
import { useSaveConnection } from "./use-save-connection";
import { ConnectionFormShell } from "./connection-form-shell";
import { SecretHint } from "./connection-form";
import type { Connection } from "../types";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";

interface SlackState {
  name: string;
  botToken: string;
  signingSecret: string;
  apiUrl: string;
}

const FIELDS = ["name", "botToken", "signingSecret", "apiUrl"];
const toInput = (s: SlackState) => ({ kind: "SLACK" as const, name: s.name, botToken: s.botToken, signingSecret: s.signingSecret, apiUrl: s.apiUrl });

/** The two Request URLs to paste into the Slack app's configuration. */
export function slackRequestUrls(origin: string) {
  return { interactivity: `${origin}/api/slack/interactivity`, commands: `${origin}/api/slack/commands` };
}

/**
 * Connect Slack (or replace its credentials): a bot token and the app's signing secret. The server calls
 * auth.test before saving and remembers the workspace; secrets are sent once and never shown again.
 */
export function SlackConnectionForm({ existing, onDone, onCancel }: { existing?: Connection; onDone: (msg: string) => void; onCancel: () => void }) {
  const cfg = (existing?.config ?? {}) as { apiUrl?: string };
  const f = useForm<SlackState>({
    initial: { name: existing?.name ?? "Slack", botToken: "", signingSecret: "", apiUrl: cfg.apiUrl && cfg.apiUrl !== "https://slack.com/api/" ? cfg.apiUrl : "" },
    schema: slackConnectionInput, toInput: useCallback(toInput, []), fields: FIELDS,
  });
  const save = useSaveConnection({ replacing: Boolean(existing), onDone, onServerError: f.onServerError });
  const s = f.state;
  const urls = slackRequestUrls(typeof window === "undefined" ? "" : window.location.origin);
  const secretHint = <SecretHint existing={Boolean(existing)} />;

  return (
    <ConnectionFormShell
      title="Connect Slack"
      replacing={existing?.name}
      about={<>
        Approvers get a DM with Approve / Deny for each request waiting on them; employees request with a slash command.
        Create a Slack app with the bot scopes <code>chat:write</code>, <code>im:write</code>, <code>users:read</code>, <code>users:read.email</code> and <code>commands</code>.
      </>}
      busy={save.isPending}
      serverError={f.serverError}
      onCancel={onCancel}
      onSubmit={() => {
        const input = f.prepareSubmit();
        if (input) save.mutate({ ...(input as ReturnType<typeof toInput>), ...(existing ? { connectionId: existing.id } : {}) });
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" error={f.error("name")}>
          {(p) => <Input {...p} value={s.name} onChange={(e) => f.set({ name: e.target.value })} maxLength={80} />}
        </Field>
        <Field label="Slack API URL" optional error={f.error("apiUrl")} hint="Leave empty for Slack itself (https://slack.com/api/).">
          {(p) => <Input {...p} type="url" value={s.apiUrl} onChange={(e) => f.set({ apiUrl: e.target.value })} placeholder="https://slack.com/api/" />}
        </Field>
        <Field label="Bot token" error={f.error("botToken")} hint={secretHint}>
          {(p) => <Input {...p} type="password" autoComplete="off" value={s.botToken} onChange={(e) => f.set({ botToken: e.target.value })} placeholder="xoxb-…" autoFocus={!existing} />}
        </Field>
        <Field label="Signing secret" error={f.error("signingSecret")} hint={secretHint}>
          {(p) => <Input {...p} type="password" autoComplete="off" value={s.signingSecret} onChange={(e) => f.set({ signingSecret: e.target.value })} />}
        </Field>
      </div>
      <SlackRequestUrls interactivity={urls.interactivity} commands={urls.commands} />
    </ConnectionFormShell>
  );
}

export function SlackRequestUrls({ interactivity, commands }: { interactivity: string; commands: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700">
      <p className="font-medium text-slate-900">Paste these into your Slack app</p>
      <p className="mt-1">Interactivity &amp; Shortcuts → Request URL: <code className="select-all font-mono">{interactivity}</code></p>
      <p>Slash Commands → <code>/access</code> → Request URL: <code className="select-all font-mono">{commands}</code></p>
    </div>
  );
}
