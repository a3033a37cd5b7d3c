"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";
import { errorInfo } from "../ui/errors";
import { formatDuration } from "./sync-panel";

/** The last 20 syncs of a connection, loaded when opened. */
export function SyncHistory({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const q = useQuery({ ...trpc.connections.syncRuns.queryOptions({ connectionId }), enabled: open });
  return (
    <details className="mt-3 text-sm" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-xs font-medium text-slate-600 hover:text-slate-900">Sync history</summary>
      <div className="mt-2">
        {q.isPending ? (
          <p className="text-xs text-slate-500" role="status">Loading…</p>
        ) : q.isError ? (
          <p className="text-xs text-red-700">{errorInfo(q.error).message}</p>
        ) : (
          <table className="w-full text-xs">
            <caption className="sr-only">Recent directory syncs</caption>
            <thead>
              <tr className="text-left text-slate-500">
                {["Status", "Started", "Trigger", "Took", "Users", "Groups", "Memberships", "Created", "Updated", "Removed", "API calls"].map((h) => (
                  <th key={h} scope="col" className="border-b border-slate-200 py-1.5 pr-3 font-medium">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="tabular-nums text-slate-700">
              {q.data.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0" title={r.error ?? undefined}>
                  <td className="py-1.5 pr-3"><StatusBadge status={r.status} /></td>
                  <td className="py-1.5 pr-3"><RelativeTime date={r.startedAt ?? r.createdAt} /></td>
                  <td className="py-1.5 pr-3">{r.trigger}</td>
                  <td className="py-1.5 pr-3">{r.startedAt && r.finishedAt ? formatDuration(new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) : "—"}</td>
                  <td className="py-1.5 pr-3">{r.usersSeen}</td>
                  <td className="py-1.5 pr-3">{r.groupsSeen}</td>
                  <td className="py-1.5 pr-3">{r.membershipsSeen}</td>
                  <td className="py-1.5 pr-3">{r.created}</td>
                  <td className="py-1.5 pr-3">{r.updated}</td>
                  <td className="py-1.5 pr-3">{r.removed}</td>
                  <td className="py-1.5">{r.apiCalls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}
