"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleDot, ExternalLink, FileSearch, FileText, Send, Ticket, UserCheck, XCircle } from "lucide-react";
import { useTRPC } from "../trpc";
import type { RequestDetail } from "../types";
import { BackLink } from "../ui/back-link";
import { Button } from "../ui/button";
import { Card, Facts, Page, Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { clientNow, RelativeTime } from "../ui/relative-time";
import { RiskBadge, StatusBadge } from "../ui/status";
import { Tag } from "../ui/badge";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { cn } from "../ui/cn";
import { PrivilegedTag } from "../catalog/role-facts";
import { stepKindLabels } from "../catalog/format";
import { DecidePanel } from "./decide";
import { GrantTrail } from "./grant-trail";
import { TrailEvent as Event } from "./trail-event";
import { RevokeGrantButton } from "../grants/revoke-grant-button";
import { endReasonWords } from "../grants/grant-format";
import { channelLabel, durationWords, exact, names, overallStatus, whenPhrase } from "./format";
import { useMe } from "../shell/me-context";
import { readsEvidence } from "../shell/access";

export function RequestDetailPage({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.requests.get.queryOptions({ requestId }),
    // Provisioning runs in the background: watch it become active, then stop.
    refetchInterval: (query) => {
      const d = query.state.data;
      if (!d) return false;
      // A manual app waits on a person (days, not seconds): look less often.
      if (d.grant?.manualTasks.some((t) => t.status === "OPEN")) return 10_000;
      if (d.status === "APPROVED" && (!d.grant || d.grant.status === "PENDING" || d.grant.status === "ENDING")) return 1000;
      // Past its expiry but not yet picked up by the expiry job: watch it end.
      if (d.grant?.status === "ACTIVE" && d.grant.expiresAt && new Date(d.grant.expiresAt).getTime() <= clientNow()) return 2000;
      if (d.jira.events.some((e) => e.status === "PENDING")) return 3000;
      return false;
    },
  });
  return (
    <Page>
      <BackLink href="/requests">Requests</BackLink>
      {q.isPending ? (
        <div role="status" className="space-y-4">
          <span className="sr-only">Loading the request…</span>
          <Skeleton className="h-7 w-96" />
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="This request could not load" onRetry={() => void q.refetch()} />
      ) : (
        <RequestView r={q.data} />
      )}
    </Page>
  );
}

