"use client";

import { useCallback, useId } from "react";
import { Lock } from "lucide-react";
import { jiraConnectionInput, oktaConnectionInput } from "@/server/domain/connections/schemas";
import { useSaveConnection } from "./use-save-connection";
import type { Connection } from "../types";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Field, Input, Textarea } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";
import type { ZodType } from "zod";

interface ConnState {
  kind: "OKTA" | "JIRA";
  name: string;
  // Okta
  orgUrl: string;
  oktaAuth: "token" | "privateKey";
  oktaToken: string;
  clientId: string;
  keyId: string;
  privateKey: string;
  // Jira
  siteUrl: string;
  projectKey: string;
  jiraAuth: "basic" | "bearer";
  email: string;
  apiToken: string;
  bearerToken: string;
}

const FIELDS = ["name", "orgUrl", "token", "clientId", "keyId", "privateKey", "siteUrl", "projectKey", "email", "apiToken"];

function toInput(s: ConnState) {
  if (s.kind === "OKTA") {
    return s.oktaAuth === "token"
      ? { kind: "OKTA" as const, name: s.name, orgUrl: s.orgUrl, authMode: "token" as const, token: s.oktaToken }
      : { kind: "OKTA" as const, name: s.name, orgUrl: s.orgUrl, authMode: "privateKey" as const, clientId: s.clientId, keyId: s.keyId || undefined, privateKey: s.privateKey };
  }
  return s.jiraAuth === "basic"
    ? { kind: "JIRA" as const, name: s.name, siteUrl: s.siteUrl, projectKey: s.projectKey, authMode: "basic" as const, email: s.email, apiToken: s.apiToken }
    : { kind: "JIRA" as const, name: s.name, siteUrl: s.siteUrl, projectKey: s.projectKey, authMode: "bearer" as const, token: s.bearerToken };
}

/** Validates with the schema of the chosen kind, so messages talk about the fields on screen. */
const byKind: ZodType = {
  safeParse: (v: unknown) => ((v as { kind: string }).kind === "OKTA" ? oktaConnectionInput : jiraConnectionInput).safeParse(v),
} as unknown as ZodType;

function initialFor(kind: "OKTA" | "JIRA", existing?: Connection): ConnState {
  const c = (existing?.config ?? {}) as Record<string, string | undefined>;
  return {
    kind,
    name: existing?.name ?? (kind === "OKTA" ? "Okta" : "Jira"),
    orgUrl: c.orgUrl ?? "",
    oktaAuth: (c.authMode as ConnState["oktaAuth"]) === "privateKey" ? "privateKey" : "token",
    oktaToken: "",
    clientId: c.clientId ?? "",
    keyId: c.keyId ?? "",
    privateKey: "",
    siteUrl: c.siteUrl ?? "",
    projectKey: c.projectKey ?? "",
    jiraAuth: (c.authMode as ConnState["jiraAuth"]) === "bearer" ? "bearer" : "basic",
    email: c.email ?? "",
    apiToken: "",
    bearerToken: "",
  };
}

/**
 * Add a connection, or replace the credentials of one. The server connects with them before saving
 * (and says why when it cannot); secrets are sent once and never shown again.
 */
