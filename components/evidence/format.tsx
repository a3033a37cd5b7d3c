"use client";

import { useSyncExternalStore } from "react";
import { Globe } from "lucide-react";
import type { RouterOutputs } from "../types";
import { clientNow, exactTime, relativeTime } from "../ui/relative-time";
import { cn } from "../ui/cn";

export type GrantTraceDto = RouterOutputs["evidence"]["grant"];
export type RequestTraceDto = RouterOutputs["evidence"]["request"];
export type ApprovalDto = NonNullable<GrantTraceDto["approval"]["request"]>;
export type ProofDto = GrantTraceDto["granted"]["adds"][number];
export type AuditEventDto = GrantTraceDto["audit"][number];
export type SearchResultDto = RouterOutputs["evidence"]["search"];
export type PersonEvidenceDto = RouterOutputs["evidence"]["person"];
export type CampaignEvidenceDto = RouterOutputs["evidence"]["campaign"];

/** The viewer's IANA time zone, e.g. "Europe/Berlin". */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const shortFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

/**
 * An evidence time: exact, with its zone ("Jun 3, 2026, 10:05:12 AM GMT+2"; `short`: to the minute, the
 * seconds on hover), and how long ago in a lighter tone; the instant in dateTime for assistive tech.
 */
export function When({ date, relative = true, short = false, className, fallback = "—" }: {
  date: Date | string | null | undefined; relative?: boolean; short?: boolean; className?: string; fallback?: string;
}) {
  if (!date) return <span className={cn("text-slate-500", className)}>{fallback}</span>;
  const d = new Date(date);
  return (
    <span className={className}>
      <time dateTime={d.toISOString()} title={short ? exactTime(d) : undefined} className="tabular-nums">{short ? shortFormat.format(d) : exactTime(d)}</time>
      {relative && <span className="text-slate-500"> · {relativeTime(d, clientNow())}</span>}
    </span>
  );
}

const noop = () => () => {};
/** False while rendering on the server and hydrating, true in the browser after: for what only the browser knows (its time zone, its today). */
export function useMounted(): boolean {
  return useSyncExternalStore(noop, () => true, () => false);
}

/** "Times are shown in Europe/Berlin (CEST)": evidence pages state the zone once, at the top. */
export function TimeZoneNote({ className }: { className?: string }) {
  const mounted = useMounted();
  if (!mounted) return null;
  const zone = viewerZone();
  const abbrev = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).formatToParts(new Date(clientNow())).find((p) => p.type === "timeZoneName")?.value;
  return (
    <p className={cn("inline-flex items-center gap-1.5 text-xs text-slate-500", className)}>
      <Globe aria-hidden className="size-3.5" />
      Times in your time zone, {zone}{abbrev && abbrev !== zone ? ` (${abbrev})` : ""}
    </p>
  );
}

const channels: Record<string, string> = { web: "Web", slack: "Slack", jira: "Jira", cli: "CLI", lifecycle: "Lifecycle", extension: "Extension", api: "API" };
export const channelWords = (c: string) => channels[c] ?? c;

const sources: Record<string, string> = {
  request: "Request", bundle: "Bundle rule (birthright)", import: "Imported from the IdP", kept: "Adopted (kept after a review)", unexplained: "Unexplained membership",
  account_list: "In the app's account list, no grant", orphan_account: "Orphan account (not in the directory)",
};
export const sourceWords = (s: string) => sources[s] ?? s;

export const count = (n: number) => n.toLocaleString("en-US");
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "Dana Lee", "Dana Lee and Sam Rivera", "Dana Lee, Sam Rivera and Priya Shah". */
export function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** The day of a Date in the viewer's zone as YYYY-MM-DD (what <input type="date"> holds). */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
