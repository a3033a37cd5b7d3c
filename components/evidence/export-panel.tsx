"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { ClipboardCheck, Download, FileText, KeyRound, ScrollText } from "lucide-react";
import { useTRPC } from "../trpc";
import { useMe } from "../shell/me-context";
import { buttonClass } from "../ui/button";
import { cn } from "../ui/cn";
import { Field, Input } from "../ui/field";
import { Section } from "../ui/page";
import { Skeleton } from "../ui/skeleton";
import { clientNow } from "../ui/relative-time";
import { count, localDay, useMounted, viewerZone } from "./format";

/** The Evidence API's limit on one window (server/domain/evidence/evidence-query.ts MAX_RANGE_DAYS). */
const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

type Kind = "requests" | "grants" | "reviews" | "audit-events";
const kinds: { kind: Kind; title: string; about: string; icon: ReactNode }[] = [
  { kind: "requests", title: "Requests", about: "Who asked for what and why, every approval step with its decisions, the Jira key.", icon: <FileText aria-hidden className="size-4" /> },
  { kind: "grants", title: "Grants", about: "Exact app, role and groups; activation, expiry, end reason and who ended it; add and removal read-backs.", icon: <KeyRound aria-hidden className="size-4" /> },
  { kind: "reviews", title: "Review decisions", about: "Each campaign item: person, access, recommendation and reason, reviewer, decision, comment, revocation proof.", icon: <ClipboardCheck aria-hidden className="size-4" /> },
  { kind: "audit-events", title: "Audit events", about: "The append-only log with each event's hash and the previous hash, to verify the chain offline.", icon: <ScrollText aria-hidden className="size-4" /> },
];

/** Local midnight of a YYYY-MM-DD day as an ISO date-time with the viewer's offset: 2026-06-01T00:00:00+02:00. */
function localMidnight(day: string, plusDays = 0): { iso: string; at: Date } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  if (Number.isNaN(at.getTime())) return null;
  const off = -at.getTimezoneOffset();
  const p = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  const offset = `${off >= 0 ? "+" : "-"}${p(off / 60)}:${p(off % 60)}`;
  return { iso: `${localDay(at)}T00:00:00${offset}`, at };
}

/** The same rules as the server (evidence-query.ts): both days, `to` not before `from`, at most 366 days. */
export function checkRange(fromDay: string, toDay: string): { from?: string; to?: string; range?: { from: string; to: string; fromAt: Date; toAt: Date } } {
  const from = localMidnight(fromDay);
  const to = localMidnight(toDay, 1);
  if (!from) return { from: "Choose the first day" };
  if (!to) return { to: "Choose the last day" };
  if (to.at.getTime() <= from.at.getTime()) return { to: "The last day must be on or after the first day" };
  if (to.at.getTime() - from.at.getTime() > MAX_RANGE_DAYS * DAY_MS + 2 * 3_600_000) return { from: `A range can span at most ${MAX_RANGE_DAYS} days; export longer periods in parts` };
  return { range: { from: from.iso, to: to.iso, fromAt: from.at, toAt: to.at } };
}

const presets: { label: string; range: (today: Date) => [Date, Date] }[] = [
  { label: "Last 30 days", range: (t) => [new Date(t.getFullYear(), t.getMonth(), t.getDate() - 29), t] },
  { label: "Last 90 days", range: (t) => [new Date(t.getFullYear(), t.getMonth(), t.getDate() - 89), t] },
  { label: "Year to date", range: (t) => [new Date(t.getFullYear(), 0, 1), t] },
  { label: "Last 12 months", range: (t) => [new Date(t.getFullYear() - 1, t.getMonth(), t.getDate() + 1), t] },
];

const longDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/** Date-range CSV downloads, one per kind, streamed by /api/exports/<kind>; row counts shown before downloading. */
export function ExportPanel() {
  // The range is in the viewer's zone and "today" is the browser's: nothing to render on the server.
  const mounted = useMounted();
  return (
    <Section id="export" title="Export CSV" description="Every row created in the range (audit events: that happened in it), one file per kind. Files stream, so any size downloads." className="mt-0">
      {mounted ? <ExportForm /> : (
        <div role="status" className="rounded-lg border border-slate-200 bg-white p-5">
          <span className="sr-only">Loading the export form…</span>
          <Skeleton className="h-8 w-80" />
          <Skeleton className="mt-4 h-48 w-full" />
        </div>
      )}
    </Section>
  );
}

