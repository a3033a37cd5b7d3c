import type { CatalogRole, CatalogStep } from "../types";

/** 60 → "1 h", 1440 → "24 h", 10080 → "7 d", 90 → "1 h 30 min". */
export function formatMinutes(m: number): string {
  if (m >= 2 * 1440 && m % 1440 === 0) return `${m / 1440} d`;
  if (m >= 60 && m % 60 === 0) return `${m / 60} h`;
  if (m > 60) return `${Math.floor(m / 60)} h ${m % 60} min`;
  return `${m} min`;
}

/** "Time-bound: 1 h, 6 h, 24 h · max 24 h", "Permanent", "Permanent or time-bound · max 30 d". */
export function durationRule(r: Pick<CatalogRole, "durationRequired" | "allowedDurations" | "maxDurationMinutes">): string {
  const presets = [...r.allowedDurations].sort((a, b) => a - b).map(formatMinutes).join(", ");
  const max = r.maxDurationMinutes ? `max ${formatMinutes(r.maxDurationMinutes)}` : null;
  if (r.durationRequired) {
    if (presets) return `Time-bound: ${presets}${max ? ` · ${max}` : ""}`;
    return max ? `Time-bound: up to ${formatMinutes(r.maxDurationMinutes!)}` : "Time-bound: any duration";
  }
  if (presets) return `Permanent, or ${presets}${max ? ` · ${max}` : ""}`;
  return max ? `Permanent, or time-bound up to ${formatMinutes(r.maxDurationMinutes!)}` : "Permanent";
}

export const stepKindLabels: Record<string, string> = {
  AUTO: "Automatic",
  MANAGER: "Manager",
  APP_OWNER: "App owner",
  SECURITY: "Security",
  NAMED: "Named approver",
};

export function stepLabel(s: Pick<CatalogStep, "kind" | "mode"> & { approver?: { displayName: string } | null }): string {
  if (s.kind === "NAMED") return s.approver?.displayName ?? "Named approver";
  const base = stepKindLabels[s.kind] ?? s.kind;
  if (s.kind === "APP_OWNER" && s.mode === "ALL") return "All app owners";
  if (s.kind === "SECURITY" && s.mode === "ALL") return "All of security";
  return base;
}

/** "Manager → App owner"; "Automatic" for auto-approved roles. */
export function approvalSummary(steps: (Pick<CatalogStep, "kind" | "mode"> & { approver?: { displayName: string } | null })[]): string {
  if (!steps.length) return "No approval steps";
  return steps.map(stepLabel).join(" → ");
}

/** A sentence a requester understands. */
export function approvalSentence(steps: CatalogStep[]): string {
  if (!steps.length) return "No approval policy yet.";
  if (steps.length === 1 && steps[0]!.kind === "AUTO") return "Granted automatically, without an approver.";
  const parts = steps.map((s) => {
    switch (s.kind) {
      case "MANAGER": return "the requester's manager";
      case "APP_OWNER": return s.mode === "ALL" ? "every app owner" : "one of the app owners";
      case "SECURITY": return s.mode === "ALL" ? "every member of the security team" : "the security team";
      case "NAMED": return s.approver?.displayName ?? "a named approver";
      default: return s.kind.toLowerCase();
    }
  });
  return `Approved by ${parts.join(", then ")}.`;
}

export const groupTypeLabels: Record<string, string> = {
  OKTA_GROUP: "Okta group",
  APP_GROUP: "App group",
  BUILT_IN: "Built-in",
  SECURITY: "Entra security group",
  MICROSOFT_365: "Microsoft 365 group",
  MAIL_ENABLED_SECURITY: "Mail-enabled security group",
  DYNAMIC: "Entra dynamic group",
  SECURITY_ON_PREMISES: "Security group (synced from AD)",
  MAIL_ENABLED_SECURITY_ON_PREMISES: "Mail-enabled group (synced from AD)",
  GOOGLE_GROUP: "Google group",
  USER_CREATED_GROUP: "Google group (user-created)",
  SCIM_GROUP: "SCIM group",
};
export const groupTypeLabel = (t: string) => groupTypeLabels[t] ?? t;