export function ConnectionForm({ kind, existing, onDone, onCancel }: { kind: "OKTA" | "JIRA"; existing?: Connection; onDone: (msg: string) => void; onCancel: () => void }) {
  const id = useId();
  const f = useForm<ConnState>({ initial: initialFor(kind, existing), schema: byKind, toInput: useCallback(toInput, []), fields: FIELDS });
  const save = useSaveConnection({ replacing: Boolean(existing), onDone, onServerError: f.onServerError });
  const s = f.state;
  // Both kinds call their secret field "token" in the schema; map the error to the visible one.
  const tokenError = f.error("token");

  return (
    <form
      noValidate
      aria-label={existing ? `Replace credentials of ${existing.name}` : kind === "OKTA" ? "Connect Okta" : "Connect Jira"}
      className="rounded-lg border border-indigo-200 bg-white shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const input = f.prepareSubmit();
        if (input) save.mutate({ ...(input as ReturnType<typeof toInput>), ...(existing ? { connectionId: existing.id } : {}) });
      }}
    >
      <div className="space-y-4 px-5 py-4">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">
            {existing ? `Replace the credentials of ${existing.name}` : kind === "OKTA" ? "Connect Okta" : "Connect Jira"}
          </h3>
          <p className="mt-0.5 text-xs text-slate-500">
            Gatehouse connects with these before saving. Secrets are encrypted at rest and never shown again.
            {existing && " The current credentials stay in use until the new ones work."}
          </p>
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" error={f.error("name")} hint="How this connection is called in Gatehouse.">
            {(p) => <Input {...p} value={s.name} onChange={(e) => f.set({ name: e.target.value })} maxLength={80} />}
          </Field>
          {kind === "OKTA" ? (
            <Field label="Okta org URL" error={f.error("orgUrl")} hint="Your Okta domain, e.g. https://acme.okta.com">
              {(p) => <Input {...p} type="url" inputMode="url" value={s.orgUrl} onChange={(e) => f.set({ orgUrl: e.target.value })} placeholder="https://acme.okta.com" autoFocus={!existing} />}
            </Field>
          ) : (
            <Field label="Jira site URL" error={f.error("siteUrl")} hint="e.g. https://acme.atlassian.net">
              {(p) => <Input {...p} type="url" inputMode="url" value={s.siteUrl} onChange={(e) => f.set({ siteUrl: e.target.value })} placeholder="https://acme.atlassian.net" autoFocus={!existing} />}
            </Field>
          )}
          {kind === "JIRA" && (
            <Field label="Project key" error={f.error("projectKey")} hint="Access requests become issues in this project.">
              {(p) => <Input {...p} value={s.projectKey} onChange={(e) => f.set({ projectKey: e.target.value.toUpperCase() })} placeholder="ACCESS" className="uppercase" maxLength={10} />}
            </Field>
          )}
        </div>

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Authentication</legend>
          <div className="mt-1.5 flex flex-wrap gap-2">
            {(kind === "OKTA"
              ? [
                  { value: "token", label: "API token", hint: "An Okta admin's SSWS token" },
                  { value: "privateKey", label: "OAuth service app", hint: "Client ID and a private key (recommended)" },
                ]
              : [
                  { value: "basic", label: "Email + API token", hint: "An Atlassian account's API token" },
                  { value: "bearer", label: "Bearer token", hint: "An OAuth or service-account token" },
                ]
            ).map((o) => {
              const checked = kind === "OKTA" ? s.oktaAuth === o.value : s.jiraAuth === o.value;
              return (
                <label
                  key={o.value}
                  className={cn(
                    "flex min-w-56 flex-1 cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2",
                    checked ? "border-indigo-600 bg-indigo-50/50 ring-1 ring-indigo-600" : "border-slate-200 hover:bg-slate-50",
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-auth`}
                    value={o.value}
                    checked={checked}
                    onChange={() => f.set(kind === "OKTA" ? { oktaAuth: o.value as ConnState["oktaAuth"] } : { jiraAuth: o.value as ConnState["jiraAuth"] }, [])}
                    className="mt-0.5 accent-indigo-600"
                  />
                  <span>
                    <span className="block text-sm font-medium text-slate-900">{o.label}</span>
                    <span className="block text-xs text-slate-500">{o.hint}</span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>

        <div className="grid gap-4 md:grid-cols-2">
          {kind === "OKTA" && s.oktaAuth === "token" && (
            <Field label="API token" error={tokenError} hint={<SecretHint existing={!!existing} />}>
              {(p) => <Input {...p} type="password" autoComplete="off" value={s.oktaToken} onChange={(e) => f.set({ oktaToken: e.target.value }, ["token"])} />}
            </Field>
          )}
          {kind === "OKTA" && s.oktaAuth === "privateKey" && (
            <>
              <Field label="Client ID" error={f.error("clientId")}>
                {(p) => <Input {...p} value={s.clientId} onChange={(e) => f.set({ clientId: e.target.value })} placeholder="0oa…" />}
              </Field>
              <Field label="Key ID" optional error={f.error("keyId")} hint="The kid of the public key registered in Okta.">
                {(p) => <Input {...p} value={s.keyId} onChange={(e) => f.set({ keyId: e.target.value })} />}
              </Field>
              <Field label="Private key" error={f.error("privateKey")} hint={<SecretHint existing={!!existing} what="PEM or JWK" />} className="md:col-span-2">
                {(p) => <Textarea {...p} rows={4} spellCheck={false} autoComplete="off" className="font-mono text-xs" value={s.privateKey} onChange={(e) => f.set({ privateKey: e.target.value })} placeholder="-----BEGIN PRIVATE KEY-----" />}
              </Field>
            </>
          )}
          {kind === "JIRA" && s.jiraAuth === "basic" && (
            <>
              <Field label="Atlassian account email" error={f.error("email")}>
                {(p) => <Input {...p} type="email" value={s.email} onChange={(e) => f.set({ email: e.target.value })} placeholder="it-bot@acme.com" />}
              </Field>
              <Field label="API token" error={f.error("apiToken")} hint={<SecretHint existing={!!existing} />}>
                {(p) => <Input {...p} type="password" autoComplete="off" value={s.apiToken} onChange={(e) => f.set({ apiToken: e.target.value })} />}
              </Field>
            </>
          )}
          {kind === "JIRA" && s.jiraAuth === "bearer" && (
            <Field label="Bearer token" error={tokenError} hint={<SecretHint existing={!!existing} />}>
              {(p) => <Input {...p} type="password" autoComplete="off" value={s.bearerToken} onChange={(e) => f.set({ bearerToken: e.target.value }, ["token"])} />}
            </Field>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {save.isPending ? "Connecting…" : existing ? "Verify and replace" : "Connect and save"}
        </Button>
        <Button onClick={onCancel} disabled={save.isPending}>Cancel</Button>
        {f.invalidCount > 0 && !f.serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to connect.</p>}
        <FormError error={f.serverError} className="w-full" />
      </div>
    </form>
  );
}

export function SecretHint({ existing, what }: { existing: boolean; what?: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <Lock aria-hidden className="size-3" />
      {existing ? "Write-only: enter the new secret; the stored one is never shown." : `Write-only${what ? ` (${what})` : ""}: stored encrypted, never shown again.`}
    </span>
  );
}
