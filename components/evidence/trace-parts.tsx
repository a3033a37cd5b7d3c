"use client";

import Link from "next/link";
import { directoryPrefix } from "@/server/connectors/directory-kinds";
import type { ReactNode } from "react";
import { Bot, CircleAlert, ExternalLink, ShieldCheck, ShieldQuestion, Ticket } from "lucide-react";
import { stepKindLabels } from "../catalog/format";
import { durationWords } from "../requests/format";
import { Tag } from "../ui/badge";
import { cn } from "../ui/cn";
import { StatusBadge } from "../ui/status";
import { ErrorState, NotFoundState } from "../ui/states";
import { errorInfo, isNotFound } from "../ui/errors";
import { channelWords, names, When, type ApprovalDto, type AuditEventDto, type ProofDto } from "./format";

/** A trace that could not load: the standard not-found state (another workspace's id lands here too), or the error with a retry. */
export function EvidenceLoadError({ error, title, onRetry }: { error: unknown; title: string; onRetry: () => void }) {
  if (isNotFound(error)) return <NotFoundState message={errorInfo(error).message} backHref="/evidence" backLabel="Back to Evidence" className="mt-6" />;
  return <ErrorState error={error} title={title} onRetry={onRetry} />;
}

type Tone = "good" | "warn" | "bad" | "neutral";
const toneRing: Record<Tone, string> = {
  good: "bg-emerald-600",
  warn: "bg-amber-500",
  bad: "bg-red-600",
  neutral: "bg-slate-400",
};

/**
 * One of the four answers: a numbered, labelled region whose first line is the answer itself, with the
 * proof below. The number and the heading name the region for screen readers.
 */
