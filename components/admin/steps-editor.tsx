"use client";

import { useId } from "react";
import { ArrowDown, ArrowUp, Plus, Trash2, X } from "lucide-react";
import { stepKinds } from "@/server/domain/catalog/schemas";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { inputClass } from "../ui/field";
import { approvalSummary } from "../catalog/format";
import { PersonPicker, type PickedPerson } from "./person-picker";

export type StepKind = (typeof stepKinds)[number];
export interface StepState { key: string; kind: StepKind; mode: "ANY" | "ALL"; approver: PickedPerson | null }

const kindOptions: { value: StepKind; label: string }[] = [
  { value: "MANAGER", label: "Requester's manager" },
  { value: "APP_OWNER", label: "App owners" },
  { value: "SECURITY", label: "Security team" },
  { value: "NAMED", label: "A named person" },
  { value: "AUTO", label: "Automatic (no approver)" },
];

let seq = 0;
export const newStep = (kind: StepKind = "MANAGER"): StepState => ({ key: `s${++seq}`, kind, mode: "ANY", approver: null });

/** Ordered approval steps: add, remove, reorder; kind, any/all, and the named approver. */
export function StepsEditor({ steps, onChange, error, stepError, owners }: {
  steps: StepState[]; onChange: (s: StepState[]) => void; error?: string | null; stepError: (i: number) => string | null;
  owners: { displayName: string }[];
}) {
  const id = useId();
  const update = (i: number, patch: Partial<StepState>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset aria-describedby={`${id}-d`} className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Approval steps</legend>
      <p id={`${id}-d`} className={cn("text-xs", error ? "font-medium text-red-700" : "text-slate-500")}>
        {error ?? "A request goes through the steps in order; each must approve before the next is asked."}
      </p>
      {steps.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-500">No approval steps yet — add at least one.</p>
      ) : (
        <ol className="space-y-2">
          {steps.map((s, i) => {
            const n = i + 1;
            const pickerId = `${id}-named-${s.key}`;
            const err = stepError(i);
            return (
              <li key={s.key} className="rounded-md border border-slate-200 bg-slate-50/60 p-2.5">
                <div className="flex flex-wrap items-center gap-2">
                  <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-full bg-white text-xs font-semibold text-slate-600 ring-1 ring-slate-200">{n}</span>
                  <label htmlFor={`${id}-kind-${s.key}`} className="sr-only">Step {n} approver</label>
                  <select
                    id={`${id}-kind-${s.key}`}
                    value={s.kind}
                    onChange={(e) => update(i, { kind: e.target.value as StepKind, approver: e.target.value === "NAMED" ? s.approver : null })}
                    className={cn(inputClass, "w-56")}
                  >
                    {kindOptions.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                  {(s.kind === "APP_OWNER" || s.kind === "SECURITY") && (
                    <>
                      <label htmlFor={`${id}-mode-${s.key}`} className="sr-only">Step {n}: who must approve</label>
                      <select id={`${id}-mode-${s.key}`} value={s.mode} onChange={(e) => update(i, { mode: e.target.value as "ANY" | "ALL" })} className={cn(inputClass, "w-40")}>
                        <option value="ANY">Any one of them</option>
                        <option value="ALL">All of them</option>
                      </select>
                    </>
                  )}
                  <div className="ml-auto flex items-center gap-0.5">
                    <IconButton label={`Move step ${n} up`} disabled={i === 0} onClick={() => move(i, -1)}><ArrowUp className="size-3.5" /></IconButton>
                    <IconButton label={`Move step ${n} down`} disabled={i === steps.length - 1} onClick={() => move(i, 1)}><ArrowDown className="size-3.5" /></IconButton>
                    <IconButton label={`Remove step ${n}`} onClick={() => onChange(steps.filter((_, j) => j !== i))} danger><Trash2 className="size-3.5" /></IconButton>
                  </div>
                </div>
                {s.kind === "APP_OWNER" && (
                  <p className="mt-1.5 pl-8 text-xs text-slate-500">
                    {owners.length ? `Today: ${owners.map((o) => o.displayName).join(", ")}.` : "This app has no owner yet — add one, or requests will wait for an admin."}
                  </p>
                )}
                {s.kind === "NAMED" && (
                  <div className="mt-2 pl-8">
                    {s.approver ? (
                      <span className="inline-flex items-center gap-1.5 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-200">
                        {s.approver.displayName}
                        <span className="text-xs text-slate-500">{s.approver.email}</span>
                        <button type="button" aria-label={`Change the approver of step ${n}`} onClick={() => update(i, { approver: null })} className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
                          <X aria-hidden className="size-3" />
                        </button>
                      </span>
                    ) : (
                      <div className="max-w-sm">
                        <label htmlFor={pickerId} className="mb-1 block text-xs font-medium text-slate-700">Step {n}: named approver</label>
                        <PersonPicker id={pickerId} label={`Step ${n} named approver`} onPick={(p) => update(i, { approver: p })} invalid={!!err} describedBy={err ? `${pickerId}-err` : undefined} />
                      </div>
                    )}
                    {err && <p id={`${pickerId}-err`} className="mt-1 text-xs font-medium text-red-700">{err}</p>}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button size="sm" icon={<Plus aria-hidden className="size-3.5" />} disabled={steps.length >= 5} onClick={() => onChange([...steps, newStep()])}>
          Add step
        </Button>
        {steps.length > 0 && (
          <p className="text-xs text-slate-500">
            Policy: <span className="font-medium text-slate-700">{approvalSummary(steps)}</span>
          </p>
        )}
      </div>
    </fieldset>
  );
}

function IconButton({ label, onClick, disabled, danger, children }: { label: string; onClick: () => void; disabled?: boolean; danger?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={cn("rounded p-1.5 text-slate-500 hover:bg-white hover:text-slate-900 disabled:opacity-30 disabled:hover:bg-transparent", danger && "hover:text-red-700")}
    >
      {children}
    </button>
  );
}
