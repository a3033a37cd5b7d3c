"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin } from "../shell/access";
import { Page, PageHeader, Section } from "../ui/page";
import { FilterChips } from "../ui/chips";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { Button } from "../ui/button";
import { useUrlFilters } from "../ui/hooks";
import { DriftGroupsTable } from "./drift-groups-table";
import { DriftFindingsTable } from "./drift-findings-table";
import type { DriftStatus } from "./types";

const STATUSES: DriftStatus[] = ["OPEN", "REMOVED", "EXPLAINED"];
const words: Record<DriftStatus, string> = { OPEN: "Open", REMOVED: "Removed", EXPLAINED: "Explained" };

/** /drift: managed groups against the grants that explain their members; admins act, auditors read. */
export function DriftPage() {
  const trpc = useTRPC();
  const admin = isAdmin(useMe());
  const [filters, setFilters] = useUrlFilters(["status", "group"] as const);
  const status = (STATUSES.includes(filters.status as DriftStatus) ? filters.status : "OPEN") as DriftStatus;
  const groups = useQuery({ ...trpc.drift.groups.queryOptions(), refetchInterval: 30_000 });
  const findings = useQuery({
    ...trpc.drift.findings.queryOptions({ status, groupId: filters.group || undefined }),
    refetchInterval: 30_000,
    // Switching a filter keeps the current rows on screen until the new ones arrive.
    placeholderData: (previous) => previous,
  });
  const managed = groups.data?.managed ?? [];
  const open = managed.reduce((n, g) => n + g.open, 0);
  const withDrift = managed.filter((g) => g.open > 0).length;
  const authoritative = managed.filter((g) => g.authoritative).length;
  const group = managed.find((g) => g.id === filters.group);
  const headline = groups.data
    ? [`${open.toLocaleString()} unexplained member${open === 1 ? "" : "s"}`, `${withDrift} of ${managed.length} managed group${managed.length === 1 ? "" : "s"} with drift`, authoritative ? `${authoritative} authoritative` : null].filter(Boolean).join(" · ")
    : null;

  return (
    <Page wide>
      <PageHeader
        title="Drift"
        count={headline}
        description="After every directory sync, each member of a managed group is checked against the grants that explain it. Members no grant explains are listed here, with who added them and when where the directory logs it (Okta's System Log; Entra ID, Google Workspace and SCIM groups show it as unknown). Report only lists them; authoritative groups have them removed, with the read-back kept as evidence."
      />
      {groups.isPending ? (
        <TableSkeleton rows={4} cols={5} label="Loading groups" />
      ) : groups.isError ? (
        <ErrorState error={groups.error} title="Drift could not load" onRetry={() => void groups.refetch()} />
      ) : managed.length === 0 ? (
        <EmptyState icon={<ShieldCheck aria-hidden className="size-5" />} title="No managed group is mapped to a role yet">
          Drift compares the members of groups mapped to catalog roles with the grants of those roles. Map a group to a role in{" "}
          <Link href="/admin/apps" className="font-medium text-indigo-700 hover:underline">Apps &amp; roles</Link>, then sync.
        </EmptyState>
      ) : (
        <>
          <DriftGroupsTable groups={managed} admin={admin} selected={filters.group} onSelect={(id) => setFilters({ group: id === filters.group ? "" : id })} />
          {groups.data.unmanaged.length > 0 && (
            <p className="mt-2 text-xs text-slate-500">
              Never looked at (unmanaged, Gatehouse does not change them): {groups.data.unmanaged.map((g) => g.name).join(", ")}.
            </p>
          )}
          <Section
            id="findings"
            title={group ? `Findings in ${group.name}` : "Findings"}
            actions={group ? <Button size="sm" variant="ghost" onClick={() => setFilters({ group: "" })}>Show all groups</Button> : null}
          >
            <FilterChips
              label="Status"
              className="mb-3"
              value={status}
              onChange={(v) => setFilters({ status: v === "OPEN" || !v ? "" : v })}
              options={STATUSES.map((s) => ({ value: s, label: words[s], count: findings.data?.counts[s] }))}
            />
            {findings.isPending ? (
              <TableSkeleton rows={6} cols={6} label="Loading findings" />
            ) : findings.isError ? (
              <ErrorState error={findings.error} title="Findings could not load" onRetry={() => void findings.refetch()} />
            ) : findings.data.findings.length === 0 ? (
              status === "OPEN" ? (
                <EmptyState icon={<ShieldCheck aria-hidden className="size-5" />} title="No drift: every member of a managed group is explained by a grant">
                  {group ? `Every member of ${group.name} holds a grant that maps to it.` : "The last sync found no member that a grant does not explain."}
                </EmptyState>
              ) : (
                <EmptyState title={`No ${words[status].toLowerCase()} findings${group ? ` in ${group.name}` : ""}`} />
              )
            ) : (
              <>
                <DriftFindingsTable findings={findings.data.findings} admin={admin} />
                {findings.data.counts[status] > findings.data.findings.length && (
                  <p className="mt-2 text-xs text-slate-500">
                    Showing the {findings.data.findings.length.toLocaleString()} most recently seen of {findings.data.counts[status].toLocaleString()}: pick a group above to narrow the list.
                  </p>
                )}
              </>
            )}
          </Section>
        </>
      )}
    </Page>
  );
}
