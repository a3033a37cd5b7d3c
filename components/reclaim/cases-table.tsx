"use client";

import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { day, graceLeft, lastUseText } from "./format";
import { useClientNow } from "../ui/relative-time";
import { KeepButton } from "./keep-dialog";
import type { CaseTab, ReclaimCaseRow } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-2.5 align-top first:pl-4 last:pr-4";

const captions: Record<CaseTab, string> = {
  NOTIFIED: "Pending: holders notified, soonest end of grace first",
  KEPT: "Kept: access its holder or an admin said is still needed",
  RECLAIMED: "Reclaimed: access removed after the grace period",
  FLAGGED: "Flagged: no usage data, never reclaimed",
};

/** One tab of cases; the last columns depend on the tab (grace countdown, reason, removal, why flagged). */
export function CasesTable({ tab, cases, admin, onKept }: { tab: CaseTab; cases: ReclaimCaseRow[]; admin: boolean; onKept: (m: string) => void }) {
  const nowMs = useClientNow();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{captions[tab]}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Person</th>
            <th scope="col" className={th}>Access</th>
            <th scope="col" className={th}>Last use</th>
            {tab === "NOTIFIED" && <><th scope="col" className={th}>Notified</th><th scope="col" className={th}>Grace</th>{admin && <th scope="col" className={th}><span className="sr-only">Actions</span></th>}</>}
            {tab === "KEPT" && <><th scope="col" className={th}>Reason</th><th scope="col" className={th}>Kept by</th></>}
            {tab === "RECLAIMED" && <><th scope="col" className={th}>Reclaimed</th><th scope="col" className={th}>Jira</th></>}
            {tab === "FLAGGED" && <><th scope="col" className={th}>Why</th>{admin && <th scope="col" className={th}><span className="sr-only">Actions</span></th>}</>}
          </tr>
        </thead>
        <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
          {cases.map((c) => {
            const access = `${c.appName} · ${c.roleName}`;
            const grace = graceLeft(c.graceEndsAt, nowMs);
            return (
              <tr key={c.id} className="hover:bg-slate-50">
                <td className={td}>
                  <div className="font-medium text-slate-900">{c.personName}</div>
                  <div className="text-xs text-slate-500">{c.personEmail}</div>
                </td>
                <td className={cn(td, "text-slate-700")}>{access}</td>
                <td className={cn(td, "text-slate-700")}>{lastUseText(c)}</td>
                {tab === "NOTIFIED" && (
                  <>
                    <td className={cn(td, "tabular-nums text-slate-700")}>{day(c.notifiedAt)}</td>
                    <td className={td}>
                      <Badge tone={grace.urgent ? "red" : "amber"} title={`Grace ends ${day(c.graceEndsAt)}`}>{grace.text}</Badge>
                      <div className="mt-0.5 text-xs text-slate-500">ends {day(c.graceEndsAt)}</div>
                    </td>
                    {admin && <td className={cn(td, "text-right")}><KeepButton caseId={c.id} access={access} holder={c.personName} variant="secondary" onKept={onKept} /></td>}
                  </>
                )}
                {tab === "KEPT" && (
                  <>
                    <td className={cn(td, "max-w-md text-slate-700")}>“{c.keptReason}”</td>
                    <td className={cn(td, "text-slate-700")}>{c.keptBy}<div className="text-xs text-slate-500">{day(c.keptAt)}</div></td>
                  </>
                )}
                {tab === "RECLAIMED" && (
                  <>
                    <td className={cn(td, "tabular-nums text-slate-700")}>{day(c.reclaimedAt)}</td>
                    <td className={cn(td, "font-mono text-xs text-slate-700")}>{c.ticketKey ?? <span className="font-sans text-slate-400">being filed</span>}</td>
                  </>
                )}
                {tab === "FLAGGED" && (
                  <>
                    <td className={cn(td, "max-w-md text-slate-700")}>{c.flaggedWhy}</td>
                    {admin && <td className={cn(td, "text-right")}><KeepButton caseId={c.id} access={access} holder={c.personName} variant="secondary" onKept={onKept} /></td>}
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
