"use client";

import { useCallback, useId } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { appInput, riskLevels } from "@/server/domain/catalog/schemas";
import { useTRPC } from "../trpc";
import type { CatalogApp } from "../types";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Field, Input, Select, Textarea } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";
import { PersonPicker, type PickedPerson } from "./person-picker";

interface AppState {
  name: string;
  description: string;
  riskLevel: (typeof riskLevels)[number];
  provisioningMode: "IDP_GROUPS" | "MANUAL";
  logoUrl: string;
  externalAppId: string;
  owners: PickedPerson[];
}

const FIELDS = ["name", "description", "riskLevel", "provisioningMode", "logoUrl", "externalAppId", "ownerPersonIds"];
const toInput = (s: AppState) => ({
  name: s.name,
  description: s.description,
  riskLevel: s.riskLevel,
  provisioningMode: s.provisioningMode,
  logoUrl: s.logoUrl,
  externalAppId: s.externalAppId,
  ownerPersonIds: s.owners.map((o) => o.id),
});

const riskHelp: Record<string, string> = {
  LOW: "Low — no customer or financial data",
  MEDIUM: "Medium — internal data, limited blast radius",
  HIGH: "High — customer, financial or personal data",
  CRITICAL: "Critical — production or admin control",
};

function fromApp(app?: CatalogApp): AppState {
  return app
    ? {
        name: app.name, description: app.description, riskLevel: app.riskLevel, provisioningMode: app.provisioningMode,
        logoUrl: app.logoUrl ?? "", externalAppId: app.externalAppId ?? "", owners: app.owners.map((o) => ({ id: o.id, displayName: o.displayName, email: o.email, title: o.title })),
      }
    : { name: "", description: "", riskLevel: "LOW", provisioningMode: "IDP_GROUPS", logoUrl: "", externalAppId: "", owners: [] };
}

/** Create or edit an app; validated as you type with appInput (the server's schema). */
export function AppForm({ app, onSaved, onCancel }: { app?: CatalogApp; onSaved: (appId: string) => void; onCancel?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const ownersId = useId();
  const f = useForm<AppState>({ initial: fromApp(app), schema: appInput, toInput: useCallback(toInput, []), fields: FIELDS });
  const save = useMutation(
    trpc.catalog.saveApp.mutationOptions({
      onSuccess: async (saved) => {
        await qc.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() });
        if (app) await qc.invalidateQueries({ queryKey: trpc.catalog.app.queryKey({ appId: app.id }) });
        f.reset({ ...f.state });
        onSaved(saved.id);
      },
      onError: f.onServerError,
    }),
  );
  const s = f.state;
  const ownersError = f.error("ownerPersonIds", true);

  return (
    <form
      noValidate
      aria-label={app ? "Edit app" : "New app"}
      className="rounded-lg border border-slate-200 bg-white"
      onSubmit={(e) => {
        e.preventDefault();
        const input = f.prepareSubmit();
        if (input) save.mutate({ ...(input as ReturnType<typeof toInput>), ...(app ? { appId: app.id } : {}) });
      }}
    >
      <div className="grid gap-4 px-5 py-4 md:grid-cols-2">
        <Field label="App name" error={f.error("name")}>
          {(p) => <Input {...p} value={s.name} onChange={(e) => f.set({ name: e.target.value })} maxLength={80} autoFocus={!app} placeholder="e.g. Snowflake" />}
        </Field>
        <Field label="Risk" error={f.error("riskLevel")} hint="Shown to requesters and approvers; drives review frequency later.">
          {(p) => (
            <Select {...p} value={s.riskLevel} onChange={(e) => f.set({ riskLevel: e.target.value as AppState["riskLevel"] })}>
              {riskLevels.map((r) => <option key={r} value={r}>{riskHelp[r]}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Description" optional error={f.error("description")} className="md:col-span-2" hint="One line on what the app is for; employees see it in the catalog.">
          {(p) => <Textarea {...p} rows={2} value={s.description} onChange={(e) => f.set({ description: e.target.value })} />}
        </Field>
        <div className="space-y-1">
          <label htmlFor={ownersId} className="block text-sm font-medium text-slate-800">Owners <span className="font-normal text-slate-500">(optional)</span></label>
          {s.owners.length > 0 && (
            <ul aria-label="Owners" className="mb-1.5 flex flex-wrap gap-1.5">
              {s.owners.map((o) => (
                <li key={o.id} className="inline-flex items-center gap-1.5 rounded-md bg-slate-100 py-0.5 pl-1 pr-1 text-xs text-slate-800">
                  <Avatar name={o.displayName} className="size-5 text-[9px]" />
                  {o.displayName}
                  <button type="button" aria-label={`Remove owner ${o.displayName}`} onClick={() => f.set({ owners: s.owners.filter((x) => x.id !== o.id) }, ["ownerPersonIds"])} className="rounded p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-800">
                    <X aria-hidden className="size-3" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <PersonPicker
            id={ownersId}
            label="Owners"
            placeholder="Add an owner — search by name…"
            excludeIds={s.owners.map((o) => o.id)}
            onPick={(p) => f.set({ owners: [...s.owners, p] }, ["ownerPersonIds"])}
            invalid={!!ownersError}
            describedBy={`${ownersId}-d`}
          />
          <p id={`${ownersId}-d`} className={ownersError ? "text-xs font-medium text-red-700" : "text-xs text-slate-500"}>
            {ownersError ?? "Owners approve “App owner” steps and answer for the app in reviews."}
          </p>
        </div>
        <div className="space-y-4">
          <Field label="Provisioning" error={f.error("provisioningMode")} hint={s.provisioningMode === "MANUAL" ? "No SSO groups: the owner grants access by hand and records it." : "Access is granted by adding people to groups in your directory."}>
            {(p) => (
              <Select {...p} value={s.provisioningMode} onChange={(e) => f.set({ provisioningMode: e.target.value as AppState["provisioningMode"] })}>
                <option value="IDP_GROUPS">Directory groups</option>
                <option value="MANUAL">Manual task for the owner</option>
              </Select>
            )}
          </Field>
          <Field label="Logo URL" optional error={f.error("logoUrl")} hint="An https image; initials are shown otherwise.">
            {(p) => <Input {...p} type="url" inputMode="url" value={s.logoUrl} onChange={(e) => f.set({ logoUrl: e.target.value })} placeholder="https://…" />}
          </Field>
          <Field label="Okta app id" optional error={f.error("externalAppId")} hint="Okta only: where Auto Reclaim finds this app's sign-ins in the Okta System Log (Applications → the app → its URL ends with the id). Other directories use each person's last sign-in.">
            {(p) => <Input {...p} value={s.externalAppId} onChange={(e) => f.set({ externalAppId: e.target.value })} placeholder="0oa…" spellCheck={false} />}
          </Field>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">
        <Button type="submit" variant="primary" busy={save.isPending}>{app ? "Save changes" : "Create app"}</Button>
        {onCancel && <Button onClick={onCancel} disabled={save.isPending}>Cancel</Button>}
        {f.invalidCount > 0 && !f.serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to save.</p>}
        <FormError error={f.serverError} className="w-full" />
      </div>
    </form>
  );
}
