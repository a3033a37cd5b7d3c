"use client";

import { useCallback, useId } from "react";
import type { ZodType } from "zod";
import { entraConnectionInput, googleConnectionInput, scimConnectionInput } from "@/server/domain/connections/directory-schemas";
import type { Connection } from "../types";
import { cn } from "../ui/cn";
import { Field, Input, Textarea } from "../ui/field";
import { useForm } from "../forms/use-form";
import { useSaveConnection } from "./use-save-connection";
import { SecretHint } from "./connection-form";
import { ConnectionFormShell } from "./connection-form-shell";
import { DIRECTORY_LABEL } from "./directory-kinds";

type Kind = "ENTRA" | "GOOGLE" | "SCIM";

interface DirState {
  kind: Kind;
  name: string;
  // Entra ID
  tenantId: string; clientId: string; clientSecret: string; graphUrl: string; authorityUrl: string; ca: string;
  // Google Workspace
  adminEmail: string; customer: string; unmanagedGroups: string; rootUrl: string;
  googleAuth: "serviceAccount" | "accessToken"; serviceAccountKey: string; accessToken: string;
  // SCIM 2.0
  baseUrl: string; token: string; readOnlyGroups: string;
}

const FIELDS = [
  "name", "tenantId", "clientId", "clientSecret", "graphUrl", "authorityUrl", "ca",
  "adminEmail", "customer", "unmanagedGroups", "rootUrl", "serviceAccountKey", "accessToken", "baseUrl", "token", "readOnlyGroups",
];
const SCHEMA: Record<Kind, ZodType> = { ENTRA: entraConnectionInput, GOOGLE: googleConnectionInput, SCIM: scimConnectionInput };

function toInput(s: DirState) {
  if (s.kind === "ENTRA") {
    return { kind: "ENTRA" as const, name: s.name, tenantId: s.tenantId, clientId: s.clientId, clientSecret: s.clientSecret, graphUrl: s.graphUrl, authorityUrl: s.authorityUrl, ca: s.ca };
  }
  if (s.kind === "GOOGLE") {
    const common = { kind: "GOOGLE" as const, name: s.name, adminEmail: s.adminEmail, customer: s.customer, unmanagedGroups: s.unmanagedGroups, rootUrl: s.rootUrl };
    return s.googleAuth === "serviceAccount"
      ? { ...common, authMode: "serviceAccount" as const, serviceAccountKey: s.serviceAccountKey }
      : { ...common, authMode: "accessToken" as const, accessToken: s.accessToken };
  }
  return { kind: "SCIM" as const, name: s.name, baseUrl: s.baseUrl, token: s.token, readOnlyGroups: s.readOnlyGroups };
}

/** Validates with the chosen kind's schema, so messages talk about the fields on screen. */
const byKind: ZodType = {
  safeParse: (v: unknown) => SCHEMA[(v as { kind: Kind }).kind].safeParse(v),
} as unknown as ZodType;

function initialFor(kind: Kind, existing?: Connection): DirState {
  const c = (existing?.config ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof c[k] === "string" ? (c[k] as string) : "");
  const list = (k: string) => (Array.isArray(c[k]) ? (c[k] as string[]).join("\n") : "");
  return {
    kind, name: existing?.name ?? DIRECTORY_LABEL[kind],
    tenantId: text("tenantId"), clientId: text("clientId"), clientSecret: "", graphUrl: text("graphUrl"), authorityUrl: text("authorityUrl"), ca: text("ca"),
    adminEmail: text("adminEmail"), customer: text("customer"), unmanagedGroups: list("unmanagedGroups"), rootUrl: text("rootUrl"),
    googleAuth: c.authMode === "accessToken" ? "accessToken" : "serviceAccount", serviceAccountKey: "", accessToken: "",
    baseUrl: text("baseUrl"), token: "", readOnlyGroups: list("readOnlyGroups"),
  };
}

/**
 * Connect Entra ID, Google Workspace or a SCIM 2.0 server, or replace a connection's credentials. The server
 * connects with them before saving (and says why when it cannot); secrets are sent once and never shown again.
 */
