"use client";

import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { RuleDialogButton } from "./rule-dialog";
import type { ReclaimRuleRow } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-2.5 align-top first:pl-4 last:pr-4";
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** One row per catalog app: whether Auto Reclaim is on, its threshold, grace, exemptions and the last System Log read. */
export function RulesTable({ rows, admin }: { rows: ReclaimRuleRow[]; admin: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Auto Reclaim rules per app</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>App</th>
            <th scope="col" className={th}>Auto Reclaim</th>
            <th scope="col" className={cn(th, "text-right")}>Unused for</th>
            <th scope="col" className={cn(th, "text-right")}>Grace</th>
            <th scope="col" className={th}>Exemptions</th>
            <th scope="col" className={th}>System Log read</th>
            {admin && <th scope="col" className={th}><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
          {rows.map((r) => {
            const rule = r.rule;
            const exemptRoles = r.roles.filter((x) => rule?.exemptRoleIds.includes(x.id)).map((x) => x.name);
            const exempt = [...exemptRoles.map((n) => `${n} (role)`), ...(rule?.exemptPeople ?? []).map((p) => p.displayName)];
            return (
              <tr key={r.appId} className="hover:bg-slate-50">
                <td className={td}>
                  <div className="font-medium text-slate-900">{r.appName}</div>
                  <div className="font-mono text-xs text-slate-500">{r.externalAppId ?? <span className="font-sans">no Okta app id: last sign-in is used</span>}</div>
                </td>
                <td className={td}>{rule?.enabled ? <Badge tone="green">On</Badge> : <Badge tone="slate">{rule ? "Off" : "Not set up"}</Badge>}</td>
                <td className={cn(td, "text-right tabular-nums text-slate-700")}>{rule ? days(rule.inactivityDays) : "—"}</td>
                <td className={cn(td, "text-right tabular-nums text-slate-700")}>{rule ? days(rule.graceDays) : "—"}</td>
                <td className={cn(td, "max-w-xs text-slate-700")}>{exempt.length ? exempt.join(", ") : <span className="text-slate-400">None</span>}</td>
                <td className={cn(td, "text-slate-700")}>
                  {!rule ? "—" : !r.externalAppId ? <span className="text-slate-500">Not used</span> : rule.usageReadUntil ? <>up to <RelativeTime date={rule.usageReadUntil} /></> : <span className="text-slate-500">Not yet</span>}
                </td>
                {admin && <td className={cn(td, "text-right")}><RuleDialogButton row={r} /></td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