export function AnswerPanel({ n, id, title, answer, tone = "neutral", children }: {
  n: number; id: string; title: string; answer: ReactNode; tone?: Tone; children?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white">
      <header className="border-b border-slate-100 px-5 pt-4 pb-3">
        <div className="flex items-center gap-2">
          <span aria-hidden className="flex size-5 items-center justify-center rounded-full bg-slate-900 text-[11px] font-semibold text-white">{n}</span>
          <h2 id={`${id}-title`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
        </div>
        <div className="mt-2 flex items-start gap-2">
          <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", toneRing[tone])} />
          <p className="text-[15px] font-semibold leading-snug text-slate-900">{answer}</p>
        </div>
      </header>
      <div className="flex-1 space-y-3 px-5 py-4 text-sm text-slate-700">{children}</div>
    </section>
  );
}

/** Label / value rows inside a panel. */
export function PanelFacts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-[9.5rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {items.map((it) => (
        <div key={it.label} className="contents">
          <dt className="text-slate-500">{it.label}</dt>
          <dd className="min-w-0 break-words text-slate-900">{it.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A group change and the read-back that proves it: member after an add, gone after a removal. */
export function ProofItem({ proof, removing }: { proof: ProofDto; removing: boolean }) {
  const rb = proof.readBack;
  return (
    <li className="rounded-md border border-slate-200 px-3 py-2.5">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <code className="rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-900">{directoryPrefix(proof.group.connection.kind)}:{proof.group.name}</code>
        <StatusBadge status={rb?.kept ? "skipped" : proof.status} title={rb?.kept ? "Kept: another grant still needs this group" : undefined} />
        <span className="text-xs text-slate-500">{proof.attempts} attempt{proof.attempts === 1 ? "" : "s"}</span>
      </div>
      <div className="mt-1 text-xs text-slate-500">
        Group id <span className="font-mono text-slate-700">{proof.group.externalId}</span> · {proof.group.type}
        {" · "}user id <span className="font-mono text-slate-700">{proof.personExternalId}</span>
      </div>
      {proof.lastError && <p className="mt-1 text-xs text-red-800">Last error: {proof.lastError}</p>}
      {rb?.kept ? (
        <p className="mt-1.5 text-xs text-slate-700">Kept in the group: {rb.detail}</p>
      ) : rb ? (
        <div className={cn("mt-1.5 flex items-start gap-1.5 text-xs", proof.proves ? "text-emerald-900" : "text-amber-900")}>
          {proof.proves ? <ShieldCheck aria-hidden className="mt-px size-3.5 shrink-0 text-emerald-600" /> : <ShieldQuestion aria-hidden className="mt-px size-3.5 shrink-0 text-amber-600" />}
          <div>
            <span className="font-semibold">
              Read-back: {rb.isMember == null ? "no answer" : rb.isMember ? "member" : "not a member"}
              {proof.proves ? (removing ? " — removal proven" : " — membership proven") : ""}
            </span>
            {rb.detail && <span className="block text-slate-600">{rb.detail}</span>}
            <span className="block text-slate-500">
              Checked <When date={rb.checkedAt ?? proof.completedAt} relative={false} />
            </span>
          </div>
        </div>
      ) : proof.status === "PENDING" ? (
        <p className="mt-1.5 text-xs text-slate-500">Waiting for the IdP, then reading the membership back…</p>
      ) : (
        <p className="mt-1.5 flex items-center gap-1.5 text-xs text-amber-900"><CircleAlert aria-hidden className="size-3.5" />No read-back stored.</p>
      )}
    </li>
  );
}

/** Who could approve each step, who did (or denied), how, when, what they said, and any fallback. */
export function ApprovalSteps({ approval }: { approval: ApprovalDto }) {
  const of = approval.steps.length;
  if (!of) return <p className="text-sm text-slate-600">The policy had no approval step.</p>;
  return (
    <ol aria-label="Approval steps" className="space-y-2.5">
      {approval.steps.map((s) => (
        <li key={s.position} className="rounded-md border border-slate-200 px-3 py-2.5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-medium text-slate-900">
              Step {s.position + 1} of {of} · {stepKindLabels[s.kind] ?? s.kind}{s.mode === "ALL" && s.kind !== "AUTO" ? " (all must approve)" : ""}
            </span>
            <StatusBadge status={s.status} />
          </div>
          {s.kind === "AUTO" ? (
            <p className="mt-1 flex items-center gap-1.5 text-xs text-slate-600"><Bot aria-hidden className="size-3.5" />Auto-approved by the role's policy{s.decidedAt ? <> · <When date={s.decidedAt} relative={false} /></> : null}</p>
          ) : (
            <p className="mt-1 text-xs text-slate-500">Could approve: {s.approvers.length ? names(s.approvers.map((a) => a.displayName)) : "nobody"}</p>
          )}
          {s.fallback && <p className="mt-1 text-xs text-amber-800">Fallback: {s.fallback}</p>}
          {s.decisions.length > 0 && (
            <ul className="mt-2 space-y-1.5">
              {s.decisions.map((d, i) => (
                <li key={i} className="text-sm">
                  <span className={cn("font-medium", d.decision === "APPROVE" ? "text-emerald-800" : "text-red-800")}>
                    {d.decision === "APPROVE" ? "Approved" : "Denied"} by {d.decider.displayName}
                  </span>
                  <span className="text-slate-500"> ({d.decider.email})</span>
                  <span className="block text-xs text-slate-600">
                    via {channelWords(d.channel)} · <When date={d.at} relative={false} />
                  </span>
                  {d.comment && <blockquote className="mt-1 border-l-2 border-slate-200 pl-2 text-sm text-slate-700">“{d.comment}”</blockquote>}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The request behind an approval: who asked, when, how, why, for how long, and its Jira issue. */
export function RequestFacts({ approval }: { approval: ApprovalDto }) {
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">
        {approval.isExtension ? "Extension requested" : "Requested"} by <span className="font-medium text-slate-900">{approval.requester.displayName}</span>
        {" "}via {channelWords(approval.source)} · <When date={approval.createdAt} relative={false} />
      </p>
      <blockquote className="border-l-2 border-slate-200 pl-3 text-sm text-slate-700">{approval.reason}</blockquote>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span>{approval.durationMinutes ? `For ${durationWords(approval.durationMinutes)}` : "No end date asked"}</span>
        <JiraLink keyName={approval.jiraIssueKey} url={approval.jiraIssueUrl} />
        <Link href={`/requests/${approval.id}`} className="text-indigo-700 hover:underline">Request page</Link>
      </div>
    </div>
  );
}

export function JiraLink({ keyName, url }: { keyName: string | null; url?: string | null }) {
  if (!keyName) return <Tag>No Jira issue</Tag>;
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 rounded border border-slate-200 bg-white px-1.5 py-px text-xs font-medium text-indigo-700 hover:bg-slate-50">
      <Ticket aria-hidden className="size-3" />{keyName}<ExternalLink aria-hidden className="size-3" /><span className="sr-only">(opens Jira)</span>
    </a>
  ) : (
    <Tag icon={<Ticket aria-hidden className="size-3" />}>{keyName}</Tag>
  );
}

const subjectLabels: Record<string, string> = { grant: "Grant", request: "Request", review_item: "Review", reviewItem: "Review" };

/** The tamper-evident log of the traced subject, oldest first: each event with actor, exact time and hash link. */
export function AuditTimeline({ events, caption }: { events: AuditEventDto[]; caption: string }) {
  if (!events.length) return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600">No audit events recorded for it.</p>;
  return (
    <ol aria-label={caption} className="rounded-lg border border-slate-200 bg-white">
      {events.map((e, i) => {
        const details = Object.keys(e.data ?? {}).length ? JSON.stringify(e.data, null, 2) : null;
        return (
          <li key={e.id} className={cn("grid grid-cols-[4.5rem_1fr] gap-x-3 px-4 py-2.5 sm:grid-cols-[4.5rem_15rem_1fr_8rem]", i > 0 && "border-t border-slate-100")}>
            <span className="pt-0.5 text-right text-xs tabular-nums text-slate-400">#{count(e.seq)}</span>
            <span className="text-xs text-slate-600 sm:pt-0.5"><When date={e.at} relative={false} /></span>
            <div className="col-start-2 min-w-0 sm:col-start-auto">
              <div className="flex flex-wrap items-center gap-2">
                <code className="font-mono text-xs font-medium text-slate-900">{e.action}</code>
                <Tag>{subjectLabels[e.subjectType] ?? e.subjectType}</Tag>
                <span className="text-xs text-slate-500">by {e.actorLabel} <span className="text-slate-400">({e.actorType})</span></span>
              </div>
              {details && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">Details</summary>
                  <pre className="mt-1 max-w-full overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-700">{details}</pre>
                </details>
              )}
            </div>
            <code className="col-start-2 font-mono text-xs text-slate-500 sm:col-start-auto sm:pt-0.5 sm:text-right" title={`hash ${e.hash}\nprevious ${e.prevHash}`}>{e.hash.slice(0, 10)}…</code>
          </li>
        );
      })}
    </ol>
  );
}

const count = (n: number) => n.toLocaleString("en-US");
