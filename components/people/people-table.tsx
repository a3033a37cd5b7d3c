"use client";

import Link from "next/link";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { FilterChips } from "../ui/chips";
import { Page, PageHeader } from "../ui/page";
import { RelativeTime } from "../ui/relative-time";
import { SearchInput } from "../ui/search-input";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { useUrlFilters, useUrlSearch } from "../ui/hooks";

const PAGE = 50;
const STATUSES = [
  { value: "", label: "Any status" },
  { value: "ACTIVE", label: "Active" },
  { value: "SUSPENDED", label: "Suspended" },
  { value: "DEPROVISIONED", label: "Deprovisioned" },
];

export function PeopleTable() {
  const trpc = useTRPC();
  const [filters, setFilters] = useUrlFilters(["q", "department", "status"] as const);
  const [text, setText, debounced] = useUrlSearch(filters.q, (v) => setFilters({ q: v }));
  const search = debounced.trim();
  const input = {
    ...(search ? { search } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    limit: PAGE,
  };
  const q = useInfiniteQuery({
    ...trpc.people.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const first = q.data?.pages[0];
  const rows = q.data?.pages.flatMap((p) => p.people) ?? [];
  const total = first?.total ?? 0;
  const filtered = !!(search || filters.department || filters.status);
  const departments = first?.departments ?? [];

  const count = first
    ? filtered
      ? `${total} ${total === 1 ? "person matches" : "people match"}`
      : `${total} ${total === 1 ? "person" : "people"} in the directory`
    : null;

  return (
    <Page wide>
      <PageHeader title="People" count={count} description="Everyone in the directory, and what each person can reach." />
      <div className="mb-4 space-y-3">
        <SearchInput value={text} onChange={setText} label="Search people by name, email or title" placeholder="Search name, email or title…" className="max-w-md" />
        <FilterChips
          label="Department"
          value={filters.department}
          onChange={(v) => setFilters({ department: v })}
          options={[{ value: "", label: "All departments" }, ...departments.map((d) => ({ value: d.name, label: d.name, count: d.count }))]}
        />
        <FilterChips label="Status" value={filters.status} onChange={(v) => setFilters({ status: v })} options={STATUSES} />
      </div>

      {q.isPending ? (
        <TableSkeleton rows={12} cols={7} label="Loading people" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="People could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title="Nobody matches these filters"
            action={<Button size="sm" onClick={() => { setText(""); setFilters({ q: "", department: "", status: "" }); }}>Clear filters</Button>}
          >
            Try a shorter search, or another department.
          </EmptyState>
        ) : (
          <EmptyState icon={<Users aria-hidden className="size-5" />} title="No people yet">
            People appear here after the first directory sync. Connect a directory (Okta, Entra ID, Google Workspace or SCIM) in Settings → Connections, then run a sync.
          </EmptyState>
        )
      ) : (
        <>
          <div className={`rounded-lg border border-slate-200 bg-white transition-opacity ${q.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">People, sorted by name</caption>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  {[["Name", ""], ["Title", ""], ["Department", ""], ["Manager", ""], ["Status", ""], ["Access", "text-right"], ["Last login", ""]].map(([h, cls], i, all) => (
                    <th
                      key={h}
                      scope="col"
                      className={`sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium first:pl-4 last:pr-4 ${cls} ${i === 0 ? "rounded-tl-lg" : ""} ${i === all.length - 1 ? "rounded-tr-lg" : ""}`}
                    >
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id} className="group hover:bg-slate-50 [&>td]:border-b [&>td]:border-slate-100 [&:last-child>td]:border-b-0">
                    <td className="max-w-64 px-3 py-2 pl-4">
                      <Link href={`/people/${p.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {p.displayName}
                      </Link>
                      <div className="truncate text-xs text-slate-500">{p.email}</div>
                    </td>
                    <td className="px-3 py-2 text-slate-700">{p.title ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-2 text-slate-700">{p.department ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-2">
                      {p.manager ? (
                        <Link href={`/people/${p.manager.id}`} className="text-slate-700 hover:text-indigo-700 hover:underline">{p.manager.displayName}</Link>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className="px-3 py-2"><StatusBadge status={p.status} /></td>
                    <td className="px-3 py-2 text-right tabular-nums text-slate-700" title={`${p.accessCount} group memberships`}>
                      {p.accessCount}
                      <span className="sr-only"> groups</span>
                    </td>
                    <td className="px-3 py-2 pr-4 text-slate-600"><RelativeTime date={p.lastLoginAt} fallback="Never" /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3 flex items-center justify-between text-xs text-slate-500">
            <span aria-live="polite">Showing {rows.length} of {total}</span>
            {q.hasNextPage && (
              <Button onClick={() => void q.fetchNextPage()} busy={q.isFetchingNextPage}>
                Load {Math.min(PAGE, total - rows.length)} more
              </Button>
            )}
          </div>
        </>
      )}
    </Page>
  );
}
