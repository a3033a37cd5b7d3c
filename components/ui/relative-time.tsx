"use client";

import { useSyncExternalStore } from "react";

// The demo moves the server's clock; the browser follows by this offset so "in 1 h" matches the server.
let offsetMs = 0;
/** "Now" as the server sees it (the real time, except in a demo whose clock was moved). */
export function clientNow(): number {
  return Date.now() + offsetMs;
}

// A shared ticker so every relative time on the page moves together, every 15 s.
let now = clientNow();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function tick() {
  now = clientNow();
  for (const fn of listeners) fn();
}
/** Follow the server's clock (demo only); every relative time on the page updates at once. */
export function setClockOffset(ms: number) {
  // Round-trip noise is not a moved clock.
  const next = Math.abs(ms) < 5_000 ? 0 : ms;
  if (next === offsetMs) return;
  // The demo clock only moves forward: an earlier time is a stale answer (a refetch sent before the last advance
  // and answered after it), not a clock that went back.
  if (next < offsetMs - 5_000) return;
  offsetMs = next;
  tick();
}
function subscribe(l: () => void) {
  listeners.add(l);
  timer ??= setInterval(tick, 15_000);
  return () => {
    listeners.delete(l);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const exactFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
});
const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const yearFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

export function exactTime(d: Date): string {
  return exactFormat.format(d);
}

export function relativeTime(d: Date, nowMs: number): string {
  const diff = nowMs - d.getTime();
  const future = diff < 0;
  const s = Math.abs(diff) / 1000;
  const say = (v: string) => (future ? `in ${v}` : `${v} ago`);
  if (s < 45) return future ? "in a moment" : "just now";
  // Below 59.5 min, so a full hour reads "1 h" rather than "60 min".
  if (s < 59.5 * 60) return say(`${Math.max(1, Math.round(s / 60))} min`);
  if (s < 24 * 60 * 60) return say(`${Math.round(s / 3600)} h`);
  const days = Math.round(s / 86400);
  if (days === 1) return future ? "tomorrow" : "yesterday";
  if (days < 14) return say(`${days} days`);
  return new Date(nowMs).getFullYear() === d.getFullYear() ? dayFormat.format(d) : yearFormat.format(d);
}

/** "Now" as the server sees it, re-rendering when the shared ticker moves or the demo clock offset changes. */
export function useClientNow(): number {
  return useSyncExternalStore(subscribe, () => now, () => now);
}

/** "3 min ago", with the exact time (and zone) on hover and for assistive tech via dateTime. */
export function RelativeTime({ date, className, fallback = "—" }: { date: Date | string | null | undefined; className?: string; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => now);
  if (!date) return <span className={className}>{fallback}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={exactTime(d)} className={className} suppressHydrationWarning>
      {relativeTime(d, Math.max(current, clientNow()))}
    </time>
  );
}
