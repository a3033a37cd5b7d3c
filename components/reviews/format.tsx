"use client";

import { Check, LoaderCircle, ShieldCheck, ShieldQuestion, Wrench } from "lucide-react";
import { directoryNameOfPrefix } from "@/server/connectors/directory-kinds";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { clientNow, exactTime, relativeTime, RelativeTime } from "../ui/relative-time";
import { names } from "../requests/format";
import type { CampaignProgress, ReviewItem } from "./types";

export const count = (n: number) => n.toLocaleString("en-US");
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

export const reviewerModeWords: Record<string, string> = {
  manager: "Each person's manager",
  app_owner: "The app's owners",
  named: "Named reviewers",
};

/** "decided 9 of 15 · revoked 2 (confirmed 1)": the line every progress bar carries. */
export function progressWords(p: CampaignProgress): string {
  return `decided ${count(p.decided)} of ${count(p.items)} · revoked ${count(p.revoked)} (confirmed ${count(p.revokedConfirmed)})`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
export const dayWords = (d: Date | string) => dayFormat.format(new Date(d));

export const isOverdue = (c: { status: string; dueAt: Date | string }, nowMs = clientNow()) =>
  c.status === "ACTIVE" && new Date(c.dueAt).getTime() < nowMs;

/** "in 3 days", "in 5 h", "2 days ago": how far a due date is, in whole days once it is a day or more away. */
export function dueDistance(d: Date, nowMs = clientNow()): string {
  const diff = d.getTime() - nowMs;
  const days = Math.round(Math.abs(diff) / 86_400_000);
  if (days < 1) return relativeTime(d, nowMs);
  const span = days === 1 ? "1 day" : `${days} days`;
  return diff > 0 ? `in ${span}` : `${span} ago`;
}

/** The due date, and how far off it is; red once an active campaign is past it. */
export function Due({ dueAt, status, className }: { dueAt: Date | string; status: string; className?: string }) {
  const d = new Date(dueAt);
  const overdue = isOverdue({ status, dueAt });
  return (
    <span className={cn("whitespace-nowrap", className)} title={exactTime(d)}>
      <span className={overdue ? "font-medium text-red-700" : "text-slate-800"}>{dayWords(d)}</span>
      {status !== "CLOSED" && (
        <span className={cn("block text-xs", overdue ? "font-medium text-red-700" : "text-slate-500")}>
          {overdue ? `Overdue: was due ${dueDistance(d)}` : `Due ${dueDistance(d)}`}
        </span>
      )}
    </span>
  );
}

/** The recommendation as a coloured label that also says it in words, with the reason under it. */
export function Recommendation({ item, compact }: { item: Pick<ReviewItem, "recommendation" | "recommendationReason">; compact?: boolean }) {
  const revoke = item.recommendation === "REVOKE";
  return (
    <div className="min-w-0">
      <Badge tone={revoke ? "orange" : "green"} title="What Gatehouse recommends">{revoke ? "Recommend revoke" : "Recommend keep"}</Badge>
      {!compact && <p className="mt-1 text-xs leading-snug text-slate-600">{item.recommendationReason}</p>}
    </div>
  );
}

export function DecisionBadge({ decision }: { decision: string | null }) {
  if (decision === "KEEP") return <Badge tone="green">Kept</Badge>;
  if (decision === "REVOKE") return <Badge tone="red">Revoked</Badge>;
  return <Badge tone="amber">Pending</Badge>;
}

const howWords: Record<string, string> = {
  request: "Request",
  bundle: "Birthright bundle",
  import: "Imported from Okta",
  kept: "Kept by an earlier review",
  unexplained: "Unexplained membership",
  account_list: "In the app's account list, no grant",
  orphan_account: "Orphan account: not in the directory",
};
const howTitles: Record<string, string> = {
  unexplained: "In the Okta group, but no request, bundle or earlier review grants it",
  account_list: "The app's uploaded account list has this account, but no request, bundle or earlier review grants it",
  orphan_account: "The app's uploaded account list has this account, and nobody in the directory has its email",
};

/** How the access came to be, and who approved it when a request did. */
export function HowGranted({ item }: { item: ReviewItem }) {
  const approvals = item.approvals.filter((a) => a.decision === "APPROVE");
  return (
    <span className="text-xs text-slate-600" title={howTitles[item.howGranted]}>
      <span className="font-medium text-slate-700">{howWords[item.howGranted] ?? item.howGranted}</span>
      {item.howGranted === "request" && (approvals.length
        ? <> · approved by {names(approvals.map((a) => a.name))}</>
        : <> · approved automatically by the policy</>)}
    </span>
  );
}

/** "Salesforce · Sales user" for a grant, and for an unexplained membership ("salesforce-users (Salesforce · Sales user)") the role its group maps to. */
export function accessTitle(item: Pick<ReviewItem, "accessLabel" | "howGranted" | "groupNames">): string {
  if (item.howGranted !== "unexplained") return item.accessLabel;
  const m = /^(.+) \((.+)\)$/.exec(item.accessLabel);
  return m && item.groupNames.includes(m[1]!) ? m[2]! : item.accessLabel;
}

type GroupProof = { group: string; groupId?: string; readBack?: { isMember?: boolean | null; checkedAt?: string; detail?: string; kept?: boolean } | null };
type ManualProof = { manual: true; completedBy: string; completedAt: string; note: string };

/** The revocation after a Revoke: removing, removed with the read-back, or waiting on the app owner's task. */
export function Revocation({ item }: { item: ReviewItem }) {
  if (item.decision !== "REVOKE") return null;
  if (item.revocation === "PENDING") {
    return (
      <p className="mt-1.5 flex items-center gap-1.5 text-xs text-amber-900" role="status">
        <LoaderCircle aria-hidden className="size-3.5 animate-spin text-amber-600" />
        Removing from {item.groupNames.length ? item.groupNames.map((g) => `${item.groupSource}:${g}`).join(", ") : "the app"}…
      </p>
    );
  }
  if (item.revocation === "TASK") {
    return (
      <p className="mt-1.5 flex items-start gap-1.5 text-xs text-sky-900">
        <Wrench aria-hidden className="mt-px size-3.5 shrink-0 text-sky-600" />
        <span>Task for the app owner: remove it by hand in the app, then mark it done.</span>
      </p>
    );
  }
  if (item.revocation !== "CONFIRMED") return null;
  const proof = item.readBack as GroupProof[] | ManualProof | null;
  if (proof && !Array.isArray(proof) && proof.manual) {
    return (
      <div className="mt-1.5 flex items-start gap-1.5 text-xs text-emerald-900">
        <ShieldCheck aria-hidden className="mt-px size-3.5 shrink-0 text-emerald-600" />
        <span>
          <span className="font-semibold">Removed by hand by {proof.completedBy}</span> · <RelativeTime date={proof.completedAt} />
          <span className="block text-slate-600">“{proof.note}”</span>
        </span>
      </div>
    );
  }
  const entries = Array.isArray(proof) ? proof : [];
  if (!entries.length) {
    return (
      <p className="mt-1.5 flex items-center gap-1.5 text-xs text-emerald-900">
        <Check aria-hidden className="size-3.5 text-emerald-600" /> Confirmed: already ended, nothing left to remove
        {item.revocationCompletedAt && <> · <RelativeTime date={item.revocationCompletedAt} /></>}
      </p>
    );
  }
  return (
    <ul aria-label="Proof of removal" className="mt-1.5 space-y-1">
      {entries.map((e) => {
        const gone = e.readBack?.isMember === false;
        const kept = !!e.readBack?.kept;
        const at = e.readBack?.checkedAt ?? item.revocationCompletedAt;
        return (
          <li key={e.group} className={cn("flex items-start gap-1.5 text-xs leading-snug", gone ? "text-emerald-900" : "text-amber-900")}>
            {gone ? <ShieldCheck aria-hidden className="mt-px size-3.5 shrink-0 text-emerald-600" /> : <ShieldQuestion aria-hidden className="mt-px size-3.5 shrink-0 text-amber-600" />}
            <span className="min-w-0">
              <span className="font-medium">{gone ? `Removed from ${directoryNameOfPrefix(item.groupSource)}` : kept ? `Kept in ${directoryNameOfPrefix(item.groupSource)}` : "Removal not proven"} — read back: {kept ? "kept (another grant needs it)" : gone ? "not a member" : e.readBack?.isMember ? "still a member" : "no answer"}</span>
              <span className="block text-slate-500">
                <span className="break-all font-mono">{item.groupSource}:{e.group}</span>
                {at && <> · checked <time dateTime={new Date(at).toISOString()} title={exactTime(new Date(at))}>{relativeTime(new Date(at), clientNow())}</time></>}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Where the access is, in words for the consequence sentence: "zendesk-agents in Okta", "Power BI Pro in Entra ID". */
function whereWords(items: Pick<ReviewItem, "groupNames" | "accessLabel" | "groupSource">[]) {
  const groups = [...new Set(items.flatMap((i) => i.groupNames))];
  const sources = [...new Set(items.filter((i) => i.groupNames.length).map((i) => i.groupSource))];
  return groups.length ? `${names(groups)} in ${sources.length === 1 ? directoryNameOfPrefix(sources[0]!) : "their directories"}` : null;
}

function whoWords(items: Pick<ReviewItem, "personName">[]) {
  const people = [...new Set(items.map((i) => i.personName))];
  if (people.length <= 3) return names(people);
  return `${people.slice(0, 2).join(", ")} and ${count(people.length - 2)} more people`;
}

/** What a decision does, in one sentence ("Revoking removes Ben Foster from zendesk-agents in Okta now"). */
export function consequence(items: Pick<ReviewItem, "personName" | "groupNames" | "accessLabel" | "howGranted" | "groupSource">[], decision: "KEEP" | "REVOKE"): string {
  if (!items.length) return "";
  const who = whoWords(items);
  const inGroups = items.filter((i) => i.groupNames.length);
  const manual = items.filter((i) => !i.groupNames.length);
  if (decision === "REVOKE") {
    const parts: string[] = [];
    if (inGroups.length) parts.push(`removes ${whoWords(inGroups)} from ${whereWords(inGroups)} now and reads the membership back as proof`);
    if (manual.length) parts.push(`opens a task for the app owner to remove ${whoWords(manual)} from ${names([...new Set(manual.map((i) => i.accessLabel))])} by hand`);
    return `Revoking ${parts.join("; it also ")}. Decisions are final.`;
  }
  const unexplained = items.some((i) => i.howGranted === "unexplained");
  const where = whereWords(items) ?? names([...new Set(items.map((i) => i.accessLabel))]);
  return `Keeping leaves ${who} in ${where}${unexplained ? " and records that the membership is expected" : ""}; your decision and comment go into the evidence. Decisions are final.`;
}
