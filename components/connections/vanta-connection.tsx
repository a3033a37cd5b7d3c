"use client";

import { useCallback } from "react";
import { DEFAULT_VANTA_API_URL, DEFAULT_VANTA_DOCUMENT, vantaConnectionInput } from "@/server/domain/connections/vanta-config";
import { useSaveConnection } from "./use-save-connection";
import { ConnectionFormShell } from "./connection-form-shell";
import { SecretHint } from "./connection-form";
import type { Connection } from "../types";
import { Button } from "../ui/button";
import { Field, Input } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";

interface VantaState {
  name: string;
  apiUrl: string;
  userAccountResourceId: string;
  documentId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

const FIELDS = ["name", "apiUrl", "userAccountResourceId", "documentId", "clientId", "clientSecret", "scope"];
const toInput = (s: VantaState) => ({
  kind: "VANTA" as const, name: s.name, apiUrl: s.apiUrl, userAccountResourceId: s.userAccountResourceId, documentId: s.documentId,
  clientId: s.clientId, clientSecret: s.clientSecret, scope: s.scope || undefined,
});

/**
 * Connect Vanta (or replace its credentials): an OAuth application's client ID and secret, the UserAccount resource
 * Gatehouse pushes accounts to and the document review evidence is uploaded to. The server gets a token and finds
 * both before saving; the client ID and secret are sent once and never shown again.
 */
export function VantaConnectionForm({ existing, onDone, onCancel }: { existing?: Connection; onDone: (msg: string) => void; onCancel: () => void }) {
  const cfg = (existing?.config ?? {}) as { apiUrl?: string; userAccountResourceId?: string; documentId?: string; scope?: string };
  const f = useForm<VantaState>({
    initial: {
      name: existing?.name ?? "Vanta",
      apiUrl: cfg.apiUrl && cfg.apiUrl !== DEFAULT_VANTA_API_URL ? cfg.apiUrl : "",
      userAccountResourceId: cfg.userAccountResourceId ?? "",
      documentId: cfg.documentId ?? DEFAULT_VANTA_DOCUMENT,
      clientId: "",
      clientSecret: "",
      scope: cfg.scope ?? "",
    },
    schema: vantaConnectionInput, toInput: useCallback(toInput, []), fields: FIELDS,
  });
  const save = useSaveConnection({ replacing: Boolean(existing), onDone, onServerError: f.onServerError });
  const s = f.state;
  const secretHint = <SecretHint existing={Boolean(existing)} />;

  return (
    <ConnectionFormShell
      title="Connect Vanta"
      replacing={existing?.name}
      about={<>
        Gatehouse pushes the accounts it governs to a UserAccount resource, and uploads completed access reviews to a document.
        Create an application in Vanta&apos;s Developer Console with the scopes <code>connectors.self:write-resource</code>,{" "}
        <code>connectors.self:read-resource</code>, <code>vanta-api.all:read</code>, <code>vanta-api.all:write</code> and{" "}
        <code>vanta-api.documents:upload</code>, and a UserAccount resource on it.
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
        <Field label="Vanta API URL" optional error={f.error("apiUrl")} hint="Leave empty for Vanta itself (https://api.vanta.com); Vanta Gov is https://api.vanta-gov.com.">
          {(p) => <Input {...p} type="url" value={s.apiUrl} onChange={(e) => f.set({ apiUrl: e.target.value })} placeholder={DEFAULT_VANTA_API_URL} />}
        </Field>
        <Field label="Client ID" error={f.error("clientId")} hint={secretHint}>
          {(p) => <Input {...p} type="password" autoComplete="off" value={s.clientId} onChange={(e) => f.set({ clientId: e.target.value })} placeholder="vci_…" autoFocus={!existing} />}
        </Field>
        <Field label="Client secret" error={f.error("clientSecret")} hint={secretHint}>
          {(p) => <Input {...p} type="password" autoComplete="off" value={s.clientSecret} onChange={(e) => f.set({ clientSecret: e.target.value })} placeholder="vcs_…" />}
        </Field>
        <Field label="UserAccount resource ID" error={f.error("userAccountResourceId")} hint="Developer Console → your application → Resources.">
          {(p) => <Input {...p} className="font-mono" value={s.userAccountResourceId} onChange={(e) => f.set({ userAccountResourceId: e.target.value })} placeholder="66a0c0de5ea7c0ffee000001" />}
        </Field>
        <Field label="Document ID" optional error={f.error("documentId")} hint="From the document's address in Vanta: app.vanta.com/documents/access-reviews.">
          {(p) => <Input {...p} className="font-mono" value={s.documentId} onChange={(e) => f.set({ documentId: e.target.value })} placeholder={DEFAULT_VANTA_DOCUMENT} />}
        </Field>
        <Field label="OAuth scopes" optional error={f.error("scope")} hint="Only if your application has fewer scopes than the five above; separate them with spaces." className="md:col-span-2">
          {(p) => <Input {...p} className="font-mono" value={s.scope} onChange={(e) => f.set({ scope: e.target.value })} placeholder="connectors.self:write-resource connectors.self:read-resource …" />}
        </Field>
      </div>
    </ConnectionFormShell>
  );
}
