"use client";

import Link from "next/link";
import { ArrowRight, ExternalLink } from "lucide-react";
import { Badge, type Tone } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";

export type LifecycleEventRow = {
  id: string; kind: string; source: string; createdAt: Date | string;
  person: { id: string; displayName: string; email: string };
  changes: Record<string, [unknown, unknown]>;
  done: string[];
  ticketKey: string | null; ticketUrl: string | null;
};

const kindTone: Record<string, Tone> = { JOINER: "green", MOVER: "blue", LEAVER: "red" };
export const kindWords: Record<string, string> = { JOINER: "Joiner", MOVER: "Mover", LEAVER: "Leaver" };
const sourceWords: Record<string, string> = { hook: "Okta event hook", sync: "Directory sync", manual: "Manual" };
const fieldWords: Record<string, string> = {
  status: "Status", department: "Department", title: "Title", location: "Location", employmentType: "Employment",
  managerId: "Manager", startDate: "Start date", terminationDate: "Termination date",
};

export function KindChip({ kind }: { kind: string }) {
  return <Badge tone={kindTone[kind] ?? "slate"}>{kindWords[kind] ?? kind}</Badge>;
}

function value(field: string, v: unknown) {
  if (v === null || v === undefined || v === "") return <span className="text-slate-400">none</span>;
  if (field === "managerId") return <span>changed</span>;
  if (field.endsWith("Date")) return <span>{String(v).slice(0, 10)}</span>;
  return <span>{String(v)}</span>;
}

/** What changed, before → after; a joiner's first values are listed without a "before". */
export function ChangeList({ changes, kind }: { changes: Record<string, [unknown, unknown]>; kind: string }) {
  const entries = Object.entries(changes).filter(([f, [before, after]]) => !(kind === "JOINER" && before === null && (after === null || f === "managerId")));
  if (!entries.length) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-0.5">
      {entries.map(([field, [before, after]]) => (
        <li key={field} className="flex flex-wrap items-center gap-1 text-xs text-slate-700">
          <span className="font-medium text-slate-500">{fieldWords[field] ?? field}:</span>
          {before !== null && <>{value(field, before)}<ArrowRight aria-label="to" className="size-3 text-slate-400" /></>}
          {value(field, after)}
        </li>
      ))}
    </ul>
  );
}

const th = "border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-3 align-top first:pl-4 last:pr-4";

export function LifecycleEventsTable({ rows, showPerson = true, caption }: { rows: LifecycleEventRow[]; showPerson?: boolean; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Change</th>
            {showPerson && <th scope="col" className={th}>Person</th>}
            <th scope="col" className={th}>What changed</th>
            <th scope="col" className={th}>What Gatehouse did</th>
            <th scope="col" className={th}>Jira</th>
          </tr>
        </thead>
        <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
          {rows.map((e) => (
            <tr key={e.id}>
              <td className={td}>
                <KindChip kind={e.kind} />
                <div className="mt-1 text-xs text-slate-500">{sourceWords[e.source] ?? e.source} · <RelativeTime date={e.createdAt} /></div>
              </td>
              {showPerson && (
                <td className={td}>
                  <Link href={`/people/${e.person.id}`} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">{e.person.displayName}</Link>
                  <div className="text-xs text-slate-500">{e.person.email}</div>
                </td>
              )}
              <td className={td}><ChangeList changes={e.changes} kind={e.kind} /></td>
              <td className={td}>
                <ul className="list-disc space-y-0.5 pl-4 text-xs text-slate-700">
                  {e.done.map((line) => <li key={line}>{line}</li>)}
                </ul>
              </td>
              <td className={td}>
                {e.ticketKey ? (
                  e.ticketUrl ? (
                    <a href={e.ticketUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono text-xs text-indigo-700 hover:underline">
                      {e.ticketKey}<ExternalLink aria-hidden className="size-3" />
                    </a>
                  ) : <span className="font-mono text-xs">{e.ticketKey}</span>
                ) : <span className="text-xs text-slate-400">{e.kind === "MOVER" ? "—" : "pending"}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
