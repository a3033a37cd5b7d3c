"use client";

import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { GroupModeToggle } from "./group-mode-toggle";
import { ModeBadge } from "./drift-status";
import type { DriftGroup } from "./types";

const th = "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium text-slate-500 first:rounded-tl-lg first:pl-4 last:rounded-tr-lg last:pr-4";
const td = "px-3 py-2.5 align-middle first:pl-4 last:pr-4";

/** One row per managed group: how many members are unexplained, removed, explained, and its mode. */
export function DriftGroupsTable({ groups, admin, selected, onSelect }: {
  groups: DriftGroup[]; admin: boolean; selected: string; onSelect: (groupId: string) => void;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Managed groups, most unexplained members first</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>Group</th>
            <th scope="col" className={cn(th, "text-right")} title="As of the last directory sync">Members</th>
            <th scope="col" className={cn(th, "text-right")}>Open findings</th>
            <th scope="col" className={cn(th, "text-right")}>Removed</th>
            <th scope="col" className={th}>Mode</th>
          </tr>
        </thead>
        <tbody className="[&>tr:not(:last-child)>td]:border-b [&>tr>td]:border-slate-100">
          {groups.map((g) => (
            <tr key={g.id} className={cn("hover:bg-slate-50", selected === g.id && "bg-indigo-50/60")}>
              <td className={td}>
                <button type="button" onClick={() => onSelect(g.id)} aria-pressed={selected === g.id} className="text-left font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                  {g.name}
                </button>
                <div className="font-mono text-xs text-slate-500">{g.externalId}</div>
              </td>
              <td className={cn(td, "text-right tabular-nums text-slate-700")}>{g.memberCount.toLocaleString()}</td>
              <td className={cn(td, "text-right")}>
                {g.open ? <Badge tone="amber">{g.open.toLocaleString()} unexplained</Badge> : <span className="text-slate-400">0</span>}
              </td>
              <td className={cn(td, "text-right tabular-nums text-slate-700")}>{g.removed.toLocaleString()}</td>
              <td className={td}>{admin ? <GroupModeToggle group={g} /> : <ModeBadge authoritative={g.authoritative} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
