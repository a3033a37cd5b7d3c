"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useTRPC } from "../trpc";
import type { SyncRun } from "../types";
import { cn } from "../ui/cn";
import { ProgressBar } from "../ui/progress";
import { RelativeTime } from "../ui/relative-time";
import { StatusBadge } from "../ui/status";

const active = (s?: string) => s === "QUEUED" || s === "RUNNING";
const PHASES = [
  { key: "users", label: "Users" },
  { key: "groups", label: "Groups" },
  { key: "memberships", label: "Memberships" },
] as const;

function phaseIndex(run: SyncRun): number {
  if (run.status === "SUCCEEDED" || run.phase === "done" || run.phase === "finalize") return 3;
  const i = PHASES.findIndex((p) => p.key === run.phase);
  return i < 0 ? -1 : i;
}

/** Overall progress: users 0–25 %, groups 25–35 %, memberships 35–95 % by groups done, then finalize. */
function progressOf(run: SyncRun): { value: number; text: string } {
  if (run.status === "QUEUED") return { value: 0, text: "Queued — waiting for the job runner" };
  switch (run.phase) {
    case "users": return { value: 0.1, text: `Reading users · ${run.usersSeen} so far` };
    case "groups": return { value: 0.3, text: `Reading groups · ${run.groupsSeen} so far` };
    case "memberships": {
      const frac = run.groupsTotal ? run.groupsDone / run.groupsTotal : 0;
      return { value: 0.35 + 0.6 * frac, text: `Reading memberships · ${run.groupsDone} of ${run.groupsTotal} groups` };
    }
    case "finalize": return { value: 0.97, text: "Finishing — marking what disappeared" };
    default: return { value: 0.05, text: "Starting" };
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * The last (or current) directory sync of a connection. While it is queued or running it polls
 * connections.syncRun every second and shows a progress bar with counts; the page can be left and
 * returned to, since the run lives on the server.
 */
export function SyncPanel({ run: initial, onFinished }: { run: SyncRun; onFinished: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery({
    ...trpc.connections.syncRun.queryOptions({ syncRunId: initial.id }),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => (active(query.state.data?.status) ? 1000 : false),
  });
  const run = q.data ?? initial;
  const wasActive = useRef(active(run.status));
  useEffect(() => {
    if (wasActive.current && !active(run.status)) {
      onFinished();
      void qc.invalidateQueries({ queryKey: trpc.connections.syncRuns.queryKey() });
    }
    wasActive.current = active(run.status);
  }, [run.status, onFinished, qc, trpc]);

  const took = run.startedAt && run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;

  return (
    <section aria-label="Directory sync" className="rounded-md border border-slate-200 bg-slate-50/60 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium text-slate-900">{active(run.status) ? "Sync in progress" : "Last sync"}</span>
        <StatusBadge status={run.status} />
        <span className="text-xs text-slate-500">
          {run.trigger === "manual" ? "started by hand" : run.trigger === "schedule" ? "scheduled" : run.trigger === "cli" ? "from the CLI" : `from ${run.trigger}`} ·{" "}
          <RelativeTime date={run.startedAt ?? run.createdAt} />
          {took != null && <> · took {formatDuration(took)}</>}
        </span>
      </div>

      {active(run.status) ? (
        <div className="mt-3 space-y-2">
          <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" aria-label="Sync phases">
            {PHASES.map((p, i) => {
              const cur = phaseIndex(run);
              const done = cur > i;
              const now = cur === i && run.status === "RUNNING";
              const count = p.key === "users" ? run.usersSeen : p.key === "groups" ? run.groupsSeen : run.groupsTotal ? `${run.groupsDone}/${run.groupsTotal} groups` : run.membershipsSeen;
              return (
                <li key={p.key} className="flex items-center gap-2">
                  {i > 0 && <span aria-hidden className="text-slate-300">→</span>}
                  <span className={cn("inline-flex items-center gap-1", done ? "text-slate-700" : now ? "font-medium text-indigo-700" : "text-slate-400")} aria-current={now ? "step" : undefined}>
                    {done && <Check aria-hidden className="size-3 text-emerald-600" />}
                    {p.label}
                    {(done || now) && <span className="tabular-nums text-slate-500">{count}</span>}
                  </span>
                </li>
              );
            })}
          </ol>
          <ProgressBar value={progressOf(run).value} label="Directory sync progress" valueText={progressOf(run).text} />
          <p className="text-xs text-slate-600" aria-live="polite">{progressOf(run).text}. You can leave this page; the sync keeps running.</p>
          {run.error && <p className="text-xs text-amber-800">{run.error}</p>}
        </div>
      ) : (
        <>
          {run.status === "FAILED" && run.error && (
            <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">The sync failed: {run.error}</p>
          )}
          <dl className="mt-3 grid grid-cols-4 gap-x-4 gap-y-2 sm:grid-cols-8" aria-label="Sync result">
            {[
              ["Users", run.usersSeen],
              ["Groups", run.groupsSeen],
              ["Memberships", run.membershipsSeen],
              ["Created", run.created],
              ["Updated", run.updated],
              ["Removed", run.removed],
              ["API calls", run.apiCalls],
              ["Duration", took != null ? formatDuration(took) : "—"],
            ].map(([label, value]) => (
              <div key={label as string}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-sm font-medium tabular-nums text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
