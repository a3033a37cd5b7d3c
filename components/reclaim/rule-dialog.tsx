"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { saveReclaimRuleInput } from "@/server/domain/reclaim/schemas";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Checkbox, Field, Input } from "../ui/field";
import { PersonPicker, type PickedPerson } from "../admin/person-picker";
import type { ReclaimRuleRow } from "./types";

/** Turn Auto Reclaim on for an app, or change its threshold, grace period and exemptions. */
export function RuleDialogButton({ row }: { row: ReclaimRuleRow }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const rule = row.rule;
  const [open, setOpen] = useState(false);
  const initial = () => ({
    enabled: rule ? rule.enabled : true,
    inactivityDays: String(rule?.inactivityDays ?? row.defaults.inactivityDays),
    graceDays: String(rule?.graceDays ?? row.defaults.graceDays),
    exemptRoleIds: rule?.exemptRoleIds ?? [],
    exemptPeople: (rule?.exemptPeople ?? []) as PickedPerson[],
  });
  const [s, setS] = useState(initial);
  const [tried, setTried] = useState(false);
  const save = useMutation(trpc.reclaim.saveRule.mutationOptions({
    onSuccess: async () => {
      setOpen(false);
      await qc.invalidateQueries({ queryKey: trpc.reclaim.pathKey() });
    },
  }));
  const input = {
    appId: row.appId, enabled: s.enabled, inactivityDays: Number(s.inactivityDays), graceDays: Number(s.graceDays),
    exemptRoleIds: s.exemptRoleIds, exemptPersonIds: s.exemptPeople.map((p) => p.id),
  };
  const parsed = saveReclaimRuleInput.safeParse({
    ...input,
    inactivityDays: s.inactivityDays.trim() === "" ? NaN : input.inactivityDays,
    graceDays: s.graceDays.trim() === "" ? NaN : input.graceDays,
  });
  const errorOf = (field: string) => {
    if (!tried || parsed.success) return null;
    const issue = parsed.error.issues.find((i) => i.path[0] === field);
    return issue ? (issue.code === "invalid_type" ? "Enter a whole number of days" : issue.message) : null;
  };
  const toggleRole = (id: string) => setS((x) => ({ ...x, exemptRoleIds: x.exemptRoleIds.includes(id) ? x.exemptRoleIds.filter((r) => r !== id) : [...x.exemptRoleIds, id] }));
  return (
    <>
      <Button size="sm" variant={rule ? "secondary" : "primary"} onClick={() => { setS(initial()); setTried(false); save.reset(); setOpen(true); }} aria-label={`${rule ? "Edit the Auto Reclaim rule of" : "Enable Auto Reclaim for"} ${row.appName}`}>
        {rule ? "Edit" : "Enable"}
      </Button>
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Auto Reclaim for ${row.appName}`}
        confirmLabel="Save rule"
        busy={save.isPending}
        error={save.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => (parsed.success ? save.mutate(input) : setTried(true))}
      >
        {!row.externalAppId && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            This app has no Okta app id, so last use is each person&apos;s last sign-in to their directory. On Okta, set the id on the app (Apps &amp; roles) to use the app&apos;s own sign-ins from the System Log; SCIM directories report no sign-ins, so their people are flagged, never reclaimed.
          </p>
        )}
        <Checkbox label="Reclaim unused access to this app" checked={s.enabled} onChange={(v) => setS((x) => ({ ...x, enabled: v }))} />
        <div className="grid grid-cols-2 gap-3">
          <Field label="Unused for (days)" hint="1 to 365" error={errorOf("inactivityDays")}>
            {(p) => <Input {...p} type="number" inputMode="numeric" min={1} max={365} value={s.inactivityDays} onChange={(e) => setS((x) => ({ ...x, inactivityDays: e.target.value }))} />}
          </Field>
          <Field label="Grace period (days)" hint="0 to 90" error={errorOf("graceDays")}>
            {(p) => <Input {...p} type="number" inputMode="numeric" min={0} max={90} value={s.graceDays} onChange={(e) => setS((x) => ({ ...x, graceDays: e.target.value }))} />}
          </Field>
        </div>
        {row.roles.length > 0 && (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Exempt roles</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {row.roles.map((r) => (
                <label key={r.id} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
                  <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={s.exemptRoleIds.includes(r.id)} onChange={() => toggleRole(r.id)} />
                  {r.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div>
          <PersonPicker label="Exempt people" excludeIds={s.exemptPeople.map((p) => p.id)} onPick={(p) => setS((x) => ({ ...x, exemptPeople: [...x.exemptPeople, p] }))} placeholder="Add a person who is never reclaimed…" />
          {s.exemptPeople.length > 0 && (
            <ul aria-label="Exempt people" className="mt-2 flex flex-wrap gap-1.5">
              {s.exemptPeople.map((p) => (
                <li key={p.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-700">
                  {p.displayName}
                  <button type="button" className="rounded-full p-0.5 hover:bg-slate-200" aria-label={`Remove ${p.displayName} from the exemptions`} onClick={() => setS((x) => ({ ...x, exemptPeople: x.exemptPeople.filter((q) => q.id !== p.id) }))}>
                    <X aria-hidden className="size-3" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </ConfirmDialog>
    </>
  );
}
