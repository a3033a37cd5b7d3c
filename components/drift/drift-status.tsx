import { Badge, type Tone } from "../ui/badge";

const statuses: Record<string, { label: string; tone: Tone }> = {
  OPEN: { label: "Open", tone: "amber" },
  REMOVED: { label: "Removed", tone: "blue" },
  EXPLAINED: { label: "Explained", tone: "green" },
};

/** A finding's status in words (never colour alone). */
export function DriftStatusBadge({ status }: { status: string }) {
  const s = statuses[status] ?? { label: status.toLowerCase(), tone: "slate" as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** A group's drift mode in words, for readers who cannot change it. */
export function ModeBadge({ authoritative }: { authoritative: boolean }) {
  return <Badge tone={authoritative ? "red" : "slate"}>{authoritative ? "Authoritative" : "Report only"}</Badge>;
}
