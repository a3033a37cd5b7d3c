"use client";

import { useState } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTRPC } from "../trpc";
import type { RouterOutputs } from "../types";
import { Button } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { SearchInput } from "../ui/search-input";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { useUrlFilters, useUrlSearch } from "../ui/hooks";
import { VerificationResult, VerifyChainButton } from "./verify-chain-panel";

const PAGE = 50;
type Verification = RouterOutputs["audit"]["verify"];
type AuditEventRow = RouterOutputs["audit"]["list"]["events"][number];

/** The tenant's audit log, newest first, with the hash chain's verification on demand. */
export function AuditLog() {
  const trpc = useTRPC();
  const [filters, setFilters] = useUrlFilters(["action", "subject"] as const);
  const [actionText, setActionText, action] = useUrlSearch(filters.action, (v) => setFilters({ action: v }));
  const [subjectText, setSubjectText, subject] = useUrlSearch(filters.subject, (v) => setFilters({ subject: v }));
  const [verification, setVerification] = useState<Verification | null>(null);
  const input = {
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(subject.trim() ? { subjectId: subject.trim() } : {}),
    limit: PAGE,
  };
  const q = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.pages.flatMap((p) => p.events) ?? [];
  const headSeq = q.data?.pages[0]?.headSeq ?? 0;
  const filtered = Boolean(input.action || input.subjectId);
  const clear = () => {
    setActionText("");
    setSubjectText("");
    setFilters({ action: "", subject: "" });
  };

  return (
    <Page wide>
      <PageHeader
        title="Audit log"
        count={q.data ? `${headSeq.toLocaleString("en-US")} ${headSeq === 1 ? "event" : "events"}` : null}
        description="Every change Gatehouse made, append-only. Each event stores the hash of the one before it, so an edited or deleted event breaks the chain."
        actions={<VerifyChainButton onResult={setVerification} />}
      />
      {verification && <VerificationResult result={verification} />}
      <div className="mb-4 flex flex-wrap gap-3">
        <SearchInput value={actionText} onChange={setActionText} label="Filter by action (prefix, e.g. grant.)" placeholder="Action, e.g. grant." className="w-64" />
        <SearchInput value={subjectText} onChange={setSubjectText} label="Filter by subject id" placeholder="Subject id" className="w-72" />
      </div>

      {q.isPending ? (
        <TableSkeleton rows={12} cols={6} label="Loading the audit log" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="The audit log could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No event matches these filters" action={<Button size="sm" onClick={clear}>Clear filters</Button>}>
            The action filter matches the start of the action, e.g. “grant.” or “request.created”; the subject id must match exactly.
          </EmptyState>
        ) : (
          <EmptyState icon={<ScrollText aria-hidden className="size-5" />} title="No events yet">
            Events appear here as soon as anything changes in this workspace.
          </EmptyState>
        )
      ) : (
        <>
          <div className={`rounded-lg border border-slate-200 bg-white transition-opacity ${q.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  {["#", "Time", "Actor", "Action", "Subject", "Hash"].map((h, i, all) => (
                    <th
                      key={h}
                      scope="col"
                      className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium first:pl-4 last:pr-4 ${i === 0 ? "rounded-tl-lg text-right" : ""} ${i === all.length - 1 ? "rounded-tr-lg" : ""}`}
                    >
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{rows.map((e) => <AuditRow key={e.id} event={e} broken={verification?.firstBroken?.seq === e.seq} />)}</tbody>
            </table>
          </div>
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <span aria-live="polite">Showing {rows.length.toLocaleString("en-US")}{filtered ? " matching" : ""} events</span>
            {q.hasNextPage && (
              <Button onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>
                Load {PAGE} more
              </Button>
            )}
          </div>
        </>
      )}
    </Page>
  );
}

function AuditRow({ event: e, broken }: { event: AuditEventRow; broken: boolean }) {
  const details = Object.keys(e.data ?? {}).length ? JSON.stringify(e.data, null, 2) : null;
  return (
    <tr className={`align-top hover:bg-slate-50 [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0 ${broken ? "bg-red-50" : ""}`}>
      <td className="px-3 py-2 pl-4 text-right tabular-nums text-slate-500">{e.seq.toLocaleString("en-US")}</td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600"><RelativeTime date={e.at} /></td>
      <td className="max-w-56 px-3 py-2">
        <div className="truncate text-slate-900" title={e.actorLabel}>{e.actorLabel}</div>
        <div className="text-xs text-slate-500">{e.actorType}</div>
      </td>
      <td className="px-3 py-2">
        <code className="font-mono text-xs text-slate-900">{e.action}</code>
        {details && (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">Details</summary>
            <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-700">{details}</pre>
          </details>
        )}
      </td>
      <td className="max-w-64 px-3 py-2">
        <div className="text-xs text-slate-500">{e.subjectType}</div>
        <code className="block truncate font-mono text-xs text-slate-800" title={e.subjectId}>{e.subjectId}</code>
      </td>
      <td className="px-3 py-2 pr-4">
        <code className="font-mono text-xs text-slate-600" title={e.hash}>{e.shortHash}…</code>
      </td>
    </tr>
  );
}
