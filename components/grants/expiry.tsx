"use client";

import { RelativeTime } from "../ui/relative-time";
import { exact, whenPhrase } from "../requests/format";

/** "in 53 min", with the day and time under it and the exact instant (with zone) on hover. */
export function Expiry({ at, stacked = true }: { at: Date | string | null | undefined; stacked?: boolean }) {
  if (!at) return <span className="text-slate-600">Never (until removed)</span>;
  return (
    <span title={exact(at)}>
      <RelativeTime date={at} />
      <span className={stacked ? "block text-xs text-slate-500" : "text-slate-500"}>{stacked ? "" : " · "}{whenPhrase(at)}</span>
    </span>
  );
}
