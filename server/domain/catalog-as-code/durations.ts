// Durations in the catalog file are written as people say them ("90m", "6h", "7d") and stored as minutes.

const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60 } as const;

export const DURATION_HINT = "write a whole number of minutes, hours or days, e.g. 90m, 6h, 7d";

/** "6h" → 360; anything else → null. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const m = /^\s*(\d{1,6})\s*([mhd])\s*$/i.exec(text);
  if (!m) return null;
  return Number(m[1]) * UNIT_MINUTES[m[2]!.toLowerCase() as keyof typeof UNIT_MINUTES];
}

/** 360 → "6h", 1440 → "1d", 90 → "90m": the largest unit that divides it exactly. */
export function formatDuration(minutes: number): string {
  if (minutes % UNIT_MINUTES.d === 0) return `${minutes / UNIT_MINUTES.d}d`;
  if (minutes % UNIT_MINUTES.h === 0) return `${minutes / UNIT_MINUTES.h}h`;
  return `${minutes}m`;
}
