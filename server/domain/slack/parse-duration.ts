const UNITS: Record<string, number> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, d: 1440, day: 1440, days: 1440, w: 10080, week: 10080, weeks: 10080 };

/**
 * A duration as people type it in a Slack modal: "8h", "3 days", "90m", "2w". Empty means "until removed" (null);
 * anything else unreadable is undefined, for the modal to say so.
 */
export function parseDuration(text: string | null | undefined): number | null | undefined {
  const t = (text ?? "").trim().toLowerCase();
  if (!t || t === "permanent" || t === "until removed") return null;
  const m = /^(\d{1,4})\s*([a-z]+)$/.exec(t);
  if (!m) return undefined;
  const unit = UNITS[m[2]!];
  return unit ? Number(m[1]) * unit : undefined;
}
