"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ClipboardCheck, Plus } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { isAdmin, seesAllReviews } from "../shell/access";
import { ButtonLink } from "../ui/button";
import { Page, PageHeader } from "../ui/page";
import { ProgressBar } from "../ui/progress";
import { TableSkeleton } from "../ui/skeleton";
import { EmptyState, ErrorState } from "../ui/states";
import { StatusBadge } from "../ui/status";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { count, Due, isOverdue, plural, progressWords, reviewerModeWords } from "./format";
import type { CampaignRow } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-3 align-top first:pl-4 last:pr-4";

/** /reviews: every campaign (admins, auditors) or the campaigns with my items (reviewers). */
export function CampaignsList() {
  const trpc = useTRPC();
  const me = useMe();
  const admin = isAdmin(me);
  const all = seesAllReviews(me);
  const q = useQuery({ ...trpc.reviews.list.queryOptions(), refetchInterval: 30_000 });
  const rows = q.data ?? [];
  const active = rows.filter((c) => c.status === "ACTIVE").length;
  const overdue = rows.filter((c) => isOverdue(c)).length;
  const mine = rows.reduce((n, c) => n + c.myPending, 0);
  const headline = q.data
    ? [plural(rows.length, "campaign"), active ? `${count(active)} active` : null, overdue ? `${count(overdue)} overdue` : null, mine ? `${count(mine)} waiting for you` : null].filter(Boolean).join(" · ")
    : null;
  const newButton = admin ? <ButtonLink href="/reviews/new" variant="primary" icon={<Plus aria-hidden className="size-4" />}>New campaign</ButtonLink> : null;

  return (
    <Page wide>
      <PageHeader
        title="Access reviews"
        count={headline}
        description={all
          ? "Certify who has access: each campaign snapshots who holds what, asks reviewers to keep or revoke, removes what they revoke, and keeps the proof."
          : "Campaigns with access for you to review. Keep or revoke each item; revokes are removed right away."}
        actions={rows.length ? newButton : null}
      />
      {q.isPending ? (
        <TableSkeleton rows={5} cols={5} label="Loading campaigns" />
      ) : q.isError ? (
        <ErrorState error={q.error} title="Access reviews could not load" onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        all ? (
          <EmptyState icon={<ClipboardCheck aria-hidden className="size-5" />} title="No access reviews yet — start one to certify who has access" action={newButton}>
            A campaign snapshots every grant and every group membership in its scope, assigns each to a reviewer, and
            removes in Okta whatever they revoke, with the proof kept as evidence.
          </EmptyState>
        ) : (
          <EmptyState icon={<ClipboardCheck aria-hidden className="size-5" />} title="Nothing for you to review">
            When an access review assigns you items, the campaign appears here and in your{" "}
            <Link href="/inbox" className="font-medium text-indigo-700 hover:underline">Inbox</Link>.
          </EmptyState>
        )
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <table className="w-full border-separate border-spacing-0 text-sm">
            <caption className="sr-only">Access review campaigns, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Campaign</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Due</th>
                <th scope="col" className={cn(th, "w-[34%]")}>Progress</th>
                <th scope="col" className={cn(th, "text-right")}>For you</th>
              </tr>
            </thead>
            <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
              {rows.map((c) => <CampaignTableRow key={c.id} c={c} />)}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

function CampaignTableRow({ c }: { c: CampaignRow }) {
  const p = c.progress;
  const launched = c.status !== "DRAFT";
  const allConfirmed = p.revoked === p.revokedConfirmed;
  return (
    <tr className="hover:bg-slate-50">
      <td className={td}>
        <Link href={`/reviews/${c.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{c.name}</Link>
        <div className="mt-0.5 text-xs text-slate-500">Reviewers: {(reviewerModeWords[c.reviewerMode] ?? c.reviewerMode).toLowerCase()}</div>
      </td>
      <td className={td}><StatusBadge status={c.status} /></td>
      <td className={td}><Due dueAt={c.dueAt} status={c.status} /></td>
      <td className={td}>
        {launched ? (
          <div className="min-w-56">
            <ProgressBar value={p.items ? p.decided / p.items : 0} label={`Progress of ${c.name}`} valueText={progressWords(p)} />
            <p className="mt-1.5 text-xs text-slate-600">
              <span className="font-medium text-slate-800">Decided {count(p.decided)} of {count(p.items)}</span>
              {" · "}revoked {count(p.revoked)}{" "}
              <span className={p.revoked && !allConfirmed ? "text-amber-800" : undefined}>(confirmed {count(p.revokedConfirmed)})</span>
            </p>
          </div>
        ) : (
          <span className="text-xs text-slate-500">Not launched: nothing snapshotted yet</span>
        )}
      </td>
      <td className={cn(td, "text-right")}>
        {c.myPending ? (
          <Link href={`/reviews/${c.id}`} className="inline-flex" aria-label={`${c.myPending} waiting for your decision in ${c.name}`}>
            <Badge tone="amber">{count(c.myPending)} to review</Badge>
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}
