"use client";

import { useSyncExternalStore } from "react";

// A shared ticker so every relative time on the page moves together, every 15 s.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(l: () => void) {
  listeners.add(l);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const fn of listeners) fn();
  }, 15_000);
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
  if (s < 60 * 60) return say(`${Math.max(1, Math.round(s / 60))} min`);
  if (s < 24 * 60 * 60) return say(`${Math.round(s / 3600)} h`);
  const days = Math.round(s / 86400);
  if (days === 1) return future ? "tomorrow" : "yesterday";
  if (days < 14) return say(`${days} days`);
  return new Date(nowMs).getFullYear() === d.getFullYear() ? dayFormat.format(d) : yearFormat.format(d);
}

/** "3 min ago", with the exact time (and zone) on hover and for assistive tech via dateTime. */
export function RelativeTime({ date, className, fallback = "—" }: { date: Date | string | null | undefined; className?: string; fallback?: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => now);
  if (!date) return <span className={className}>{fallback}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={exactTime(d)} className={className} suppressHydrationWarning>
      {relativeTime(d, Math.max(current, Date.now()))}
    </time>
  );
}
