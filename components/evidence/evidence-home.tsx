"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowRight, ClipboardCheck, FileText, KeyRound, SearchX, Users } from "lucide-react";
import { useTRPC } from "../trpc";
import { Page, PageHeader, Section } from "../ui/page";
import { SearchInput } from "../ui/search-input";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { Tag } from "../ui/badge";
import { useUrlFilters, useUrlSearch } from "../ui/hooks";
import { VerificationResult, VerifyChainButton } from "../audit/verify-chain-panel";
import type { RouterOutputs } from "../types";
import { ExportPanel } from "./export-panel";
import { count, sourceWords, TimeZoneNote, When, type SearchResultDto } from "./format";

type Verification = RouterOutputs["audit"]["verify"];

/** /evidence: find any request, grant, person or campaign and open its trace; export; verify the chain. */
export function EvidenceHome() {
  const trpc = useTRPC();
  const [filters, setFilters] = useUrlFilters(["q"] as const);
  const [text, setText, debounced] = useUrlSearch(filters.q, (v) => setFilters({ q: v }));
  const query = debounced.trim();
  const q = useQuery({
    ...trpc.evidence.search.queryOptions({ q: query }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
  });
  const [verification, setVerification] = useState<Verification | null>(null);
  return (
    <Page wide>
      <PageHeader
        title="Evidence"
        description="Trace any access change from the request to its approvals, the exact groups, whether it was still needed after 30 days, and the proof it was removed. Everything here is read-only."
        actions={<TimeZoneNote />}
      />
      <section aria-labelledby="trace-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="trace-title" className="text-sm font-semibold text-slate-900">Trace an access change</h2>
        <p className="mt-0.5 text-sm text-slate-500">Search by request or grant id, Jira key, person, app, role, group or review campaign.</p>
        <SearchInput
          value={text}
          onChange={setText}
          label="Search requests, grants, people and review campaigns"
          placeholder="e.g. ACCESS-12, Dana Lee, Salesforce, salesforce-admins, Q3 review"
          className="mt-3 max-w-2xl"
        />
        <div className="mt-4">
          {!query ? (
            <p className="text-xs text-slate-500">
              Every word must match: “dana salesforce” finds Dana's Salesforce requests and grants. Ids and Jira keys match in full.
            </p>
          ) : q.isPending ? (
            <TableSkeleton rows={4} cols={5} label="Searching" />
          ) : q.isError ? (
            <ErrorState error={q.error} title="The search failed" onRetry={() => void q.refetch()} />
          ) : (
            <div className={q.isPlaceholderData ? "opacity-60 transition-opacity" : "transition-opacity"}>
              <SearchResults r={q.data} />
            </div>
          )}
        </div>
      </section>

      <div className="mt-8 grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ExportPanel />
        <Section id="chain" title="Audit chain" description="Every change is an append-only event that stores the hash of the one before it. Verify recomputes every hash." className="mt-0">
          <div className="rounded-lg border border-slate-200 bg-white p-5">
            {verification && <VerificationResult result={verification} />}
            <div className="flex flex-wrap items-center justify-between gap-3">
              <Link href="/audit" className="text-sm font-medium text-indigo-700 hover:underline">Open the audit log</Link>
              <VerifyChainButton onResult={setVerification} />
            </div>
          </div>
        </Section>
      </div>
    </Page>
  );
}

function SearchResults({ r }: { r: SearchResultDto }) {
  const total = r.requests.rows.length + r.grants.rows.length + r.people.rows.length + r.campaigns.rows.length;
  if (total === 0) {
    return (
      <EmptyState icon={<SearchX aria-hidden className="size-5" />} title={`Nothing matches “${r.q}”`}>
        Ids and Jira keys must be typed in full; names, apps, roles and groups match any part. Every word must match.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-5" aria-live="polite">
      <p className="sr-only">{count(total)} results for {r.q}</p>
      {r.requests.rows.length > 0 && (
        <ResultGroup icon={<FileText aria-hidden className="size-4" />} title="Requests" n={r.requests.rows.length} more={r.requests.more}>
          {r.requests.rows.map((x) => (
            <ResultRow
              key={x.id}
              href={x.grantId ? `/evidence/grants/${x.grantId}` : `/evidence/requests/${x.id}`}
              label={`Trace request ${x.jiraIssueKey ?? x.id}: ${x.person.displayName}, ${x.app} · ${x.role}`}
              lead={<span className="font-mono text-xs text-slate-600">{x.jiraIssueKey ?? "no Jira key"}</span>}
              title={<>{x.person.displayName} <span className="text-slate-400">·</span> {x.app} · {x.role}{x.isExtension ? <Tag className="ml-2">extension</Tag> : null}</>}
              status={<StatusBadge status={x.grantStatus ?? x.status} />}
              when={<>Requested <When date={x.createdAt} relative={false} /></>}
            />
          ))}
        </ResultGroup>
      )}
      {r.grants.rows.length > 0 && (
        <ResultGroup icon={<KeyRound aria-hidden className="size-4" />} title="Grants" n={r.grants.rows.length} more={r.grants.more}>
          {r.grants.rows.map((g) => (
            <ResultRow
              key={g.id}
              href={`/evidence/grants/${g.id}`}
              label={`Trace grant: ${g.person.displayName}, ${g.app} · ${g.role}`}
              lead={<span className="text-xs text-slate-600">{g.jiraIssueKey ? <span className="font-mono">{g.jiraIssueKey}</span> : sourceWords(g.source)}</span>}
              title={<>{g.person.displayName} <span className="text-slate-400">·</span> {g.app} · {g.role}</>}
              status={<StatusBadge status={g.status} />}
              when={g.activatedAt ? <>Active from <When date={g.activatedAt} relative={false} /></> : <>Created <When date={g.createdAt} relative={false} /></>}
            />
          ))}
        </ResultGroup>
      )}
      {r.people.rows.length > 0 && (
        <ResultGroup icon={<Users aria-hidden className="size-4" />} title="People" n={r.people.rows.length} more={r.people.more}>
          {r.people.rows.map((p) => (
            <ResultRow
              key={p.id}
              href={`/evidence/people/${p.id}`}
              label={`Evidence of ${p.displayName}`}
              lead={<span className="text-xs text-slate-600">{p.department ?? "—"}</span>}
              title={<>{p.displayName} <span className="font-normal text-slate-500">{p.email}</span></>}
              status={<StatusBadge status={p.status} />}
              when={<span className="text-xs text-slate-600">{p.grantCount} grant{p.grantCount === 1 ? "" : "s"}</span>}
            />
          ))}
        </ResultGroup>
      )}
      {r.campaigns.rows.length > 0 && (
        <ResultGroup icon={<ClipboardCheck aria-hidden className="size-4" />} title="Review campaigns" n={r.campaigns.rows.length} more={r.campaigns.more}>
          {r.campaigns.rows.map((c) => (
            <ResultRow
              key={c.id}
              href={`/evidence/campaigns/${c.id}`}
              label={`Evidence of review campaign ${c.name}`}
              lead={<span className="text-xs text-slate-600">{c.itemCount} item{c.itemCount === 1 ? "" : "s"}</span>}
              title={c.name}
              status={<StatusBadge status={c.status} />}
              when={c.launchedAt ? <>Launched <When date={c.launchedAt} relative={false} /></> : <>Due <When date={c.dueAt} relative={false} /></>}
            />
          ))}
        </ResultGroup>
      )}
    </div>
  );
}

function ResultGroup({ icon, title, n, more, children }: { icon: ReactNode; title: string; n: number; more: boolean; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1.5 flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        <span className="text-slate-400">{icon}</span>{title} <span className="font-normal normal-case tracking-normal">· {more ? `first ${n}; refine the search for more` : n}</span>
      </h3>
      <ul aria-label={title} className="divide-y divide-slate-100 overflow-hidden rounded-md border border-slate-200">{children}</ul>
    </div>
  );
}

function ResultRow({ href, label, lead, title, status, when }: { href: string; label: string; lead: ReactNode; title: ReactNode; status: ReactNode; when: ReactNode }) {
  return (
    <li>
      <Link href={href} aria-label={label} className="group grid grid-cols-[8rem_minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1 px-3 py-2 hover:bg-slate-50 focus-visible:bg-slate-50 md:grid-cols-[8rem_minmax(0,1fr)_7rem_19rem_1rem]">
        <span className="truncate">{lead}</span>
        <span className="truncate text-sm font-medium text-slate-900">{title}</span>
        <span>{status}</span>
        <span className="hidden truncate text-xs text-slate-500 md:block">{when}</span>
        <ArrowRight aria-hidden className="hidden size-4 text-slate-300 group-hover:text-indigo-600 md:block" />
      </Link>
    </li>
  );
}
