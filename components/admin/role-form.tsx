"use client";

import { useCallback } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { roleInput } from "@/server/domain/catalog/schemas";
import { useTRPC } from "../trpc";
import type { CatalogApp, CatalogRole } from "../types";
import { Button } from "../ui/button";
import { Checkbox, Field, Input, Textarea } from "../ui/field";
import { FormError } from "../ui/states";
import { useForm } from "../forms/use-form";
import { durationRule } from "../catalog/format";
import { DurationEditor } from "./duration-editor";
import { GroupPicker, type PickedGroup } from "./group-picker";
import { StepsEditor, newStep, type StepState } from "./steps-editor";

interface RoleState {
  name: string;
  description: string;
  privileged: boolean;
  durationRequired: boolean;
  allowedDurations: number[];
  maxDurationMinutes: number | null;
  groups: PickedGroup[];
  steps: StepState[];
}

const FIELDS = ["name", "description", "privileged", "durationRequired", "allowedDurations", "maxDurationMinutes", "groupIds", "steps"];

function fromRole(role?: CatalogRole): RoleState {
  if (!role) {
    return { name: "", description: "", privileged: false, durationRequired: false, allowedDurations: [], maxDurationMinutes: null, groups: [], steps: [] };
  }
  return {
    name: role.name,
    description: role.description,
    privileged: role.privileged,
    durationRequired: role.durationRequired,
    allowedDurations: [...role.allowedDurations],
    maxDurationMinutes: role.maxDurationMinutes,
    groups: role.groups.map((g) => ({ id: g.id, name: g.name, type: g.type, externalId: g.externalId, source: g.source })),
    steps: role.steps.map((s) => ({ ...newStep(s.kind), mode: s.mode, approver: s.approver ? { id: s.approver.id, displayName: s.approver.displayName, email: s.approver.email } : null })),
  };
}

/** Add or edit a role: what it grants, who approves, for how long. Validated as you type with roleInput. */
export function RoleForm({ app, role, onDone, onCancel }: { app: CatalogApp; role?: CatalogRole; onDone: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toInput = useCallback(
    (s: RoleState) => ({
      appId: app.id,
      name: s.name,
      description: s.description,
      privileged: s.privileged,
      durationRequired: s.durationRequired,
      allowedDurations: s.allowedDurations,
      maxDurationMinutes: s.maxDurationMinutes,
      groupIds: s.groups.map((g) => g.id),
      steps: s.steps.map((st) => ({ kind: st.kind, mode: st.mode, approverPersonId: st.kind === "NAMED" ? (st.approver?.id ?? null) : null })),
    }),
    [app.id],
  );
  const f = useForm<RoleState>({ initial: fromRole(role), schema: roleInput, toInput, fields: FIELDS });
  const save = useMutation(
    trpc.catalog.saveRole.mutationOptions({
      onSuccess: async () => {
        await Promise.all([qc.invalidateQueries({ queryKey: trpc.catalog.app.queryKey({ appId: app.id }) }), qc.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() })]);
        onDone();
      },
      onError: f.onServerError,
    }),
  );
  const s = f.state;
  const manual = app.provisioningMode === "MANUAL";
  const groupsError = f.error("groupIds", true) ?? (f.submitted && !manual && s.groups.length === 0 ? "Pick at least one group" : null);

  return (
    <form
      noValidate
      aria-label={role ? `Edit role ${role.name}` : "Add role"}
      className="divide-y divide-slate-200 rounded-lg border border-indigo-200 bg-white shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const input = f.prepareSubmit();
        if (!input || (!manual && s.groups.length === 0)) return;
        save.mutate({ ...(input as ReturnType<typeof toInput>), ...(role ? { roleId: role.id } : {}) });
      }}
    >
      <div className="px-5 py-4">
        <h3 className="text-sm font-semibold text-slate-900">{role ? `Edit ${role.name}` : `Add a role to ${app.name}`}</h3>
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <Field label="Role name" error={f.error("name")} hint="What people ask for, e.g. “Read-only” or “Administrator”.">
            {(p) => <Input {...p} value={s.name} onChange={(e) => f.set({ name: e.target.value })} maxLength={80} autoFocus />}
          </Field>
          <Field label="Description" optional error={f.error("description")} hint="What the role lets someone do.">
            {(p) => <Textarea {...p} rows={2} value={s.description} onChange={(e) => f.set({ description: e.target.value })} />}
          </Field>
        </div>
      </div>

      <div className="px-5 py-4">
        {manual ? (
          <p className="text-sm text-slate-600">This app is provisioned by hand: the app owner gets a task for each approved request. Roles map to no group.</p>
        ) : (
          <GroupPicker selected={s.groups} onChange={(groups) => f.set({ groups }, ["groupIds"])} error={groupsError} />
        )}
      </div>

      <div className="px-5 py-4">
        <StepsEditor steps={s.steps} onChange={(steps) => f.set({ steps })} error={f.error("steps")} stepError={(i) => f.error(`steps.${i}.approverPersonId`)} owners={app.owners} />
      </div>

      <div className="grid gap-5 px-5 py-4 md:grid-cols-2">
        <div className="space-y-3">
          <Checkbox
            label="Privileged"
            hint="Admin-level access: always time-bound and never auto-approved."
            checked={s.privileged}
            onChange={(v) => f.set(v ? { privileged: v, durationRequired: true } : { privileged: v })}
            error={f.error("privileged")}
          />
          <Checkbox
            label="Require a duration"
            hint="Access ends automatically; nobody can hold it permanently."
            checked={s.durationRequired}
            onChange={(v) => f.set({ durationRequired: v })}
            error={f.error("durationRequired")}
          />
          <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
            People will see: <span className="font-medium text-slate-800">{durationRule({ durationRequired: s.durationRequired, allowedDurations: s.allowedDurations, maxDurationMinutes: s.maxDurationMinutes })}</span>
          </p>
        </div>
        <DurationEditor
          allowed={s.allowedDurations}
          onAllowed={(allowedDurations) => f.set({ allowedDurations })}
          max={s.maxDurationMinutes}
          onMax={(maxDurationMinutes) => f.set({ maxDurationMinutes })}
          allowedError={f.error("allowedDurations", true)}
          maxError={f.error("maxDurationMinutes")}
        />
      </div>

      <div className="flex flex-wrap items-center gap-3 rounded-b-lg bg-slate-50 px-5 py-3">
        <Button type="submit" variant="primary" busy={save.isPending}>{role ? "Save role" : "Add role"}</Button>
        <Button onClick={onCancel} disabled={save.isPending}>Cancel</Button>
        {f.invalidCount > 0 && !f.serverError && <p role="alert" className="text-xs font-medium text-red-700">Fix the highlighted fields to save.</p>}
        <FormError error={f.serverError} className="w-full" />
      </div>
    </form>
  );
}