function RequestView({ r }: { r: RequestDetail }) {
  const me = useMe();
  const status = overallStatus({ status: r.status, grantStatus: r.grant?.status });
  const groups = r.role.groups.map((g) => g.name);
  const groupRefs = r.role.groups.map((g) => `${g.source}:${g.name}`);
  const current = r.steps.find((s) => s.status === "PENDING");
  const next = current ? r.steps.find((s) => s.position === current.position + 1) : null;
  const forSelf = r.requester.id === r.beneficiary.id;
  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">
              <Link href={`/catalog/${r.app.id}`} className="hover:underline">{r.app.name}</Link> · {r.role.name}
            </h1>
            <StatusBadge status={status} />
            {r.role.privileged && <PrivilegedTag />}
            <RiskBadge risk={r.app.riskLevel} />
          </div>
          <p className="mt-1 text-sm text-slate-600">{headline(r, status)}</p>
        </div>
        <div className="flex items-center gap-2">
          {r.jira.key && (
            r.jira.url ? (
              <a href={r.jira.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
                <Ticket aria-hidden className="size-3.5" /> {r.jira.key} <ExternalLink aria-hidden className="size-3" />
              </a>
            ) : <Tag icon={<Ticket aria-hidden className="size-3" />}>{r.jira.key}</Tag>
          )}
          {readsEvidence(me) && (
            <Link href={r.grant ? `/evidence/grants/${r.grant.id}` : `/evidence/requests/${r.id}`} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50">
              <FileSearch aria-hidden className="size-3.5" /> Evidence trace
            </Link>
          )}
          {r.viewer.canCancel && <CancelButton requestId={r.id} />}
          {r.viewer.canRevoke && r.grant && (
            <RevokeGrantButton grantId={r.grant.id} holder={r.beneficiary.displayName} access={`${r.app.name} · ${r.role.name}`} groups={groupRefs} />
          )}
        </div>
      </header>

      <Card className="mt-5 px-5 py-4">
        <Facts
          items={[
            { label: "For", value: <span title={[r.beneficiary.title, r.beneficiary.department, r.beneficiary.email].filter(Boolean).join(" · ")}>{r.beneficiary.displayName}</span> },
            { label: "Requested by", value: forSelf ? "Themselves" : r.requester.displayName },
            { label: "Gives", value: groups.length ? <span className="font-mono text-xs">{groupRefs.join(", ")}</span> : "Granted by hand" },
            { label: "Duration", value: durationWords(r.durationMinutes) },
            {
              label: r.grant?.status === "ENDED" ? "Ended" : r.grant?.status === "ACTIVE" || r.grant?.status === "ENDING" ? "Active until" : "Until",
              value: r.grant?.status === "ENDED" ? <span title={exact(r.grant.endedAt)}><RelativeTime date={r.grant.endedAt} /></span> : r.grant?.expiresAt ? <span title={exact(r.grant.expiresAt)}>{whenPhrase(r.grant.expiresAt)} (<RelativeTime date={r.grant.expiresAt} />)</span> : r.durationMinutes ? `${durationWords(r.durationMinutes)} after approval` : "Until removed",
            },
            { label: "Requested", value: <RelativeTime date={r.createdAt} /> },
          ]}
        />
      </Card>

      {r.viewer.canDecide && current && (
        <Section title="Your decision" id="decide" description={`Step ${current.position + 1} of ${r.steps.length}: ${stepKindLabels[current.kind] ?? current.kind}.`}>
          <DecidePanel
            ctx={{
              requestId: r.id, beneficiaryName: r.beneficiary.displayName, groups: groupRefs, durationMinutes: r.durationMinutes,
              step: { position: current.position, of: r.steps.length }, nextStepKind: next?.kind,
            }}
          />
        </Section>
      )}

      <Section title="Trail" id="trail" description="Every step from the request to the access, with who, when and the proof.">
        <ol aria-label="Trail" className="relative space-y-0">
          <Event icon={<Send className="size-3.5" />} title={<>Requested by {r.requester.displayName}{forSelf ? "" : ` for ${r.beneficiary.displayName}`}</>} at={r.createdAt} meta={`via ${channelLabel(r.source)}`}>
            <blockquote className="mt-1 border-l-2 border-slate-200 pl-3 text-sm text-slate-700">{r.reason}</blockquote>
          </Event>
          {r.steps.map((s) => (
            <Event
              key={s.id}
              tone={s.status === "APPROVED" ? "done" : s.status === "DENIED" ? "bad" : s.status === "PENDING" ? "now" : "later"}
              icon={<UserCheck className="size-3.5" />}
              title={<>Step {s.position + 1} of {r.steps.length} · {stepKindLabels[s.kind] ?? s.kind}{s.mode === "ALL" && s.kind !== "AUTO" ? " (all must approve)" : ""}</>}
              badge={<StatusBadge status={s.status} />}
              at={s.decidedAt}
            >
              {s.kind === "AUTO" ? (
                <p className="text-sm text-slate-600">Approved automatically by the policy.</p>
              ) : (
                <p className="text-sm text-slate-600">
                  {s.approvers.length ? <>Approver{s.approvers.length > 1 ? "s" : ""}: {names(s.approvers.map((a) => a.displayName))}</> : "No approver"}
                </p>
              )}
              {s.fallback && <p className="mt-1 text-xs text-amber-800">{s.fallback}.</p>}
              {s.decisions.length > 0 && (
                <ul className="mt-2 space-y-1.5">
                  {s.decisions.map((d, i) => (
                    <li key={i} className="text-sm">
                      <span className={cn("font-medium", d.decision === "APPROVE" ? "text-emerald-800" : "text-red-800")}>
                        {d.decision === "APPROVE" ? "Approved" : "Denied"} by {d.decider.displayName}
                      </span>
                      <span className="text-slate-500"> · <RelativeTime date={d.at} /> · {channelLabel(d.channel)}</span>
                      {d.comment && <span className="block text-slate-700">“{d.comment}”</span>}
                    </li>
                  ))}
                </ul>
              )}
            </Event>
          ))}
          {r.status === "CANCELLED" && <Event tone="bad" icon={<XCircle className="size-3.5" />} title="Cancelled" at={r.decidedAt} />}
          {r.status === "DENIED" && <Event tone="bad" icon={<XCircle className="size-3.5" />} title="Denied: nothing was granted" at={r.decidedAt} />}
          {r.grant && <GrantTrail grant={r.grant} audit={r.audit} canRetry={r.viewer.canRetry} app={r.app.name} />}
          {r.status === "APPROVED" && !r.grant && <Event tone="now" icon={<CircleDot className="size-3.5" />} title="Approved; preparing the grant…" at={r.decidedAt} />}
          {r.status === "FAILED" && r.failureReason && <Event tone="bad" icon={<XCircle className="size-3.5" />} title="Failed" at={r.decidedAt}><p className="text-sm text-red-800">{r.failureReason}</p></Event>}
          <JiraEvents jira={r.jira} last />
        </ol>
      </Section>

      <Section title="Audit events" id="audit" description="The tamper-evident log of this request and its grant, in order.">
        {r.audit.length === 0 ? (
          <p className="text-sm text-slate-500">No audit events yet.</p>
        ) : (
          <Card className="overflow-hidden">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Seq</th>
                  <th scope="col" className="px-4 py-2 font-medium">Action</th>
                  <th scope="col" className="px-4 py-2 font-medium">Actor</th>
                  <th scope="col" className="px-4 py-2 font-medium">Time</th>
                  <th scope="col" className="px-4 py-2 font-medium">Hash</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.audit.map((a) => (
                  <tr key={a.seq}>
                    <td className="px-4 py-2 tabular-nums text-slate-500">{a.seq}</td>
                    <td className="px-4 py-2 font-mono text-xs text-slate-800">{a.action}</td>
                    <td className="px-4 py-2 text-slate-700">{a.actorLabel}<span className="text-slate-400"> · {a.actorType.toLowerCase()}</span></td>
                    <td className="px-4 py-2 text-slate-700"><RelativeTime date={a.at} /> <span className="text-xs text-slate-400">{exact(a.at)}</span></td>
                    <td className="px-4 py-2 font-mono text-xs text-slate-500" title={a.hash}>{a.hash.slice(0, 10)}…</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </Section>
    </>
  );
}

function headline(r: RequestDetail, status: string): string {
  const who = r.beneficiary.displayName;
  const directories = [...new Set(r.grant?.actions.map((a) => a.directory) ?? [])];
  const directory = directories.length === 1 ? directories[0]! : "the directory";
  const dur = r.durationMinutes ? ` for ${durationWords(r.durationMinutes)}` : " until removed";
  const setUp = r.grant?.manualTasks.find((t) => t.kind === "grant" && t.status === "OPEN");
  const removal = r.grant?.manualTasks.find((t) => t.kind === "remove");
  if (r.status === "APPROVED" && r.grant?.status === "PENDING" && setUp) return `Approved. Waiting for ${names(setUp.assignees)} to set it up by hand in ${r.app.name}; ${who} has it${dur} from then.`;
  if (status === "ENDING" && removal?.status === "OPEN") return `${who}'s access is to be removed by hand in ${r.app.name} by ${names(removal.assignees)} (${endReasonWords(r.grant?.endReason).toLowerCase()}).`;
  if (status === "ENDED" && removal?.status === "DONE") return `${who}'s access ended: ${endReasonWords(r.grant?.endReason).toLowerCase()}. Removed by hand in ${r.app.name} by ${removal.completedByName}, who confirmed it with a note.`;
  switch (status) {
    case "PENDING": {
      const s = r.steps.find((x) => x.status === "PENDING");
      return s ? `Waiting for ${names(s.approvers.map((a) => a.displayName)) || "an approver"} (step ${s.position + 1} of ${r.steps.length}). ${who} gets it${dur} once approved.` : "Waiting for approval.";
    }
    case "ACTIVE": return r.grant?.expiresAt ? `${who} has this access until ${whenPhrase(r.grant.expiresAt)}; it is removed automatically.` : `${who} has this access until it is removed.`;
    case "ENDING": return `${who}'s access is being removed (${endReasonWords(r.grant?.endReason).toLowerCase()}).`;
    case "ENDED": return `${who}'s access ended: ${endReasonWords(r.grant?.endReason).toLowerCase()}${r.grant?.endedBy ? ` by ${r.grant.endedBy}` : ""}. Removed from ${directory} and confirmed by read-back.`;
    case "APPROVED": return `Approved. Adding ${who} in ${directory} now…`;
    case "DENIED": return "Denied. Nothing was granted.";
    case "CANCELLED": return "Cancelled before a decision. Nothing was granted.";
    case "FAILED": return `Approved, but provisioning failed: ${r.grant?.failureReason ?? r.failureReason ?? "see below"}.`;
    default: return "";
  }
}

const ticketKinds: Record<string, string> = { create: "Create issue", comment: "Comment", property: "Update properties", transition: "Transition", close: "Close issue" };

function JiraEvents({ jira, last }: { jira: RequestDetail["jira"]; last?: boolean }) {
  const pending = jira.events.filter((e) => e.status !== "DELIVERED").length;
  return (
    <Event
      last={last}
      tone={pending ? (jira.events.some((e) => e.status === "FAILED") ? "bad" : "now") : "done"}
      icon={<FileText className="size-3.5" />}
      title={<>Jira {jira.key && (jira.url ? <a href={jira.url} target="_blank" rel="noreferrer" className="text-indigo-700 hover:underline">{jira.key}</a> : jira.key)}</>}
      meta={jira.events.length ? `${jira.events.length - pending} of ${jira.events.length} delivered` : "nothing to deliver"}
    >
      {jira.events.length > 0 && (pending === 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">Every event delivered — show the {jira.events.length} deliveries</summary>
          <JiraEventList events={jira.events} />
        </details>
      ) : <JiraEventList events={jira.events} />)}
    </Event>
  );
}

function JiraEventList({ events }: { events: RequestDetail["jira"]["events"] }) {
  return (
        <ul aria-label="Jira delivery" className="mt-1 space-y-0.5 text-sm">
          {events.map((e) => (
            <li key={e.seq} className="flex flex-wrap items-center gap-2">
              <span className="w-5 text-right text-xs tabular-nums text-slate-400">{e.seq}</span>
              <span className="text-slate-700">{ticketKinds[e.kind] ?? e.kind}</span>
              <StatusBadge status={e.status} />
              {e.deliveredAt && <span className="text-xs text-slate-500"><RelativeTime date={e.deliveredAt} /></span>}
              {e.attempts > 1 && <span className="text-xs text-slate-500">{e.attempts} attempts</span>}
              {e.lastError && e.status !== "DELIVERED" && <span className="text-xs text-red-800">Last error: {e.lastError}</span>}
            </li>
          ))}
        </ul>
  );
}

function CancelButton({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const cancel = useMutation(
    trpc.requests.cancel.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void qc.invalidateQueries({ queryKey: trpc.requests.pathKey() });
      },
    }),
  );
  const ref = useRef(null);
  return (
    <>
      <Button ref={ref} variant="danger-ghost" onClick={() => setOpen(true)}>Cancel request</Button>
      <ConfirmDialog
        open={open}
        title="Cancel this request?"
        confirmLabel="Cancel request"
        busy={cancel.isPending}
        error={cancel.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => cancel.mutate({ requestId })}
      >
        <p>The approvers stop seeing it, the Jira issue is closed, and nothing is granted. You can request it again later.</p>
      </ConfirmDialog>
    </>
  );
}
