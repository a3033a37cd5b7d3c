import { clientNow, exactTime } from "../ui/relative-time";

/** "6 hours", "7 days", "90 minutes": durations the way people say them (same words as the server). */
export function durationWords(minutes: number | null | undefined): string {
  if (!minutes) return "Permanent until removed";
  if (minutes % 1440 === 0) return plural(minutes / 1440, "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}

function plural(n: number, unit: string) {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** The one status a person cares about: the grant's once there is one, the request's before. */
export function overallStatus(r: { status: string; grantStatus?: string | null }): string {
  return r.status === "APPROVED" && r.grantStatus ? r.grantStatus : r.status;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayClock = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

/** "17:40" today, "Fri 27 Nov, 17:40" on another day. */
export function whenShort(d: Date): string {
  const now = new Date(clientNow());
  return d.toDateString() === now.toDateString() ? clock.format(d) : dayClock.format(d);
}

/** "today at 17:40", "tomorrow at 09:00", "Fri 27 Nov, 17:40". */
export function whenPhrase(d: Date | string): string {
  const t = new Date(d);
  const today = new Date(clientNow());
  const tomorrow = new Date(today.getTime() + 86_400_000);
  if (t.toDateString() === today.toDateString()) return `today at ${clock.format(t)}`;
  if (t.toDateString() === tomorrow.toDateString()) return `tomorrow at ${clock.format(t)}`;
  return dayClock.format(t);
}

export function exact(d: Date | string | null | undefined): string {
  return d ? exactTime(new Date(d)) : "—";
}

export const channelLabels: Record<string, string> = { web: "Web", slack: "Slack", jira: "Jira", cli: "CLI", lifecycle: "Lifecycle", extension: "Browser extension" };
export const channelLabel = (c: string) => channelLabels[c] ?? c;

/** "Dana Lee", "Dana Lee, Sam Rivera and Priya Shah". */
export function names(list: string[]): string {
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
