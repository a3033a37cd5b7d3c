"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Play, Recycle } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin } from "../shell/access";
import { Page, PageHeader, Section } from "../ui/page";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState, FormError } from "../ui/states";
import { useUrlFilters } from "../ui/hooks";
import { CasesTable } from "./cases-table";
import { RecoveredTable } from "./recovered-table";
import { RulesTable } from "./rules-table";
import type { CaseTab } from "./types";

const TABS: { value: CaseTab; label: string; empty: string }[] = [
  { value: "NOTIFIED", label: "Pending", empty: "No notice is pending. Holders of unused access are notified here, with a grace period to keep it." },
  { value: "KEPT", label: "Kept", empty: "Nobody has kept unused access yet. Keeping needs a reason, and it shows here." },
  { value: "RECLAIMED", label: "Reclaimed", empty: "Nothing reclaimed yet. Access nobody keeps within the grace period is removed and listed here with its Jira issue." },
  { value: "FLAGGED", label: "Flagged", empty: "Nothing flagged. Access without any usage data (no app sign-ins and no sign-in to the directory on record; SCIM reports none) would be listed here, and never reclaimed." },
];

/** /reclaim: per-app rules, the cases they raised, and the licences recovered. Admins act; auditors read. */
export function ReclaimPage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const admin = isAdmin(useMe());
  const [filters, setFilters] = useUrlFilters(["tab"] as const);
  const tab = (TABS.some((t) => t.value === filters.tab) ? filters.tab : "NOTIFIED") as CaseTab;
  const [done, setDone] = useState<string | null>(null);
  const rules = useQuery(trpc.reclaim.rules.queryOptions());
  const counts = useQuery({ ...trpc.reclaim.counts.queryOptions(), refetchInterval: 30_000 });
  const cases = useQuery({ ...trpc.reclaim.cases.queryOptions({ status: tab }), refetchInterval: 30_000 });
  const recovered = useQuery(trpc.reclaim.recovered.queryOptions());
  const run = useMutation(trpc.reclaim.runNow.mutationOptions({
    onSuccess: async (r) => {
      const errors = r.usageErrors.length ? ` The System Log could not be read for ${r.usageErrors.length} app${r.usageErrors.length === 1 ? "" : "s"}; they were skipped.` : "";
      setDone(`Scan done: ${r.scan.notified} notified, ${r.scan.flagged} flagged, ${r.lapsed.reclaimed} reclaimed, ${r.lapsed.cleared + r.scan.cleared} cleared.${errors}`);
      await qc.invalidateQueries({ queryKey: trpc.reclaim.pathKey() });
    },
  }));
  const enabled = (rules.data ?? []).filter((r) => r.rule?.enabled).length;
  const c = counts.data;
  const headline = rules.data && c ? `${enabled} of ${rules.data.length} app${rules.data.length === 1 ? "" : "s"} on · ${c.NOTIFIED} pending · ${c.RECLAIMED} reclaimed` : null;

  return (
    <Page wide>
      <PageHeader
        title="Auto Reclaim"
        count={headline}
        description="Access nobody uses is given back. Last use comes from each app's sign-ins in the Okta System Log (Okta apps with an app id), otherwise the person's last sign-in to their directory (Okta, Entra ID or Google Workspace; SCIM reports none). Holders are notified in Gatehouse and by Slack and can keep it with a reason; access not kept within the grace period is removed, and a Jira issue documents it. Where there is no usage data at all, the access is flagged, never removed."
        actions={admin ? (
          <Button variant="primary" icon={<Play aria-hidden className="size-3.5" />} busy={run.isPending} onClick={() => { setDone(null); run.mutate(); }}>
            Run now
          </Button>
        ) : null}
      />
      <FormError error={run.error} className="mb-4" />
      {done && <p role="status" className="mb-4 flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"><Check aria-hidden className="size-4 text-emerald-600" />{done}</p>}

      <Section id="reclaim-rules" title="Rules per app" description={admin ? "Turn Auto Reclaim on per app; the defaults are 30 days unused and 7 days of grace." : undefined}>
        {rules.isPending ? (
          <TableSkeleton rows={4} cols={6} label="Loading rules" />
        ) : rules.isError ? (
          <ErrorState error={rules.error} title="Rules could not load" onRetry={() => void rules.refetch()} />
        ) : rules.data.length === 0 ? (
          <EmptyState icon={<Recycle aria-hidden className="size-5" />} title="No app in the catalog yet">
            Auto Reclaim works per app. Add apps in <Link href="/admin/apps" className="font-medium text-indigo-700 hover:underline">Apps &amp; roles</Link>, then turn it on here.
          </EmptyState>
        ) : (
          <RulesTable rows={rules.data} admin={admin} />
        )}
      </Section>

      <Section id="reclaim-cases" title="Cases">
        <div role="tablist" aria-label="Cases by status" className="mb-3 flex gap-1 border-b border-slate-200">
          {TABS.map((t) => {
            const selected = t.value === tab;
            return (
              <button
                key={t.value}
                type="button"
                role="tab"
                id={`reclaim-tab-${t.value}`}
                aria-selected={selected}
                aria-controls="reclaim-tabpanel"
                onClick={() => setFilters({ tab: t.value === "NOTIFIED" ? "" : t.value })}
                className={cn(
                  "-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium",
                  selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
                {c && <span className={cn("rounded-full px-1.5 text-xs tabular-nums", selected ? "bg-indigo-100 text-indigo-700" : "bg-slate-100 text-slate-500")}>{c[t.value]}</span>}
              </button>
            );
          })}
        </div>
        <div role="tabpanel" id="reclaim-tabpanel" aria-labelledby={`reclaim-tab-${tab}`}>
          {cases.isPending ? (
            <TableSkeleton rows={5} cols={6} label="Loading cases" />
          ) : cases.isError ? (
            <ErrorState error={cases.error} title="Cases could not load" onRetry={() => void cases.refetch()} />
          ) : cases.data.length === 0 ? (
            <EmptyState title={`No ${TABS.find((t) => t.value === tab)!.label.toLowerCase()} cases`}>{TABS.find((t) => t.value === tab)!.empty}</EmptyState>
          ) : (
            <CasesTable tab={tab} cases={cases.data} admin={admin} onKept={setDone} />
          )}
        </div>
      </Section>

      <Section id="reclaim-recovered" title="Licences recovered per app" description="Grants removed by Auto Reclaim: each one a seat that can be given back to the vendor.">
        {recovered.isPending ? (
          <TableSkeleton rows={3} cols={3} label="Loading licences recovered" />
        ) : recovered.isError ? (
          <ErrorState error={recovered.error} title="Licences recovered could not load" onRetry={() => void recovered.refetch()} />
        ) : recovered.data.length === 0 ? (
          <EmptyState title="No licence recovered yet">When Auto Reclaim removes unused access, the count per app appears here, this month and all time.</EmptyState>
        ) : (
          <RecoveredTable rows={recovered.data} />
        )}
      </Section>
    </Page>
  );
}
