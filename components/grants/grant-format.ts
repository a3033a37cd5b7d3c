import { durationWords } from "../requests/format";

/** "expired", "revoked: Contractor left" → the words a person reads: "Expired", "Revoked — “Contractor left”". */
export function endReasonWords(reason: string | null | undefined): string {
  if (!reason) return "Ended";
  const [kind, ...rest] = reason.split(":");
  const note = rest.join(":").trim();
  const label = kind === "expired" ? "Expired" : kind === "revoked" ? "Revoked" : kind === "given_back" ? "Given back" : kind!.replace(/_/g, " ");
  return note ? `${label} — “${note}”` : label;
}

/** The presets an extension offers: the role's allowed durations, or common ones up to the role's maximum. */
export function extensionPresets(role: { allowedDurations: number[]; maxDurationMinutes: number | null }): number[] {
  const max = role.maxDurationMinutes ?? 365 * 24 * 60;
  const base = role.allowedDurations.length ? role.allowedDurations : [60, 6 * 60, 24 * 60, 7 * 24 * 60];
  return [...new Set(base)].filter((m) => m <= max).sort((a, b) => a - b);
}

/** "1 h", "6 h", "7 d": compact labels for duration chips. */
export function durationChip(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export { durationWords };
