"use client";

import Link from "next/link";
import { directoryPrefix } from "@/server/connectors/directory-kinds";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { endReasonWords } from "../grants/grant-format";
import { durationWords } from "../requests/format";
import { PrivilegedTag } from "../catalog/role-facts";
import { BackLink } from "../ui/back-link";
import { Badge, Tag } from "../ui/badge";
import { Page, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { RiskBadge, StatusBadge } from "../ui/status";
import { AnswerPanel, ApprovalSteps, AuditTimeline, JiraLink, PanelFacts, ProofItem, RequestFacts, EvidenceLoadError } from "./trace-parts";
import { names, plural, sourceWords, TimeZoneNote, When, type GrantTraceDto } from "./format";

/** /evidence/grants/[grantId]: the four answers about one grant, then its audit trail. */
export function GrantTracePage({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.evidence.grant.queryOptions({ grantId }),
    // Provisioning or removal in progress: watch the proof arrive, then stop.
    refetchInterval: (query) => (query.state.data && ["PENDING", "ENDING"].includes(query.state.data.grant.status) ? 2000 : false),
  });
  return (
    <Page>
      <BackLink href="/evidence">Evidence</BackLink>
      {q.isPending ? (
        <TraceSkeleton label="Loading the grant's evidence" />
      ) : q.isError ? (
        <EvidenceLoadError error={q.error} title="This grant's evidence could not load" onRetry={() => void q.refetch()} />
      ) : (
        <GrantTrace t={q.data} />
      )}
    </Page>
  );
}

export function TraceSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="space-y-4">
      <span className="sr-only">{label}…</span>
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-7 w-[28rem]" />
      <div className="grid gap-4 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => <Skeleton key={i} className="h-56 w-full" />)}
      </div>
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

function GrantTrace({ t }: { t: GrantTraceDto }) {
  const request = t.approval.request;
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="mb-1 text-xs font-medium text-slate-500">Grant trace · <span className="font-mono">{t.grant.id}</span></p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">
              <Link href={`/evidence/people/${t.holder.id}`} className="hover:underline">{t.holder.displayName}</Link>
              <span className="text-slate-400"> · </span>{t.app.name} · {t.role.name}
            </h1>
            <StatusBadge status={t.grant.status} />
            {t.role.privileged && <PrivilegedTag />}
            <RiskBadge risk={t.app.riskLevel} />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {t.holder.email}{t.holder.title ? ` · ${t.holder.title}` : ""}{t.holder.department ? ` · ${t.holder.department}` : ""}
            {t.grant.departmentAtGrant && t.grant.departmentAtGrant !== t.holder.department ? ` (was ${t.grant.departmentAtGrant} when granted)` : ""}
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          {request && <JiraLink keyName={request.jiraIssueKey} url={request.jiraIssueUrl} />}
          <TimeZoneNote />
        </div>
      </header>

      <div className="mt-5 grid gap-4 lg:grid-cols-2">
        <ApprovedBy t={t} />
        <Granted t={t} />
        <StillNeeded t={t} />
        <Removal t={t} />
      </div>

      <Section id="audit-trail" title={`Audit trail · ${plural(t.audit.length, "event")}`} description="The tamper-evident log of this grant and the requests behind it, oldest first. Each event carries the hash of the one before it.">
        <AuditTimeline events={t.audit} caption="Audit events of this grant" />
      </Section>
    </>
  );
}

