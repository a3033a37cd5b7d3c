"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight, KeyRound } from "lucide-react";
import { useTRPC } from "../trpc";
import { EvidencePageFrame, td, th } from "./evidence-page-frame";
import { endReasonWords } from "../grants/grant-format";
import { Avatar } from "../ui/avatar";
import { Card, Facts, Section } from "../ui/page";
import { EmptyState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { count, sourceWords, TimeZoneNote, When, type PersonEvidenceDto } from "./format";


/** /evidence/people/[personId]: every grant a person held through Gatehouse, each leading to its trace. */
export function PersonEvidencePage({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.evidence.person.queryOptions({ personId }));
  return <EvidencePageFrame query={q} subject="this person's">{(e) => <PersonEvidenceView e={e} />}</EvidencePageFrame>;
}

function PersonEvidenceView({ e }: { e: PersonEvidenceDto }) {
  const p = e.person;
  const active = e.grants.filter((g) => g.status === "ACTIVE").length;
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex items-start gap-3">
          <Avatar name={p.displayName} className="size-10 text-sm" />
          <div>
            <p className="text-xs font-medium text-slate-500">Person evidence</p>
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-xl font-semibold tracking-tight text-slate-900">{p.displayName}</h1>
              <StatusBadge status={p.status} />
            </div>
            <p className="text-sm text-slate-600">{[p.email, p.title, p.department].filter(Boolean).join(" · ")}</p>
          </div>
        </div>
        <div className="flex flex-col items-end gap-2">
          <Link href={`/people/${p.id}`} className="text-sm font-medium text-indigo-700 hover:underline">Directory profile</Link>
          <TimeZoneNote />
        </div>
      </header>

      <Card className="mt-5 px-5 py-4">
        <Facts
          items={[
            { label: "Grants (all time)", value: count(e.grantCount) },
            { label: "Active now", value: count(active) },
            { label: "Last sign-in", value: <When date={p.lastLoginAt} relative={false} short fallback="Never" /> },
            { label: "Manager", value: p.manager ? <Link className="text-indigo-700 hover:underline" href={`/evidence/people/${p.manager.id}`}>{p.manager.displayName}</Link> : "None" },
            { label: "Reviewed items", value: count(e.reviewCount) },
            ...(p.terminationDate ? [{ label: "Terminated", value: <When date={p.terminationDate} relative={false} short /> }] : []),
          ]}
        />
      </Card>

      <Section id="grants" title={`Grants · ${count(e.grantCount)}`} description={`Every access Gatehouse gave ${p.displayName.split(" ")[0]}, newest first. Open one for its four answers.${e.grantCount > e.grants.length ? ` Showing the newest ${count(e.grants.length)}; export grants as CSV for the rest.` : ""}`}>
        {e.grants.length === 0 ? (
          <EmptyState icon={<KeyRound aria-hidden className="size-5" />} title="No grants">Gatehouse has never granted this person access.</EmptyState>
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">Grants of {p.displayName}, newest first</caption>
              <thead>
                <tr>
                  {["Access", "Groups", "Status", "How", "Active from", "Ended / expires", ""].map((h, i) => (
                    <th key={i} scope="col" className={th}>{h || <span className="sr-only">Trace</span>}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
                {e.grants.map((g) => (
                  <tr key={g.id} className="hover:bg-slate-50">
                    <td className={td}>
                      <Link href={`/evidence/grants/${g.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{g.app} · {g.role}</Link>
                      {g.jiraIssueKey && <div className="font-mono text-xs text-slate-500">{g.jiraIssueKey}</div>}
                    </td>
                    <td className={`${td} font-mono text-xs text-slate-600`}>{g.groups.length ? g.groups.map((n) => `okta:${n}`).join(", ") : "—"}</td>
                    <td className={td}><StatusBadge status={g.status} /></td>
                    <td className={`${td} text-xs text-slate-600`}>{sourceWords(g.source)}</td>
                    <td className={`${td} text-xs text-slate-600`}><When date={g.activatedAt} relative={false} fallback="Never" /></td>
                    <td className={`${td} text-xs text-slate-600`}>
                      {g.endedAt ? <><When date={g.endedAt} relative={false} /><div className="text-slate-500">{endReasonWords(g.endReason)}</div></> : g.expiresAt ? <>expires <When date={g.expiresAt} relative={false} /></> : "No expiry"}
                    </td>
                    <td className={td}>
                      <Link href={`/evidence/grants/${g.id}`} aria-label={`Trace ${g.app} · ${g.role}`} className="inline-flex items-center gap-1 text-xs font-medium text-indigo-700 hover:underline">
                        Trace <ArrowRight aria-hidden className="size-3.5" />
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      {e.otherRequests.length > 0 && (
        <Section id="requests" title={`Requests that granted nothing · ${count(e.otherRequests.length)}`} description="Denied, cancelled, pending or failed requests, and extensions of existing grants.">
          <div className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">Requests for {p.displayName} that created no grant</caption>
              <thead>
                <tr>{["Access", "Jira", "Status", "Requested", "Decided"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
              </thead>
              <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
                {e.otherRequests.map((r) => (
                  <tr key={r.id} className="hover:bg-slate-50">
                    <td className={td}>
                      <Link href={r.extendsGrantId ? `/evidence/grants/${r.extendsGrantId}` : `/evidence/requests/${r.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {r.app} · {r.role}{r.extendsGrantId ? " (extension)" : ""}
                      </Link>
                    </td>
                    <td className={`${td} font-mono text-xs text-slate-600`}>{r.jiraIssueKey ?? "—"}</td>
                    <td className={td}><StatusBadge status={r.status} /></td>
                    <td className={`${td} text-xs text-slate-600`}><When date={r.createdAt} relative={false} /></td>
                    <td className={`${td} text-xs text-slate-600`}><When date={r.decidedAt} relative={false} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}
