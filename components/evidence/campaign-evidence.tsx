"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ClipboardCheck, ShieldCheck, ShieldQuestion } from "lucide-react";
import { useTRPC } from "../trpc";
import { EvidencePageFrame, td, th } from "./evidence-page-frame";
import { Badge } from "../ui/badge";
import { Card, Facts, Section } from "../ui/page";
import { EmptyState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { ReviewDecisionBadge } from "./grant-trace";
import { count, sourceWords, TimeZoneNote, When, type CampaignEvidenceDto } from "./format";


/** /evidence/campaigns/[campaignId]: a review campaign's completeness and every decision with its enforcement proof. */
export function CampaignEvidencePage({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.evidence.campaign.queryOptions({ campaignId }));
  return <EvidencePageFrame query={q} subject="this campaign's">{(e) => <CampaignView e={e} />}</EvidencePageFrame>;
}

const revocationWords: Record<string, { label: string; tone: "green" | "amber" | "slate" | "blue" }> = {
  NONE: { label: "—", tone: "slate" },
  PENDING: { label: "Removing", tone: "amber" },
  TASK: { label: "Manual task", tone: "blue" },
  CONFIRMED: { label: "Removed, proven", tone: "green" },
};

function CampaignView({ e }: { e: CampaignEvidenceDto }) {
  const c = e.campaign;
  const n = e.counts;
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="mb-1 text-xs font-medium text-slate-500">Review campaign evidence</p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{c.name}</h1>
            <StatusBadge status={c.status} />
          </div>
          {c.description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{c.description}</p>}
        </div>
        <TimeZoneNote />
      </header>

      <Card className="mt-5 px-5 py-4">
        <Facts
          items={[
            { label: "Items", value: count(n.items) },
            { label: "Decided", value: `${count(n.kept + n.revoked)} of ${count(n.items)}` },
            { label: "Kept / revoked", value: `${count(n.kept)} / ${count(n.revoked)}` },
            { label: "Revocations proven", value: `${count(n.revocationsConfirmed)} of ${count(n.revoked)}` },
            { label: "Launched", value: <When date={c.launchedAt} relative={false} short fallback="Not launched" /> },
            { label: "Due", value: <When date={c.dueAt} relative={false} short /> },
            { label: "Closed", value: c.closedAt ? <span title={c.closedBy ? `by ${c.closedBy}` : undefined}><When date={c.closedAt} relative={false} short /></span> : "Open" },
            { label: "Reviewers", value: c.reviewerMode === "manager" ? "Managers" : c.reviewerMode === "app_owner" ? "App owners" : "Named reviewers" },
          ]}
        />
      </Card>

      <Section id="items" title={`Decisions · ${count(n.items)}`} description={`What each reviewer saw and decided, and the proof every revocation was carried out.${n.items > e.items.length ? ` Showing the first ${count(e.items.length)}; export review decisions as CSV for all.` : ""}`}>
        {e.items.length === 0 ? (
          <EmptyState icon={<ClipboardCheck aria-hidden className="size-5" />} title="No items">This campaign has not been launched, so it has nothing to review yet.</EmptyState>
        ) : (
          <div className="rounded-lg border border-slate-200 bg-white">
            <table className="w-full border-separate border-spacing-0 text-sm">
              <caption className="sr-only">Review items of {c.name}</caption>
              <thead>
                <tr>{["Person", "Access", "Recommended", "Decision", "Reviewer", "Revocation"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
              </thead>
              <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
                {e.items.map((i) => {
                  const grantId = i.revocationGrantId ?? i.grantId;
                  const rev = revocationWords[i.revocation] ?? { label: i.revocation, tone: "slate" as const };
                  return (
                    <tr key={i.id} className="hover:bg-slate-50">
                      <td className={td}>
                        {/* An orphan account (from a manual app's account list) has no person to link to. */}
                        {i.personId ? <Link href={`/evidence/people/${i.personId}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{i.personName}</Link> : <span className="font-medium text-slate-900">{i.personName}</span>}
                        <div className="text-xs text-slate-500">{(i.personId ? [i.personTitle, i.personDepartment] : [i.personEmail, "not in the directory"]).filter(Boolean).join(" · ")}</div>
                      </td>
                      <td className={td}>
                        {grantId ? <Link href={`/evidence/grants/${grantId}`} className="text-slate-900 hover:text-indigo-700 hover:underline">{i.access}</Link> : <span className="text-slate-900">{i.access}</span>}
                        <div className="font-mono text-xs text-slate-500">{i.groups.map((g) => `okta:${g}`).join(", ")}</div>
                        <div className="text-xs text-slate-500">{sourceWords(i.howGranted)}</div>
                      </td>
                      <td className={`${td} text-xs text-slate-600`}>
                        <span className="font-medium text-slate-800">{i.recommendation === "KEEP" ? "Keep" : "Revoke"}</span>
                        <div className="max-w-56">{i.recommendationReason}</div>
                      </td>
                      <td className={td}>
                        <ReviewDecisionBadge decision={i.decision} />
                        {i.decidedAt && <div className="mt-1 text-xs text-slate-500"><When date={i.decidedAt} relative={false} /></div>}
                        {i.comment && <div className="mt-1 max-w-64 text-xs text-slate-700">“{i.comment}”</div>}
                      </td>
                      <td className={`${td} text-xs text-slate-600`}>{i.decidedBy ?? i.reviewer ?? "—"}</td>
                      <td className={td}>
                        {i.decision === "REVOKE" ? <Badge tone={rev.tone}>{rev.label}</Badge> : <span className="text-xs text-slate-400">—</span>}
                        {i.revocationCompletedAt && <div className="mt-1 text-xs text-slate-500"><When date={i.revocationCompletedAt} relative={false} /></div>}
                        {i.readBack?.detail && (
                          <div className={`mt-1 flex max-w-72 items-start gap-1 text-xs ${i.readBack.proven ? "text-emerald-900" : "text-amber-900"}`}>
                            {i.readBack.proven
                              ? <ShieldCheck aria-hidden className="mt-px size-3.5 shrink-0 text-emerald-600" />
                              : <ShieldQuestion aria-hidden className="mt-px size-3.5 shrink-0 text-amber-600" />}
                            <span><span className="sr-only">{i.readBack.proven ? "Proven: " : "Not proven: "}</span>{i.readBack.detail}</span>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}
