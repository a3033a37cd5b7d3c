"use client";

import Link from "next/link";
import { directoryNameOfPrefix } from "@/server/connectors/directory-kinds";
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, Download, FileJson, FileSearch, Lock, Rocket } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin, readsEvidence, seesAllReviews } from "../shell/access";
import { BackLink } from "../ui/back-link";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Card, Facts, Page, Section } from "../ui/page";
import { ProgressBar } from "../ui/progress";
import { Skeleton } from "../ui/skeleton";
import { ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { RelativeTime, exactTime } from "../ui/relative-time";
import { Avatar } from "../ui/avatar";
import { Tag } from "../ui/badge";
import { cn } from "../ui/cn";
import { names } from "../requests/format";
import { count, dayWords, Due, isOverdue, plural, progressWords, reviewerModeWords } from "./format";
import { ReviewItems } from "./review-items";
import type { Campaign } from "./types";
import { VantaPushButton } from "./vanta-push-button";
import { AccountImports } from "./account-import";

/** /reviews/[campaignId]: are we done, and did every revoke happen? Then the reviewer's items, then the detail. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.reviews.get.queryOptions({ campaignId }),
    // While revocations are being read back, follow them; otherwise refresh now and then.
    refetchInterval: (query) => {
      const c = query.state.data;
      if (!c || c.status !== "ACTIVE") return false;
      return c.progress.revokedUnconfirmed > c.progress.tasksOpen ? 2000 : 20_000;
    },
  });
  return (
    <Page wide>
      <BackLink href="/reviews">Access reviews</BackLink>
      {q.isPending ? (
        <div role="status" className="space-y-4">
          <span className="sr-only">Loading the campaign…</span>
          <Skeleton className="h-7 w-96" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-72 w-full" />
        </div>
      ) : q.isError ? (
        <ErrorState error={q.error} title="This access review could not load" onRetry={() => void q.refetch()} />
      ) : (
        <CampaignView c={q.data} />
      )}
    </Page>
  );
}

function CampaignView({ c }: { c: Campaign }) {
  const trpc = useTRPC();
  const me = useMe();
  const admin = isAdmin(me);
  const all = seesAllReviews(me);
  // Does the viewer review anything here? (The same query the "Your items" table runs first, so no extra round trip.)
  const mine = useQuery({
    ...trpc.reviews.items.queryOptions({ campaignId: c.id, mine: true, limit: 1 }),
    enabled: c.status !== "DRAFT" && !!me.membership.personId,
  });
  const myCounts = mine.data?.counts;
  const reviews = !!myCounts?.all;
  const [launching, setLaunching] = useState(false);

  return (
    <>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="mb-1 text-xs font-medium text-slate-500">Access review</p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">{c.name}</h1>
            <StatusBadge status={c.status} />
            {isOverdue(c) && <Tag className="border-red-200 bg-red-50 text-red-800">Overdue</Tag>}
          </div>
          {c.description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{c.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {c.status === "DRAFT" && admin && <LaunchButton c={c} onRunning={setLaunching} />}
          {c.status === "ACTIVE" && admin && <CloseButton c={c} />}
          {c.status === "CLOSED" && readsEvidence(me) && (
            <Link href={`/evidence/campaigns/${c.id}`} className={secondaryLink}><FileSearch aria-hidden className="size-4 text-slate-500" />Open in Evidence</Link>
          )}
          {c.status === "CLOSED" && admin && <VantaPushButton c={c} />}
        </div>
      </header>

      {c.status === "DRAFT" ? (
        <>
          <DraftView c={c} launching={launching} admin={admin} />
          {(all || c.manualApps.some((a) => a.canImport)) && <AccountImports c={c} />}
        </>
      ) : (
        <>
          {all ? <CampaignAnswer c={c} /> : myCounts ? <MyAnswer c={c} pending={myCounts.pending} total={myCounts.all} decided={myCounts.kept + myCounts.revoked} /> : null}
          {c.status === "CLOSED" && <ClosedSummary c={c} downloads={all} />}
          {(all || c.manualApps.some((a) => a.canImport)) && <AccountImports c={c} />}
          {reviews && (
            <Section
              id="your-items"
              title={<>Your items <span className="font-normal text-slate-500">· {myCounts!.pending ? `${count(myCounts!.pending)} of ${count(myCounts!.all)} waiting for you` : `all ${count(myCounts!.all)} decided`}</span></>}
              description={c.status === "ACTIVE"
                ? "Keep or revoke each item with the context on the row. Revoke removes the access in the directory right away; decisions are final."
                : "What you decided in this campaign."}
            >
              <ReviewItems key={c.status} campaign={c} mine keyboard label="Your items" />
            </Section>
          )}
          {all && (
            <>
              <ReviewerProgress c={c} />
              <Completeness c={c} />
              <Section id="all-items" title={`All items · ${count(c.progress.items)}`} description="Every item in the campaign, with who decides it and what happened.">
                <ReviewItems key={c.status} campaign={c} mine={false} label="All items" />
              </Section>
            </>
          )}
          <CampaignFacts c={c} />
        </>
      )}
    </>
  );
}

/** The answer first: are we done, and did every revoke happen? */
function CampaignAnswer({ c }: { c: Campaign }) {
  const p = c.progress;
  const overdue = c.reviewerProgress.reduce((n, r) => n + r.overdue, 0);
  const removing = p.revokedUnconfirmed - p.tasksOpen;
  const done = p.pending === 0 && p.revokedUnconfirmed === 0;
  const headline = done
    ? `Done: all ${count(p.items)} items decided${p.revoked ? `, and every revoke is confirmed (${count(p.revokedConfirmed)} of ${count(p.revoked)})` : ""}.`
    : p.pending
      ? `Not done: ${plural(p.pending, "item")} still waiting for a decision.`
      : `Every item is decided; ${plural(p.revokedUnconfirmed, "revoke")} not confirmed yet.`;
  const revokeLine = !p.revoked
    ? "Nothing revoked so far."
    : p.revokedUnconfirmed === 0
      ? `Every revoke happened: ${count(p.revokedConfirmed)} of ${count(p.revoked)} removed and read back.`
      : [removing > 0 ? `${plural(removing, "removal")} in progress in the directory` : null, p.tasksOpen ? `${plural(p.tasksOpen, "manual task")} open for app owners` : null].filter(Boolean).join("; ") + `; ${count(p.revokedConfirmed)} of ${count(p.revoked)} revokes confirmed.`;
  return (
    <Card className="mt-5 overflow-hidden">
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-6 px-5 pt-4">
        <div className="flex min-w-0 items-start gap-2.5">
          {done ? <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" /> : <AlertTriangle aria-hidden className={cn("mt-0.5 size-5 shrink-0", overdue ? "text-red-600" : "text-amber-500")} />}
          <div>
            <h2 className="text-base font-semibold text-slate-900">{headline}</h2>
            <p className={cn("mt-0.5 text-sm", p.revoked && p.revokedUnconfirmed ? "text-amber-800" : "text-slate-600")}>{revokeLine}</p>
          </div>
        </div>
        <div className="text-right text-sm">
          {c.status === "CLOSED"
            ? <span className="whitespace-nowrap text-slate-800" title={c.closedAt ? exactTime(new Date(c.closedAt)) : undefined}>Closed {c.closedAt ? dayWords(c.closedAt) : ""}<span className="block text-xs text-slate-500">Was due {dayWords(c.dueAt)}</span></span>
            : <Due dueAt={c.dueAt} status={c.status} />}
        </div>
      </div>
      <div className="px-5 pt-4">
        <ProgressBar value={p.items ? p.decided / p.items : 0} label="Campaign progress" valueText={progressWords(p)} className="h-2" />
      </div>
      <dl className="mt-4 grid grid-cols-2 border-t border-slate-100 sm:grid-cols-4 [&>div]:border-slate-100 [&>div:not(:last-child)]:sm:border-r">
        <Stat label="Decided" value={`${count(p.decided)} of ${count(p.items)}`} sub={`${count(p.kept)} kept · ${count(p.revoked)} revoked`} />
        <Stat label="Revoked and confirmed" value={`${count(p.revokedConfirmed)} of ${count(p.revoked)}`} sub={p.tasksOpen ? `${plural(p.tasksOpen, "task")} with app owners` : p.revoked ? "removed, with read-back" : "none revoked yet"} tone={p.revokedUnconfirmed ? "warn" : undefined} />
        <Stat label="Pending" value={count(p.pending)} sub={p.pending ? `with ${plural(c.reviewerProgress.filter((r) => r.pending).length, "reviewer")}` : "nothing left"} tone={p.pending ? "warn" : undefined} />
        <Stat label="Overdue" value={count(overdue)} sub={overdue ? "past the due date" : c.status === "ACTIVE" ? "on time so far" : "—"} tone={overdue ? "bad" : undefined} />
      </dl>
    </Card>
  );
}

/** A reviewer's own answer: how much of their part is done, and by when. */
function MyAnswer({ c, pending, total, decided }: { c: Campaign; pending: number; total: number; decided: number }) {
  if (!total) return null;
  return (
    <Card className="mt-5 px-5 py-4">
      <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-6">
        <div className="flex min-w-0 items-start gap-2.5">
          {pending ? <AlertTriangle aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-500" /> : <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />}
          <div>
            <h2 className="text-base font-semibold text-slate-900">{pending ? `${plural(pending, "item")} waiting for your decision` : `You have decided all ${count(total)} of your items`}</h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {c.status !== "ACTIVE"
                ? `You decided ${count(decided)} of ${count(total)}.`
                : pending
                  ? `You decided ${count(decided)} of ${count(total)}. Items still pending at the due date go to ${c.fallbackReviewer.name}, the fallback reviewer.`
                  : "Nothing left for you. The campaign closes once every reviewer has decided and every revoke is confirmed."}
            </p>
          </div>
        </div>
        <Due dueAt={c.dueAt} status={c.status} className="text-right text-sm" />
      </div>
      <ProgressBar value={total ? decided / total : 0} label="Your progress" valueText={`decided ${decided} of ${total}`} className="mt-4 h-2" />
    </Card>
  );
}

function Stat({ label, value, sub, tone }: { label: string; value: string; sub: string; tone?: "warn" | "bad" }) {
  return (
    <div className="px-5 py-3">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn("mt-0.5 text-lg font-semibold tabular-nums", tone === "bad" ? "text-red-700" : tone === "warn" ? "text-amber-800" : "text-slate-900")}>{value}</dd>
      <dd className="text-xs text-slate-500">{sub}</dd>
    </div>
  );
}

function scopeFacts(c: Campaign): { label: string; value: ReactNode }[] {
  const s = c.scope;
  const what = s.everything ? "Everything: every app, role and mapped group" : names([...s.apps, ...s.roles, ...s.groups.map((g) => `okta:${g}`)]);
  return [
    { label: "Scope", value: <span title={what}>{what}</span> },
    { label: "Departments", value: s.departments.length ? names(s.departments) : "All departments" },
    { label: "Reviewers", value: c.reviewerMode === "named" && c.reviewers.length ? names(c.reviewers.map((r) => r.name)) : reviewerModeWords[c.reviewerMode] ?? c.reviewerMode },
    { label: "Fallback reviewer", value: c.fallbackReviewer.name },
    { label: "Due", value: <span title={exactTime(new Date(c.dueAt))}>{dayWords(c.dueAt)} (<RelativeTime date={c.dueAt} />)</span> },
    { label: "Reminders", value: c.reminderHours.length ? `${names([...c.reminderHours].sort((a, b) => b - a).map((h) => `${h} h`))} before` : "None" },
    { label: "Inactive after", value: `${c.inactivityDays} days without sign-in` },
    { label: "Created", value: <><RelativeTime date={c.createdAt} /> by {c.createdBy}</> },
  ];
}

function DraftView({ c, launching, admin }: { c: Campaign; launching: boolean; admin: boolean }) {
  return (
    <>
      <Card className="mt-5 overflow-hidden">
        <div className="flex items-start gap-3 border-b border-slate-100 px-5 py-4">
          <Rocket aria-hidden className="mt-0.5 size-5 shrink-0 text-indigo-600" />
          <div className="min-w-0 flex-1">
            <h2 className="text-base font-semibold text-slate-900">{launching ? "Launching…" : "Draft: not launched yet"}</h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {launching
                ? "Reading every scoped group's members from the directory, then snapshotting who has access and assigning each item to a reviewer. Large scopes take a minute; you can leave this page — the launch carries on."
                : admin
                  ? "Nothing is snapshotted and nobody is told yet. Launch reads the members of every group in scope from the directory, creates one item per grant and per unexplained membership, assigns reviewers, and notifies them."
                  : "An admin has not launched this campaign yet."}
            </p>
            {launching && (
              <div role="progressbar" aria-label="Launching the campaign" aria-valuetext="Snapshotting the population" className="mt-3 h-1.5 w-full overflow-hidden rounded-full bg-slate-200">
                <div className="h-full w-1/3 animate-[launch_1.4s_ease-in-out_infinite] rounded-full bg-indigo-600" />
              </div>
            )}
          </div>
        </div>
        <div className="px-5 py-4">
          <Facts items={scopeFacts(c)} />
        </div>
      </Card>
      <style>{"@keyframes launch{0%{transform:translateX(-100%)}100%{transform:translateX(300%)}}"}</style>
    </>
  );
}

function LaunchButton({ c, onRunning }: { c: Campaign; onRunning: (v: boolean) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const launch = useMutation(trpc.reviews.launch.mutationOptions({
    onMutate: () => { setOpen(false); onRunning(true); },
    onSettled: () => onRunning(false),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      router.refresh();
    },
    onError: () => setOpen(true),
  }));
  return (
    <>
      <Button variant="primary" icon={<Rocket aria-hidden className="size-4" />} busy={launch.isPending} onClick={() => { launch.reset(); setOpen(true); }}>
        {launch.isPending ? "Launching…" : "Launch"}
      </Button>
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Launch “${c.name}”?`}
        confirmLabel="Launch campaign"
        busy={launch.isPending}
        error={launch.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => launch.mutate({ campaignId: c.id })}
      >
        <p>Gatehouse reads each scoped group&apos;s members from the directory, snapshots who has access, and assigns every item to a reviewer, who is told right away.</p>
        <p>The scope cannot change after launch. Due {dayWords(c.dueAt)}.</p>
      </ConfirmDialog>
    </>
  );
}

function closeBlockers(c: Campaign): string | null {
  const p = c.progress;
  const parts = [
    p.pending ? `${plural(p.pending, "item")} ${p.pending === 1 ? "is" : "are"} not decided yet` : null,
    p.revokedUnconfirmed ? `${plural(p.revokedUnconfirmed, "revoke")} ${p.revokedUnconfirmed === 1 ? "is" : "are"} not confirmed yet` : null,
  ].filter(Boolean);
  return parts.length ? `Close once every item is decided and every revoke confirmed: ${parts.join(" and ")}.` : null;
}

function CloseButton({ c }: { c: Campaign }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const blockers = closeBlockers(c);
  const close = useMutation(trpc.reviews.close.mutationOptions({
    onSuccess: async () => {
      setOpen(false);
      await qc.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
    },
  }));
  const p = c.progress;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="primary" icon={<Lock aria-hidden className="size-4" />} disabled={!!blockers} aria-describedby={blockers ? "close-blockers" : undefined} onClick={() => { close.reset(); setOpen(true); }}>
        Close campaign
      </Button>
      {blockers && <p id="close-blockers" className="max-w-80 text-right text-xs text-slate-500">{blockers}</p>}
      <ConfirmDialog
        open={open}
        tone="primary"
        title={`Close “${c.name}”?`}
        confirmLabel="Close campaign"
        busy={close.isPending}
        error={close.error}
        onCancel={() => setOpen(false)}
        onConfirm={() => close.mutate({ campaignId: c.id })}
      >
        <p>All {count(p.items)} items are decided: {count(p.kept)} kept, {count(p.revoked)} revoked and confirmed.</p>
        <p>Closing freezes the summary; the evidence package (CSV and population snapshot) becomes final.</p>
      </ConfirmDialog>
    </div>
  );
}

const secondaryLink = "inline-flex h-8 items-center gap-2 rounded-md bg-white px-3 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/** The evidence package: one CSV row per item with the decision and proof, and the population snapshot. */
function EvidenceDownloads({ c }: { c: Campaign }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/api/reviews/${c.id}/evidence?format=json`} download className={secondaryLink}><FileJson aria-hidden className="size-4 text-slate-500" />Population snapshot (JSON)</a>
      <a href={`/api/reviews/${c.id}/evidence?format=csv`} download className={cn(secondaryLink, "bg-indigo-600 text-white ring-0 hover:bg-indigo-500")}><Download aria-hidden className="size-4" />Download evidence (CSV)</a>
    </div>
  );
}

function ClosedSummary({ c, downloads }: { c: Campaign; downloads: boolean }) {
  const s = (c.summary ?? {}) as { completedOnTime?: boolean; escalated?: boolean; keptAgainstRecommendation?: number; recommendedRevoke?: number };
  return (
    <Section id="summary" title="Summary and evidence" description="Frozen when the campaign closed; the evidence package carries the same numbers.">
      <Card className="overflow-hidden">
        <Facts className="px-5 py-4"
          items={[
            { label: "Completed", value: s.completedOnTime ? "On time" : <span className="text-amber-800">After the due date</span> },
            { label: "Escalated", value: s.escalated ? "Yes, to the fallback reviewer" : "No" },
            { label: "Recommended revoke", value: count(s.recommendedRevoke ?? c.progress.recommendedRevoke) },
            { label: "Kept against the recommendation", value: <span title="Each with the reviewer's comment">{count(s.keptAgainstRecommendation ?? c.progress.keptAgainstRecommendation)}, each with a comment</span> },
            { label: "Launched", value: c.launchedAt ? <span title={exactTime(new Date(c.launchedAt))}>{dayWords(c.launchedAt)}</span> : "—" },
            { label: "Launched by", value: <span title={c.launchedBy ?? undefined}>{c.launchedBy ?? "—"}</span> },
            { label: "Closed", value: c.closedAt ? <span title={exactTime(new Date(c.closedAt))}>{dayWords(c.closedAt)}</span> : "—" },
            { label: "Closed by", value: <span title={c.closedBy ?? undefined}>{c.closedBy ?? "—"}</span> },
          ]}
        />
        {downloads && (
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-slate-50 px-5 py-3">
            <p className="max-w-xl text-xs text-slate-600">
              <span className="font-medium text-slate-800">Evidence package.</span> The CSV has one row per item: the person, the access, the recommendation,
              the reviewer&apos;s decision and comment, and the read-back that proves each revoke. The JSON holds the directory&apos;s counts next to ours at launch.
            </p>
            <EvidenceDownloads c={c} />
          </div>
        )}
      </Card>
    </Section>
  );
}

function ReviewerProgress({ c }: { c: Campaign }) {
  const me = useMe();
  const th = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
  const td = "px-3 py-2.5 first:pl-4 last:pr-4";
  return (
    <Section id="reviewers" title={`Reviewers · ${count(c.reviewerProgress.length)}`} description={c.status === "ACTIVE" ? "Who still has items to decide; pending items count as overdue once the due date passes." : "Who decided how many items."}>
      <div className="rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption className="sr-only">Progress per reviewer</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Reviewer</th>
              <th scope="col" className={cn(th, "text-right")}>Items</th>
              <th scope="col" className={cn(th, "text-right")}>Decided</th>
              <th scope="col" className={cn(th, "text-right")}>Pending</th>
              <th scope="col" className={cn(th, "text-right")}>Overdue</th>
              <th scope="col" className={cn(th, "w-[30%]")}><span className="sr-only">Progress</span></th>
            </tr>
          </thead>
          <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
            {c.reviewerProgress.map((r) => (
              <tr key={r.personId}>
                <td className={td}>
                  <span className="flex items-center gap-2">
                    <Avatar name={r.name} className="size-6 text-[10px]" />
                    <span className="font-medium text-slate-900">{r.name}</span>
                    {r.personId === me.membership.personId && <span className="text-xs text-slate-500">(you)</span>}
                    {r.personId === c.fallbackReviewer.id && <Tag>fallback</Tag>}
                  </span>
                </td>
                <td className={cn(td, "text-right tabular-nums text-slate-700")}>{count(r.total)}</td>
                <td className={cn(td, "text-right tabular-nums text-slate-700")}>{count(r.decided)}</td>
                <td className={cn(td, "text-right tabular-nums", r.pending ? "font-medium text-amber-800" : "text-slate-400")}>{count(r.pending)}</td>
                <td className={cn(td, "text-right tabular-nums", r.overdue ? "font-semibold text-red-700" : "text-slate-400")}>{count(r.overdue)}</td>
                <td className={td}><ProgressBar value={r.total ? r.decided / r.total : 0} label={`${r.name}'s progress`} valueText={`decided ${r.decided} of ${r.total}`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** The population check at launch: the directory's own member count per group next to Gatehouse's, and how many an item covers. */
function Completeness({ c }: { c: Campaign }) {
  const s = c.snapshot;
  if (!s) return null;
  const th = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-right text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 first:text-left last:rounded-tr-lg last:pr-4";
  const td = "px-3 py-2.5 text-right tabular-nums first:pl-4 first:text-left last:pr-4";
  // The demo and most tenants review one directory: name it; several are "the directories".
  const sources = [...new Set(s.groups.map((g) => g.source ?? "okta"))];
  const idp = sources.length === 1 ? directoryNameOfPrefix(sources[0]!) : "the directories";
  const problems = s.groups.flatMap((g) => {
    const ref = `${g.source ?? "okta"}:${g.name}`;
    const idp = directoryNameOfPrefix(g.source ?? "okta");
    return [
      g.idpMembers == null ? `${ref} could not be read from ${idp} (${g.idpError ?? "no answer"})` : null,
      g.missingFromGatehouse ? `${ref}: ${plural(g.missingFromGatehouse, "member")} in ${idp} ${g.missingFromGatehouse === 1 ? "is" : "are"} missing from Gatehouse` : null,
      g.notInIdp ? `${ref}: ${plural(g.notInIdp, "member")} in Gatehouse ${g.notInIdp === 1 ? "is" : "are"} no longer in ${idp}` : null,
      g.inScope !== g.reviewed ? `${ref}: ${count(g.inScope - g.reviewed)} of ${count(g.inScope)} members in scope have no item` : null,
    ];
  }).filter((x): x is string => !!x);
  const dash = <span className="text-slate-400">—</span>;
  const n = (v: number | null, bad = false) => (v == null ? dash : <span className={bad && v ? "font-semibold text-amber-800" : undefined}>{count(v)}</span>);
  return (
    <Section
      id="completeness"
      title="Completeness"
      description={<>Checked against {idp} at launch, <RelativeTime date={s.checkedAt} />: {plural(s.items, "item")} — {plural(s.grantItems, "grant")} and {plural(s.unexplainedItems, "unexplained membership")}{s.importedItems ? <>, and {plural(s.importedItems, "account")} from manual apps&apos; account lists</> : null}.</>}
    >
      {!s.groups.length ? (
        // Only manual apps in scope: there is no IdP listing to compare with; their account lists are the population.
        <p className="text-sm text-slate-600">No directory groups are in scope, so there is nothing to compare with a directory{s.importedItems ? "; the items come from the apps' uploaded account lists" : ""}.</p>
      ) : s.complete ? (
        <p className="mb-3 flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600" />
          Complete: in each of the {plural(s.groups.length, "group")}, {idp} lists exactly the members Gatehouse holds, and every member in scope has an item.
        </p>
      ) : (
        <div role="alert" className="mb-3 flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
          <div>
            <p className="font-medium">Incomplete: the population at launch does not match {idp}.</p>
            <ul className="mt-1 list-disc pl-4">{problems.map((p) => <li key={p}>{p}</li>)}</ul>
            <p className="mt-1 text-amber-800">Run a directory sync (Settings → Connections), then start a new campaign for these groups.</p>
          </div>
        </div>
      )}
      {s.groups.length > 0 && <div className="rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption className="sr-only">Population per group: {idp} against Gatehouse</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Group</th>
              <th scope="col" className={th}>In Okta</th>
              <th scope="col" className={th}>In Gatehouse</th>
              <th scope="col" className={th}>Missing from Gatehouse</th>
              <th scope="col" className={th}>Not in Okta</th>
              <th scope="col" className={th}>In scope</th>
              <th scope="col" className={th}>Reviewed</th>
            </tr>
          </thead>
          <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
            {s.groups.map((g) => {
              const ok = g.idpMembers != null && !g.missingFromGatehouse && !g.notInIdp && g.inScope === g.reviewed;
              return (
                <tr key={g.groupId} className={ok ? undefined : "bg-amber-50/50"}>
                  <td className={td}>
                    <code className="font-mono text-xs text-slate-900">{g.source ?? "okta"}:{g.name}</code>
                    {g.idpError && <span className="block text-xs text-amber-800">{g.idpError}</span>}
                  </td>
                  <td className={td}>{n(g.idpMembers)}</td>
                  <td className={td}>{n(g.gatehouseMembers)}</td>
                  <td className={td}>{n(g.missingFromGatehouse, true)}</td>
                  <td className={td}>{n(g.notInIdp, true)}</td>
                  <td className={td}>{n(g.inScope)}</td>
                  <td className={td}><span className={g.inScope !== g.reviewed ? "font-semibold text-amber-800" : undefined}>{count(g.reviewed)}</span></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>}
    </Section>
  );
}

function CampaignFacts({ c }: { c: Campaign }) {
  return (
    <Section id="settings" title="Settings" description="What this campaign covers and how it runs; fixed at launch.">
      <Card className="px-5 py-4">
        <Facts items={[
          ...scopeFacts(c),
          { label: "Launched", value: c.launchedAt ? <><RelativeTime date={c.launchedAt} />{c.launchedBy ? ` by ${c.launchedBy}` : ""}</> : "—" },
          { label: "Reminders sent", value: c.remindersSent.length ? `${names([...c.remindersSent].sort((a, b) => b - a).map((h) => `${h} h`))} before` : "None yet" },
        ]} />
      </Card>
    </Section>
  );
}
