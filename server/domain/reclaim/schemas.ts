import { z } from "zod";

// One schema for the Reclaim page's forms, the API and the Slack modal.

const id = z.string().trim().min(1).max(64);

export const RECLAIM_DEFAULTS = { inactivityDays: 30, graceDays: 7 } as const;
/** How far back the first read of the System Log goes (about Okta's retention). */
export const USAGE_LOOKBACK_DAYS = 90;

export const saveReclaimRuleInput = z.object({
  appId: id,
  enabled: z.boolean().default(true),
  inactivityDays: z.number().int().min(1, "The threshold is at least 1 day").max(365, "The threshold is at most 365 days").default(RECLAIM_DEFAULTS.inactivityDays),
  graceDays: z.number().int().min(0, "The grace period is 0 to 90 days").max(90, "The grace period is 0 to 90 days").default(RECLAIM_DEFAULTS.graceDays),
  exemptRoleIds: z.array(id).max(200, "At most 200 exempt roles").default([]),
  exemptPersonIds: z.array(id).max(500, "At most 500 exempt people").default([]),
});
export type SaveReclaimRuleInput = z.input<typeof saveReclaimRuleInput>;

export const keepReason = z.string().trim().min(1, "Say why you still need it").max(500, "The reason is at most 500 characters");

export const keepGrantInput = z.object({ caseId: id, reason: keepReason });
export type KeepGrantInput = z.input<typeof keepGrantInput>;

export const caseStatuses = ["NOTIFIED", "KEPT", "RECLAIMED", "FLAGGED", "CLEARED"] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const listCasesInput = z.object({
  status: z.enum(caseStatuses),
  limit: z.number().int().min(1).max(500).default(200),
});
