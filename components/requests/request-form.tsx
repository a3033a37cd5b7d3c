"use client";

import Link from "next/link";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestAccessInput } from "@/server/domain/requests/request-schemas";
import { useTRPC } from "../trpc";
import type { CatalogApp, CatalogRole, CatalogStep } from "../types";
import { useMe } from "../shell/me-context";
import { useForm } from "../forms/use-form";
import { formatMinutes } from "../catalog/format";
import { Button } from "../ui/button";
import { Field, Input, Select, Textarea } from "../ui/field";
import { FormError } from "../ui/states";
import { cn } from "../ui/cn";
import { durationWords, names } from "./format";

interface State { beneficiary: string; reason: string; preset: number | null; custom: boolean; customValue: string; customUnit: "hours" | "days" }

const unitMinutes = { hours: 60, days: 1440 } as const;

function minutesOf(s: State): number | null {
  if (s.custom) {
    const n = Number(s.customValue);
    return s.customValue.trim() && Number.isFinite(n) && n > 0 ? Math.round(n * unitMinutes[s.customUnit]) : null;
  }
  return s.preset;
}

/** The request form for one role, inline under its card: who for, why, how long, and what will happen. */
export function RequestForm({ app, role, onClose }: { app: CatalogApp; role: CatalogRole; onClose: () => void }) {
  const trpc = useTRPC();
  const me = useMe();
  const router = useRouter();
  const qc = useQueryClient();
  const self = useQuery({ ...trpc.people.get.queryOptions({ personId: me.membership.personId ?? "-" }), enabled: !!me.membership.personId });
  const reports = self.data?.reports ?? [];
  const presets = useMemo(() => [...role.allowedDurations].sort((a, b) => a - b), [role.allowedDurations]);
  const max = role.maxDurationMinutes;

  const schema = useMemo(
    () =>
      requestAccessInput.superRefine((v, ctx) => {
        if (role.durationRequired && !v.durationMinutes) ctx.addIssue({ code: "custom", path: ["durationMinutes"], message: `${role.name} is time-bound: choose how long you need it` });
        if (max && v.durationMinutes && v.durationMinutes > max) ctx.addIssue({ code: "custom", path: ["durationMinutes"], message: `At most ${formatMinutes(max)} for this role` });
      }),
    [role, max],
  );
  const toInput = useMemo(
    () => (s: State) => ({ roleId: role.id, beneficiaryPersonId: s.beneficiary || undefined, reason: s.reason, durationMinutes: minutesOf(s) }),
    [role.id],
  );
  const form = useForm<State>({
    initial: { beneficiary: "", reason: "", preset: null, custom: false, customValue: "", customUnit: "hours" },
    schema, toInput, fields: ["reason", "durationMinutes", "beneficiaryPersonId"],
  });
  const { state: s, set, error } = form;
  const create = useMutation(
    trpc.requests.create.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.requests.pathKey() });
        router.push(`/requests/${r.id}`);
      },
      onError: form.onServerError,
    }),
  );

  const minutes = minutesOf(s);
  const forReport = reports.find((r) => r.id === s.beneficiary);
  const beneficiaryName = forReport?.displayName ?? "you";
  const managerLabel = forReport
    ? "the app owner (standing in for the manager, since that is you)"
    : self.data?.manager ? `${self.data.manager.displayName} (your manager)` : self.isPending ? "your manager" : "the app owner (you have no manager in the directory)";
  const approvals = plan(role.steps, app, managerLabel);
  const groups = role.groups.map((g) => `${g.source}:${g.name}`);
  const headingId = `request-${role.id}`;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = form.prepareSubmit();
    if (input) create.mutate(input as Parameters<typeof create.mutate>[0]);
  };

  return (
    <form aria-labelledby={headingId} onSubmit={submit} noValidate className="border-t border-slate-200 bg-slate-50/60 px-5 py-4">
      <h4 id={headingId} className="text-sm font-semibold text-slate-900">Request {app.name} · {role.name}</h4>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div className="space-y-4">
          {reports.length > 0 && (
            <Field label="Who is it for">
              {(p) => (
                <Select {...p} value={s.beneficiary} onChange={(e) => set({ beneficiary: e.target.value })}>
                  <option value="">Me ({me.user.name})</option>
                  {reports.map((r) => (
                    <option key={r.id} value={r.id}>{r.displayName}{r.title ? ` — ${r.title}` : ""} (reports to you)</option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <Field label="Business reason" error={error("reason")} hint="What you need it for; approvers and the Jira ticket show it.">
            {(p) => (
              <Textarea {...p} rows={3} value={s.reason} onChange={(e) => set({ reason: e.target.value })} placeholder="e.g. Fix the lead-routing rule for the EMEA launch (INC-2231)" />
            )}
          </Field>
        </div>
        <div className="space-y-4">
          <fieldset>
            <legend className="block text-sm font-medium text-slate-800">
              Duration{!role.durationRequired && <span className="ml-1 font-normal text-slate-500">(optional)</span>}
            </legend>
            <div role="group" aria-label="Duration" className="mt-1 flex flex-wrap items-center gap-1.5">
              {presets.map((m) => {
                const pressed = !s.custom && s.preset === m;
                return (
                  <button
                    key={m}
                    type="button"
                    aria-pressed={pressed}
                    onClick={() => set({ preset: pressed && !role.durationRequired ? null : m, custom: false }, ["durationMinutes"])}
                    className={chip(pressed)}
                  >
                    {formatMinutes(m)}
                  </button>
                );
              })}
              {(!presets.length || max || !role.durationRequired) && (
                <button type="button" aria-pressed={s.custom} onClick={() => set({ custom: !s.custom, preset: null }, ["durationMinutes"])} className={chip(s.custom)}>
                  Custom
                </button>
              )}
            </div>
            {s.custom && (
              <div className="mt-2 flex items-center gap-2">
                <Input
                  aria-label="Custom duration"
                  inputMode="decimal"
                  className="w-24"
                  value={s.customValue}
                  onChange={(e) => set({ customValue: e.target.value }, ["durationMinutes"])}
                  aria-invalid={error("durationMinutes") ? true : undefined}
                />
                <Select aria-label="Custom duration unit" className="w-28" value={s.customUnit} onChange={(e) => set({ customUnit: e.target.value as State["customUnit"] }, ["durationMinutes"])}>
                  <option value="hours">hours</option>
                  <option value="days">days</option>
                </Select>
                {max && <span className="text-xs text-slate-500">up to {formatMinutes(max)}</span>}
              </div>
            )}
            {error("durationMinutes") ? (
              <p className="mt-1 text-xs font-medium text-red-700">{error("durationMinutes")}</p>
            ) : (
              <p className="mt-1 text-xs text-slate-500">
                {minutes ? `Removed automatically after ${durationWords(minutes)}.` : role.durationRequired ? "Required: this role is time-bound." : "Permanent until removed."}
              </p>
            )}
          </fieldset>
          <div role="status" aria-label="What will happen" className="rounded-md border border-indigo-100 bg-indigo-50/60 px-3 py-2 text-sm text-slate-800">
            <span className="font-medium text-slate-900">What will happen: </span>
            {approvals}{" "}
            {groups.length ? (
              <>
                {forReport ? `${forReport.displayName} will be` : "You'll be"} added to <span className="font-mono text-xs">{names(groups)}</span>{" "}
                {minutes ? `for ${durationWords(minutes)}` : role.durationRequired ? "for the duration you pick" : "until the access is removed"}.
              </>
            ) : (
              <>The app owner grants it by hand{minutes ? ` for ${durationWords(minutes)}` : ""}.</>
            )}
            <span className="sr-only"> Beneficiary: {beneficiaryName}.</span>
          </div>
        </div>
      </div>
      <FormError error={form.serverError} className="mt-3" />
      {form.serverError && /already/i.test(form.serverError) && (
        <p className="mt-1 text-xs text-slate-600">
          See it in <Link href="/requests" className="font-medium text-indigo-700 hover:underline">Requests</Link> or{" "}
          <Link href="/my-access" className="font-medium text-indigo-700 hover:underline">My access</Link>.
        </p>
      )}
      <div className="mt-4 flex items-center gap-2">
        <Button type="submit" variant="primary" busy={create.isPending}>Submit request</Button>
        <Button variant="ghost" onClick={onClose} disabled={create.isPending}>Cancel</Button>
        {form.invalidCount > 0 && <span className="text-xs text-red-700">Fix the highlighted {form.invalidCount === 1 ? "field" : "fields"} first.</span>}
      </div>
    </form>
  );
}

const chip = (pressed: boolean) =>
  cn(
    "inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
    pressed ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50",
  );

/** "Sam Rivera (your manager) approves, then Priya Shah (app owner)." */
function plan(steps: CatalogStep[], app: CatalogApp, manager: string): string {
  const human = steps.filter((s) => s.kind !== "AUTO");
  if (!human.length) return "It is approved automatically.";
  const owners = app.owners.map((o) => o.displayName);
  const parts = human.map((s) => {
    switch (s.kind) {
      case "MANAGER": return manager;
      case "APP_OWNER": return owners.length ? `${s.mode === "ALL" ? names(owners) : owners.join(" or ")} (app owner)` : "an app owner";
      case "SECURITY": return s.mode === "ALL" ? "every member of the security team" : "the security team";
      case "NAMED": return s.approver?.displayName ?? "a named approver";
      default: return s.kind.toLowerCase();
    }
  });
  const [first, ...rest] = parts;
  return `${cap(first!)} approves${rest.length ? `, then ${rest.join(", then ")}` : ""}.`;
}
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
