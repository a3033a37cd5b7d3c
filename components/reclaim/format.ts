import { clientNow } from "../ui/relative-time";

const DAY = 86_400_000;

export const day = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "—");

/** "5 days left", "due today", "overdue by 2 days": the grace countdown. */
export function graceLeft(graceEndsAt: Date | string | null): { text: string; urgent: boolean } {
  if (!graceEndsAt) return { text: "—", urgent: false };
  const ms = new Date(graceEndsAt).getTime() - clientNow();
  if (ms <= 0) return { text: "grace ended: removal at the next run", urgent: true };
  if (ms < DAY) return { text: `${Math.max(1, Math.round(ms / 3_600_000))} h left`, urgent: true };
  const days = Math.ceil(ms / DAY);
  return { text: `${days} day${days === 1 ? "" : "s"} left`, urgent: days <= 2 };
}

export function lastUseText(c: { lastUsedAt: Date | string | null; lastUseSource: string }): string {
  if (!c.lastUsedAt) return c.lastUseSource === "system_log" ? "No sign-in in the System Log" : "No data";
  return `${day(c.lastUsedAt)} · ${c.lastUseSource === "system_log" ? "app sign-in (System Log)" : "last Okta sign-in"}`;
}
