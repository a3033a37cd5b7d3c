
const DAY = 86_400_000;

export const day = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "—");

/** "5 days left", "due today", "overdue by 2 days": the grace countdown. */
/** `nowMs` from useClientNow(), so the countdown follows the demo clock when it moves. */
export function graceLeft(graceEndsAt: Date | string | null, nowMs: number): { text: string; urgent: boolean } {
  if (!graceEndsAt) return { text: "—", urgent: false };
  const ms = new Date(graceEndsAt).getTime() - nowMs;
  if (ms <= 0) return { text: "grace ended: removal at the next run", urgent: true };
  if (ms < DAY) return { text: `${Math.max(1, Math.round(ms / 3_600_000))} h left`, urgent: true };
  // A minute's slack: the browser's idea of the server's time lags by a round trip, and a case opened just now
  // must read "7 days left", not 8.
  const days = Math.max(1, Math.ceil((ms - 60_000) / DAY));
  return { text: `${days} day${days === 1 ? "" : "s"} left`, urgent: days <= 2 };
}

export function lastUseText(c: { lastUsedAt: Date | string | null; lastUseSource: string }): string {
  if (!c.lastUsedAt) return c.lastUseSource === "system_log" ? "No sign-in in the System Log" : "No data";
  return `${day(c.lastUsedAt)} · ${c.lastUseSource === "system_log" ? "app sign-in (System Log)" : "last directory sign-in"}`;
}
