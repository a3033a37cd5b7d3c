"use client";

import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FastForward } from "lucide-react";
import { useTRPC } from "../trpc";
import { setClockOffset } from "../ui/relative-time";
import { useMe } from "./me-context";
import { isAdmin } from "./access";

const steps = [
  { minutes: 15, label: "+15 min", spoken: "15 minutes" },
  { minutes: 60, label: "+1 h", spoken: "1 hour" },
  { minutes: 24 * 60, label: "+1 day", spoken: "1 day" },
];
const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

/**
 * The demo's time, which the browser's relative times follow, and for admins buttons that move it
 * forward so expiry, warnings and removals can be watched without waiting.
 */
export function DemoClock() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useMe();
  const [said, setSaid] = useState("");
  const q = useQuery({ ...trpc.demo.clock.queryOptions(), refetchInterval: 30_000 });
  useEffect(() => {
    if (q.data) setClockOffset(new Date(q.data.now).getTime() - Date.now());
  }, [q.data]);
  const advance = useMutation(trpc.demo.advanceClock.mutationOptions({
    onSuccess: (out, input) => {
      setClockOffset(new Date(out.now).getTime() - Date.now());
      setSaid(`Moved the clock forward ${steps.find((s) => s.minutes === input.minutes)?.spoken ?? `${input.minutes} minutes`}; it is now ${timeFormat.format(new Date(out.now))}.`);
      // Everything on screen may have changed (expiry, removals, notices).
      void qc.invalidateQueries();
    },
  }));
  if (!q.data?.movable) return null;
  const ahead = Math.round((new Date(q.data.now).getTime() - Date.now()) / 60_000);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span>
        Demo time <time dateTime={new Date(q.data.now).toISOString()} className="font-medium tabular-nums">{timeFormat.format(new Date(q.data.now))}</time>
        {ahead > 0 && <span className="text-amber-800"> ({formatAhead(ahead)} ahead)</span>}
      </span>
      {isAdmin(me) && (
        <span role="group" aria-label="Move the demo clock forward" className="inline-flex items-center gap-1">
          <FastForward aria-hidden className="size-3.5 text-amber-700" />
          {steps.map((s) => (
            <button
              key={s.minutes}
              type="button"
              disabled={advance.isPending}
              aria-label={`Advance the demo clock by ${s.spoken}`}
              onClick={() => advance.mutate({ minutes: s.minutes })}
              className="rounded border border-amber-300 bg-white px-1.5 py-px font-medium text-amber-900 hover:bg-amber-100 disabled:cursor-wait disabled:opacity-60"
            >
              {s.label}
            </button>
          ))}
        </span>
      )}
      <span role="status" className="sr-only">{said}</span>
      {advance.error && <span role="alert" className="text-red-800">{advance.error.message}</span>}
    </div>
  );
}

function formatAhead(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean).join(" ");
}
