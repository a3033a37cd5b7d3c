"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { readsDirectory } from "../shell/access";
import { useUrlFilters } from "../ui/hooks";
import { Button, ButtonLink } from "../ui/button";
import { FilterChips } from "../ui/chips";
import { Card, Page, PageHeader } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { durationWords, overallStatus } from "./format";

const statuses = [
  { value: "", label: "All" },
  { value: "PENDING", label: "Pending" },
  { value: "APPROVED", label: "Approved" },
  { value: "DENIED", label: "Denied" },
  { value: "CANCELLED", label: "Cancelled" },
  { value: "FAILED", label: "Failed" },
];

export function RequestsPage() {
  const trpc = useTRPC();
  const me = useMe();
  const router = useRouter();
  const wide = readsDirectory(me);
  const [f, setF] = useUrlFilters(["scope", "status"] as const);
  const scope = wide && f.scope === "all" ? "all" : "mine";
  const status = (f.status || undefined) as "PENDING" | "APPROVED" | "DENIED" | "CANCELLED" | "FAILED" | undefined;
  const q = useInfiniteQuery(
    trpc.requests.list.infiniteQueryOptions({ scope, status, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }),
  );
  const rows = q.data?.pages.flatMap((p) => p.requests) ?? [];
  const total = q.data?.pages[0]?.total;
  return (
    <Page wide>
      <PageHeader
        title="Requests"
        count={total != null ? `${total} request${total === 1 ? "" : "s"}${status ? ` · ${status.toLowerCase()}` : ""}` : undefined}
        description={scope === "all" ? "Every access request in this workspace." : "Requests you made, or that others made for you."}
        actions={<ButtonLink href="/catalog" variant="primary">Request access</ButtonLink>}
      />
      <div className="mb-4 flex flex-wrap items-center gap-4">
        {wide && (
          <FilterChips label="Whose requests" value={scope === "all" ? "all" : "mine"} onChange={(v) => setF({ scope: v === "all" ? "all" : "" })}
            options={[{ value: "mine", label: "Mine" }, { value: "all", label: "All requests" }]} />
        )}
        <FilterChips label="Status" value={f.status} onChange={(v) => setF({ status: v })} options={statuses} />
      </div>
      {q.isPending ? (
        <div role="status" className="space-y-2"><span className="sr-only">Loading requests…</span><Skeleton className="h-64 w-full" /></div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="Requests could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={<FileText aria-hidden className="size-5" />} title={status ? "No requests with this status" : "No requests yet"}
          action={status ? <Button onClick={() => setF({ status: "" })}>Show all</Button> : <ButtonLink href="/catalog" variant="primary">Browse the catalog</ButtonLink>}>
          {status ? "Try another status." : "Find an app in the catalog and request the role you need."}
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Requests</caption>
            <thead className="sticky top-0 z-10 bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Access</th>
                <th scope="col" className="px-4 py-2 font-medium">For</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Step / until</th>
                <th scope="col" className="px-4 py-2 font-medium">Duration</th>
                <th scope="col" className="px-4 py-2 font-medium">Jira</th>
                <th scope="col" className="px-4 py-2 font-medium">Requested</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="cursor-pointer hover:bg-slate-50" onClick={(e) => { if (!(e.target as HTMLElement).closest("a")) router.push(`/requests/${r.id}`); }}>
                  <td className="px-4 py-2.5"><Link href={`/requests/${r.id}`} className="font-medium text-slate-900 hover:underline">{r.app.name} · {r.roleName}</Link></td>
                  <td className="px-4 py-2.5 text-slate-700">{r.beneficiaryName}{r.requester.id !== r.beneficiaryId && <span className="block text-xs text-slate-500">by {r.requester.displayName}</span>}</td>
                  <td className="px-4 py-2.5"><StatusBadge status={overallStatus(r)} /></td>
                  <td className="px-4 py-2.5 text-slate-700">
                    {r.currentStep ? `Step ${r.currentStep.position + 1} of ${r.currentStep.of}` : r.expiresAt ? <RelativeTime date={r.expiresAt} /> : "—"}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{durationWords(r.durationMinutes)}</td>
                  <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{r.jiraIssueKey ?? "—"}</td>
                  <td className="px-4 py-2.5 text-slate-700"><RelativeTime date={r.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {q.hasNextPage && (
            <div className="border-t border-slate-100 px-4 py-2">
              <Button size="sm" busy={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>Load more</Button>
            </div>
          )}
        </Card>
      )}
    </Page>
  );
}