function ExportForm() {
  const trpc = useTRPC();
  const me = useMe();
  // "Today" on the server's clock (the demo's clock can run ahead).
  const today = useMemo(() => new Date(clientNow()), []);
  const [fromDay, setFromDay] = useState(() => localDay(presets[0]!.range(today)[0]));
  const [toDay, setToDay] = useState(() => localDay(today));
  const check = checkRange(fromDay, toDay);
  const range = check.range;
  const counts = useQuery({
    ...trpc.evidence.exportCounts.queryOptions(range ? { from: range.fromAt, to: range.toAt } : { from: today, to: today }),
    enabled: !!range,
  });
  const href = (kind: Kind) =>
    range ? `/api/exports/${kind}?${new URLSearchParams({ from: range.from, to: range.to, tenant: me.membership.tenantSlug })}` : undefined;
  const activePreset = presets.find((p) => {
    const [f, t] = p.range(today);
    return localDay(f) === fromDay && localDay(t) === toDay;
  })?.label;

  return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <form aria-label="Export range" className="border-b border-slate-100 p-5" onSubmit={(e) => e.preventDefault()}>
          <div role="group" aria-label="Common ranges" className="mb-4 flex flex-wrap gap-1.5">
            {presets.map((p) => (
              <button
                key={p.label}
                type="button"
                aria-pressed={activePreset === p.label}
                onClick={() => {
                  const [f, t] = p.range(today);
                  setFromDay(localDay(f));
                  setToDay(localDay(t));
                }}
                className={cn(
                  "rounded-full border px-2.5 py-1 text-xs font-medium",
                  activePreset === p.label ? "border-indigo-200 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
                )}
              >
                {p.label}
              </button>
            ))}
          </div>
          <div className="flex flex-wrap items-start gap-4">
            <Field label="From" error={check.from} className="w-48">
              {(p) => <Input {...p} type="date" value={fromDay} max={toDay || undefined} onChange={(e) => setFromDay(e.target.value)} required />}
            </Field>
            <Field label="To (inclusive)" error={check.to} className="w-48">
              {(p) => <Input {...p} type="date" value={toDay} min={fromDay || undefined} onChange={(e) => setToDay(e.target.value)} required />}
            </Field>
          </div>
          <p className="mt-3 text-xs text-slate-500" aria-live="polite">
            {range
              ? <>From the start of {longDay.format(range.fromAt)} to the end of {longDay.format(new Date(range.toAt.getTime() - 1))}, {viewerZone()}.</>
              : "Choose a valid range to download."}
          </p>
        </form>
        <ul aria-label="Exports" className="divide-y divide-slate-100">
          {kinds.map((k) => {
            const n = counts.data?.[k.kind];
            const link = href(k.kind);
            return (
              <li key={k.kind} className="flex items-center gap-4 px-5 py-3">
                <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600">{k.icon}</span>
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline gap-2">
                    <span className="text-sm font-medium text-slate-900">{k.title}</span>
                    <span className="text-xs tabular-nums text-slate-500">
                      {!range ? null : counts.isPending ? <Skeleton className="inline-block h-3 w-14 align-middle" /> : counts.isError ? "count unavailable" : `${count(n ?? 0)} ${n === 1 ? "row" : "rows"}`}
                    </span>
                  </div>
                  <p className="truncate text-xs text-slate-500" title={k.about}>{k.about}</p>
                </div>
                {link ? (
                  <a href={link} download className={buttonClass("secondary", "sm")} aria-label={`Download ${k.title} CSV`}>
                    <Download aria-hidden className="size-3.5" /> CSV
                  </a>
                ) : (
                  <span aria-disabled="true" className={cn(buttonClass("secondary", "sm"), "cursor-not-allowed opacity-50")}>
                    <Download aria-hidden className="size-3.5" /> CSV
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
  );
}
