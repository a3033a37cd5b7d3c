/** "6 hours", "7 days", "90 minutes": durations the way people say them. */
export function formatDuration(minutes: number | null | undefined): string {
  if (!minutes) return "Until removed";
  if (minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}

function plural(n: number, unit: string) {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