function ApprovedBy({ t }: { t: GrantTraceDto }) {
  const r = t.approval.request;
  const people = r ? [...new Set(r.steps.flatMap((s) => s.decisions.filter((d) => d.decision === "APPROVE").map((d) => d.decider.displayName)))] : [];
  const bundle = t.approval.bundle;
  const answer = !r ? (bundle ? `Birthright, no approval needed: bundle “${bundle.name ?? "deleted"}”` : "No request explains this access") : r.autoApproved ? "Auto-approved by the role's policy" : people.length ? `Approved by ${names(people)}` : `Request ${r.status.toLowerCase()}`;
  return (
    <AnswerPanel n={1} id="approved-by" title="Approved by" answer={answer} tone={!r ? (bundle ? "good" : "warn") : r.status === "APPROVED" ? "good" : "bad"}>
      {r ? (
        <>
          <RequestFacts approval={r} />
          <ApprovalSteps approval={r} />
        </>
      ) : (
        <p className={bundle ? "rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800" : "rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"}>{t.approval.withoutRequest}</p>
      )}
      {t.approval.extensions.length > 0 && (
        <div className="border-t border-slate-100 pt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Extensions</h3>
          <ul className="mt-2 space-y-3">
            {t.approval.extensions.map((e) => (
              <li key={e.id} className="space-y-2">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-medium text-slate-900">{e.durationMinutes ? `+${durationWords(e.durationMinutes)}` : "Extension"}</span>
                  <StatusBadge status={e.status} />
                  <span className="text-xs text-slate-500">asked by {e.requester.displayName} · <When date={e.createdAt} relative={false} /></span>
                </div>
                <ApprovalSteps approval={e} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </AnswerPanel>
  );
}

function Granted({ t }: { t: GrantTraceDto }) {
  const { adds, notAdded } = t.granted;
  const groups = adds.map((a) => `${directoryPrefix(a.group.connection.kind)}:${a.group.name}`);
  const proven = adds.filter((a) => a.proves).length;
  return (
    <AnswerPanel
      n={2} id="granted" title="Granted"
      answer={<>{t.app.name} · {t.role.name}{groups.length ? <> <span className="font-normal text-slate-500">→</span> <span className="font-mono text-sm">{groups.join(", ")}</span></> : null}</>}
      tone={adds.length && proven === adds.length ? "good" : t.grant.status === "FAILED" ? "bad" : "warn"}
    >
      <PanelFacts
        items={[
          { label: "How granted", value: t.approval.bundle ? `Bundle “${t.approval.bundle.name ?? "deleted"}”: ${t.approval.bundle.rule ?? "rules matched"}` : sourceWords(t.grant.source) },
          { label: "Duration", value: durationWords(t.grant.durationMinutes) },
          { label: "Active from", value: <When date={t.grant.activatedAt} relative={false} fallback="Never activated" /> },
          { label: "Proof", value: adds.length ? `${proven} of ${plural(adds.length, "group")} read back as member` : "No group was added" },
        ]}
      />
      {t.grant.failureReason && <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">Provisioning failed: {t.grant.failureReason}</p>}
      {adds.length > 0 && (
        <ul aria-label="Groups added" className="space-y-2">
          {adds.map((a) => <ProofItem key={a.id} proof={a} removing={false} />)}
        </ul>
      )}
      {notAdded.length > 0 && (
        <p className="text-xs text-slate-500">
          The role also maps to {notAdded.map((g) => <Tag key={g.id} className="mr-1 font-mono">{directoryPrefix(g.connection.kind)}:{g.name}</Tag>)}
          {adds.length ? "— not added by this grant (mapped later, or not provisioned yet)." : "— not added yet."}
        </p>
      )}
    </AnswerPanel>
  );
}

function StillNeeded({ t }: { t: GrantTraceDto }) {
  const s = t.stillNeeded;
  const kept = s.reviews.filter((r) => r.decision === "KEEP").length;
  const revoked = s.reviews.filter((r) => r.decision === "REVOKE").length;
  const answer = {
    "never-active": "Never active: it was not held at all",
    "not-yet": `Not 30 days old yet (on ${s.checkpointAt ? dayOnly.format(new Date(s.checkpointAt)) : "—"})`,
    "ended-before": `No — ended after ${s.daysActive ? plural(s.daysActive, "day") : "less than a day"}, before the 30-day mark`,
    held: `Yes — still held 30 days after activation${s.reviews.length ? `; ${kept} review${kept === 1 ? "" : "s"} kept it${revoked ? `, ${revoked} revoked it` : ""}` : ""}`,
  }[s.verdict];
  return (
    <AnswerPanel n={3} id="still-needed" title={`Still needed after ${s.days} days?`} answer={answer} tone={s.verdict === "held" ? (revoked ? "bad" : kept ? "good" : "warn") : "neutral"}>
      <PanelFacts
        items={[
          { label: `${s.days}-day mark`, value: <When date={s.checkpointAt} relative={false} fallback="Not activated" /> },
          { label: "Held for", value: s.daysActive == null ? "—" : `${plural(s.daysActive, "day")}${t.grant.endedAt ? "" : " so far"}` },
          {
            label: "Holder's last sign-in",
            value: s.holderLastLoginAt ? <><When date={s.holderLastLoginAt} /><span className="block text-xs text-slate-500">{s.signedInSinceGrant ? "Since the grant started" : "Before the grant started"} · from the IdP</span></> : "Never signed in (per the IdP)",
          },
          { label: "Last use of the app", value: s.lastUsed ? <><When date={s.lastUsed.at} /><span className="block text-xs text-slate-500">as captured by “{s.lastUsed.campaign}”</span></> : <span className="text-slate-500">Not known (the IdP reports no per-app use)</span> },
        ]}
      />
      <div>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Access reviews · {s.reviews.length}</h3>
        {s.reviews.length === 0 ? (
          <p className="mt-1.5 text-sm text-slate-600">No access review has covered this grant yet.</p>
        ) : (
          <ul aria-label="Access reviews" className="mt-2 space-y-2">
            {s.reviews.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 px-3 py-2.5">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/evidence/campaigns/${r.campaign.id}`} className="text-sm font-medium text-indigo-700 hover:underline">{r.campaign.name}</Link>
                  <ReviewDecisionBadge decision={r.decision} />
                  {r.via === "adopted" && <Tag title="The reviewed access was a membership no grant explained; this grant was adopted for it">adopted</Tag>}
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {r.decision ? <>{r.decision === "KEEP" ? "Kept" : "Revoked"} by {r.decidedBy ?? r.reviewer ?? "—"} · <When date={r.decidedAt} relative={false} /></> : <>Waiting for {r.reviewer ?? "the reviewer"}</>}
                </p>
                {r.comment && <blockquote className="mt-1 border-l-2 border-slate-200 pl-2 text-sm text-slate-700">“{r.comment}”</blockquote>}
                <p className="mt-1 text-xs text-slate-500">Recommended {r.recommendation === "KEEP" ? "keep" : "revoke"}: {r.recommendationReason}</p>
                {r.decision === "REVOKE" && (
                  <p className={`mt-1 text-xs ${r.readBack?.proven ? "text-emerald-800" : "text-amber-800"}`}>
                    Revocation {r.revocation === "CONFIRMED" ? "confirmed" : r.revocation === "TASK" ? "handed to a manual task" : "in progress"}
                    {r.revocationCompletedAt ? <> · <When date={r.revocationCompletedAt} relative={false} /></> : null}
                    {r.readBack?.detail ? ` — ${r.readBack.detail}` : ""}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </AnswerPanel>
  );
}

const dayOnly = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

export function ReviewDecisionBadge({ decision }: { decision: string | null }) {
  if (decision === "KEEP") return <Badge tone="green" title="The reviewer kept the access">Kept</Badge>;
  if (decision === "REVOKE") return <Badge tone="red" title="The reviewer revoked the access">Revoked</Badge>;
  return <Badge tone="amber" title="Not decided yet">Pending</Badge>;
}

function Removal({ t }: { t: GrantTraceDto }) {
  const r = t.removal;
  const proven = r.removes.filter((x) => x.proves).length;
  const until = r.expiresAt ? <>expires <When date={r.expiresAt} relative={false} /></> : "no expiry (until removed)";
  const answer =
    r.status === "ENDED" ? <>Removed <When date={r.endedAt} relative={false} short /> · {endReasonWords(r.endReason)}</>
      : r.status === "ENDING" ? "Being removed now: waiting for the IdP to confirm"
        : r.status === "ACTIVE" ? <>Still active, {until}</>
          : r.status === "PENDING" ? "Not active yet: being added"
            : "Never became active: provisioning failed";
  return (
    <AnswerPanel n={4} id="removal" title="Removal" answer={answer} tone={r.status === "ENDED" ? (r.allProven ? "good" : "warn") : r.status === "ACTIVE" ? "neutral" : "warn"}>
      <PanelFacts
        items={[
          { label: "End reason", value: r.endReason ? endReasonWords(r.endReason) : <span className="text-slate-500">Not ended</span> },
          { label: "Ended by", value: r.endedBy ?? <span className="text-slate-500">—</span> },
          { label: "Removal started", value: <When date={r.endingAt} relative={false} /> },
          { label: "Ended", value: <When date={r.endedAt} relative={false} /> },
          ...(r.status === "ACTIVE" || r.status === "PENDING" ? [{ label: "Expires", value: r.expiresAt ? <When date={r.expiresAt} /> : "Never (until removed)" }] : []),
          ...(r.removes.length ? [{ label: "Proof", value: `${proven} of ${plural(r.removes.length, "group")} read back as gone` }] : []),
        ]}
      />
      {r.removes.length > 0 ? (
        <ul aria-label="Groups removed" className="space-y-2">
          {r.removes.map((a) => <ProofItem key={a.id} proof={a} removing />)}
        </ul>
      ) : r.status === "ENDED" ? (
        <p className="text-sm text-slate-600">Nothing to remove in the IdP: no group had been added.</p>
      ) : (
        <p className="text-sm text-slate-600">The removal proof appears here when the grant ends: each group's removal and the read-back showing the person is gone.</p>
      )}
    </AnswerPanel>
  );
}
