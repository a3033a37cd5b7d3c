import type { RouterOutputs } from "../types";

// The DTOs the Reclaim page and the inbox see: exactly what the reclaim procedures return.
export type ReclaimRuleRow = RouterOutputs["reclaim"]["rules"][number];
export type ReclaimCaseRow = RouterOutputs["reclaim"]["cases"][number];
export type ReclaimCounts = RouterOutputs["reclaim"]["counts"];
export type RecoveredRow = RouterOutputs["reclaim"]["recovered"][number];
export type ReclaimNotice = RouterOutputs["reclaim"]["myNotices"][number];
export type CaseTab = "NOTIFIED" | "KEPT" | "RECLAIMED" | "FLAGGED";