export function DirectoryForm({ kind, existing, onDone, onCancel }: { kind: Kind; existing?: Connection; onDone: (msg: string) => void; onCancel: () => void }) {
  const id = useId();
  const f = useForm<DirState>({ initial: initialFor(kind, existing), schema: byKind, toInput: useCallback(toInput, []), fields: FIELDS });
  const save = useSaveConnection({ replacing: Boolean(existing), onDone, onServerError: f.onServerError });
  const s = f.state;
  const secretHint = (what?: string) => <SecretHint existing={!!existing} what={what} />;

  return (
    <ConnectionFormShell
      title={`Connect ${DIRECTORY_LABEL[kind]}`}
      replacing={existing?.name}
      about={<>
        Gatehouse connects with these before saving. Secrets are encrypted at rest and never shown again.
        {existing && " The current credentials stay in use until the new ones work."}
      </>}
      busy={save.isPending}
      serverError={f.serverError}
      invalid={f.invalidCount > 0}
      onCancel={onCancel}
      onSubmit={() => {
        const input = f.prepareSubmit();
        if (input) save.mutate({ ...(input as ReturnType<typeof toInput>), ...(existing ? { connectionId: existing.id } : {}) });
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" error={f.error("name")} hint="Tells this directory apart from others (e.g. “Entra – EU tenant”).">
          {(p) => <Input {...p} value={s.name} onChange={(e) => f.set({ name: e.target.value })} maxLength={80} />}
        </Field>

        {kind === "ENTRA" && (
          <>
            <Field label="Directory (tenant) ID" error={f.error("tenantId")} hint="Entra admin center → Overview → Tenant ID.">
              {(p) => <Input {...p} value={s.tenantId} onChange={(e) => f.set({ tenantId: e.target.value })} placeholder="72f988bf-86f1-41af-91ab-2d7cd011db47" autoFocus={!existing} />}
            </Field>
            <Field label="Application (client) ID" error={f.error("clientId")} hint="App registrations → your app. Needs User.ReadWrite.All, GroupMember.ReadWrite.All (application) and admin consent; AuditLog.Read.All for last sign-in.">
              {(p) => <Input {...p} value={s.clientId} onChange={(e) => f.set({ clientId: e.target.value })} placeholder="00000000-0000-0000-0000-000000000000" />}
            </Field>
            <Field label="Client secret" error={f.error("clientSecret")} hint={secretHint("the secret's value, not its ID")}>
              {(p) => <Input {...p} type="password" autoComplete="off" value={s.clientSecret} onChange={(e) => f.set({ clientSecret: e.target.value })} />}
            </Field>
          </>
        )}

        {kind === "GOOGLE" && (
          <>
            <Field label="Admin email" error={f.error("adminEmail")} hint="A Workspace admin the service account acts as (domain-wide delegation).">
              {(p) => <Input {...p} type="email" value={s.adminEmail} onChange={(e) => f.set({ adminEmail: e.target.value })} placeholder="it-admin@acme.com" autoFocus={!existing} />}
            </Field>
            <Field label="Customer ID" optional error={f.error("customer")} hint="Leave empty for the admin's own account (my_customer).">
              {(p) => <Input {...p} value={s.customer} onChange={(e) => f.set({ customer: e.target.value })} placeholder="C01abc234" />}
            </Field>
          </>
        )}

        {kind === "SCIM" && (
          <>
            <Field label="SCIM base URL" error={f.error("baseUrl")} hint="The URL /Users and /Groups are under, e.g. https://api.example.com/scim/v2">
              {(p) => <Input {...p} type="url" inputMode="url" value={s.baseUrl} onChange={(e) => f.set({ baseUrl: e.target.value })} placeholder="https://api.example.com/scim/v2" autoFocus={!existing} />}
            </Field>
            <Field label="Bearer token" error={f.error("token")} hint={secretHint()}>
              {(p) => <Input {...p} type="password" autoComplete="off" value={s.token} onChange={(e) => f.set({ token: e.target.value })} />}
            </Field>
          </>
        )}
      </div>

      {kind === "GOOGLE" && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Authentication</legend>
          <div className="mt-1.5 flex flex-wrap gap-2">
            {([
              { value: "serviceAccount", label: "Service account key", hint: "JSON key of a service account with domain-wide delegation" },
              { value: "accessToken", label: "Access token (sandbox)", hint: "Only for a local sandbox Admin API" },
            ] as const).map((o) => (
              <label
                key={o.value}
                className={cn(
                  "flex min-w-56 flex-1 cursor-pointer items-start gap-2.5 rounded-md border px-3 py-2",
                  s.googleAuth === o.value ? "border-indigo-600 bg-indigo-50/50 ring-1 ring-indigo-600" : "border-slate-200 hover:bg-slate-50",
                )}
              >
                <input type="radio" name={`${id}-auth`} value={o.value} checked={s.googleAuth === o.value} onChange={() => f.set({ googleAuth: o.value }, [])} className="mt-0.5 accent-indigo-600" />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{o.label}</span>
                  <span className="block text-xs text-slate-500">{o.hint}</span>
                </span>
              </label>
            ))}
          </div>
          <div className="mt-3">
            {s.googleAuth === "serviceAccount" ? (
              <Field label="Service account key" error={f.error("serviceAccountKey")} hint={secretHint("the JSON key file")}>
                {(p) => <Textarea {...p} rows={4} spellCheck={false} autoComplete="off" className="font-mono text-xs" value={s.serviceAccountKey} onChange={(e) => f.set({ serviceAccountKey: e.target.value })} placeholder='{"type": "service_account", …}' />}
              </Field>
            ) : (
              <Field label="Access token" error={f.error("accessToken")} hint={secretHint()}>
                {(p) => <Input {...p} type="password" autoComplete="off" value={s.accessToken} onChange={(e) => f.set({ accessToken: e.target.value })} />}
              </Field>
            )}
          </div>
        </fieldset>
      )}

      {kind === "GOOGLE" && (
        <Field label="Groups Gatehouse must not change" optional error={f.error("unmanagedGroups")} hint="Group emails or ids, one a line (e.g. dynamic groups). Groups created by users are left alone anyway.">
          {(p) => <Textarea {...p} rows={2} value={s.unmanagedGroups} onChange={(e) => f.set({ unmanagedGroups: e.target.value })} placeholder="all-staff@acme.com" />}
        </Field>
      )}
      {kind === "SCIM" && (
        <Field label="Read-only groups" optional error={f.error("readOnlyGroups")} hint="Group ids or names, one a line, that Gatehouse must not change (SCIM has no standard read-only flag).">
          {(p) => <Textarea {...p} rows={2} value={s.readOnlyGroups} onChange={(e) => f.set({ readOnlyGroups: e.target.value })} placeholder="Everyone" />}
        </Field>
      )}

      {kind !== "SCIM" && (
        <details className="rounded-md border border-slate-200 px-3 py-2" open={Boolean(s.graphUrl || s.authorityUrl || s.ca || s.rootUrl)}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">Advanced: other cloud or sandbox</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            {kind === "ENTRA" ? (
              <>
                <Field label="Graph URL" optional error={f.error("graphUrl")} hint="Empty for https://graph.microsoft.com (national clouds differ).">
                  {(p) => <Input {...p} type="url" value={s.graphUrl} onChange={(e) => f.set({ graphUrl: e.target.value })} placeholder="https://graph.microsoft.com" />}
                </Field>
                <Field label="Authority URL" optional error={f.error("authorityUrl")} hint="Empty for https://login.microsoftonline.com.">
                  {(p) => <Input {...p} type="url" value={s.authorityUrl} onChange={(e) => f.set({ authorityUrl: e.target.value })} placeholder="https://login.microsoftonline.com" />}
                </Field>
                <Field label="Trusted CA certificate" optional error={f.error("ca")} hint="PEM, only for a sandbox or a TLS-inspecting proxy." className="md:col-span-2">
                  {(p) => <Textarea {...p} rows={3} spellCheck={false} className="font-mono text-xs" value={s.ca} onChange={(e) => f.set({ ca: e.target.value })} placeholder="-----BEGIN CERTIFICATE-----" />}
                </Field>
              </>
            ) : (
              <Field label="Admin API URL" optional error={f.error("rootUrl")} hint="Empty for https://admin.googleapis.com; a sandbox's URL otherwise.">
                {(p) => <Input {...p} type="url" value={s.rootUrl} onChange={(e) => f.set({ rootUrl: e.target.value })} placeholder="https://admin.googleapis.com" />}
              </Field>
            )}
          </div>
        </details>
      )}
    </ConnectionFormShell>
  );
}
