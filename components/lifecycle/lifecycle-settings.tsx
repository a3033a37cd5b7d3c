"use client";

import { useEffect, useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { lifecycleSettingsInput } from "@/server/domain/lifecycle/save-lifecycle-settings";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { Checkbox, Input } from "../ui/field";
import { Card, Page, PageHeader } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { ErrorState, FormError } from "../ui/states";

/** Settings → Lifecycle: suspend leavers in the IdP, how long a mover's new manager has to confirm, and manual tasks' due time. */
export function LifecycleSettingsPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const q = useQuery(trpc.lifecycle.settings.queryOptions());
  const [suspendLeavers, setSuspend] = useState(false);
  const [days, setDays] = useState("7");
  const [taskDays, setTaskDays] = useState("3");
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (q.data) { setSuspend(q.data.suspendLeavers); setDays(String(q.data.moverConfirmDays)); setTaskDays(String(q.data.manualTaskDueDays)); }
  }, [q.data]);
  const save = useMutation(trpc.lifecycle.saveSettings.mutationOptions({
    onSuccess: async () => { setSaved(true); await qc.invalidateQueries({ queryKey: trpc.lifecycle.settings.queryKey() }); },
  }));
  const parsed = lifecycleSettingsInput.safeParse({ suspendLeavers, moverConfirmDays: Number(days), manualTaskDueDays: Number(taskDays) });
  const fieldError = (field: string, range: string) => !parsed.success && parsed.error.issues.some((i) => i.path[0] === field) ? `Give a whole number of days from ${range}` : null;
  const daysError = fieldError("moverConfirmDays", "1 to 90");
  const taskDaysError = fieldError("manualTaskDueDays", "1 to 30");
  return (
    <Page>
      <PageHeader title="Lifecycle" description="What Gatehouse does when someone moves or leaves, and how long manual work may take, on top of granting and removing access." />
      {q.isPending ? <Skeleton className="h-40 w-full" /> : q.isError ? (
        <ErrorState error={q.error} title="Lifecycle settings could not load" onRetry={() => void q.refetch()} />
      ) : (
        <Card className="max-w-2xl space-y-5 px-5 py-5">
          <form className="space-y-5" onSubmit={(e) => { e.preventDefault(); setSaved(false); if (parsed.success) save.mutate(parsed.data); }}>
            <Checkbox
              label="Suspend leavers in Okta, Entra ID, Google Workspace or SCIM"
              hint="Besides revoking every grant, suspend the person's account in their directory (Entra ID: disabled; SCIM: active=false) and read it back. Off: their account is left as it is."
              checked={suspendLeavers}
              onChange={(v) => { setSuspend(v); setSaved(false); }}
            />
            <div>
              <label htmlFor={`${id}-d`} className="block text-sm font-medium text-slate-800">Days a new manager has to confirm a mover's access</label>
              <p id={`${id}-h`} className="text-xs text-slate-500">Access the person had asked for (not from a bundle) is revoked if nobody confirms it in time.</p>
              <Input id={`${id}-d`} type="number" min={1} max={90} className="mt-1 w-28" value={days}
                aria-describedby={`${id}-h${daysError ? ` ${id}-e` : ""}`} aria-invalid={daysError ? true : undefined}
                onChange={(e) => { setDays(e.target.value); setSaved(false); }} />
              {daysError && <p id={`${id}-e`} className="mt-1 text-xs font-medium text-red-700">{daysError}</p>}
            </div>
            <div>
              <label htmlFor={`${id}-t`} className="block text-sm font-medium text-slate-800">Days an app owner has to set up or remove access by hand</label>
              <p id={`${id}-th`} className="text-xs text-slate-500">For apps without identity-provider groups. A task not done in time escalates to the admins, in the app, by Slack and on the Jira issue.</p>
              <Input id={`${id}-t`} type="number" min={1} max={30} className="mt-1 w-28" value={taskDays}
                aria-describedby={`${id}-th${taskDaysError ? ` ${id}-te` : ""}`} aria-invalid={taskDaysError ? true : undefined}
                onChange={(e) => { setTaskDays(e.target.value); setSaved(false); }} />
              {taskDaysError && <p id={`${id}-te`} className="mt-1 text-xs font-medium text-red-700">{taskDaysError}</p>}
            </div>
            <FormError error={save.error} />
            <div className="flex items-center gap-3">
              <Button type="submit" variant="primary" busy={save.isPending} disabled={!parsed.success}>Save</Button>
              {saved && <span role="status" className="flex items-center gap-1 text-sm text-emerald-800"><Check aria-hidden className="size-4" />Saved</span>}
            </div>
          </form>
        </Card>
      )}
    </Page>
  );
}
