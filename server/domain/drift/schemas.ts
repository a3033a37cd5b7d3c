import { z } from "zod";

const id = z.string().min(1).max(64);

export const DRIFT_STATUSES = ["OPEN", "REMOVED", "EXPLAINED"] as const;

export const setGroupDriftModeInput = z.object({
  groupId: id,
  authoritative: z.boolean(),
  /** How many open findings the admin saw and agreed to remove; required to turn authoritative on when there are any. */
  confirmRemovals: z.number().int().min(0).max(1_000_000).optional(),
});
export type SetGroupDriftModeInput = z.input<typeof setGroupDriftModeInput>;

export const adoptDriftFindingInput = z.object({
  findingId: id,
  reason: z.string().trim().min(10, "Say why this access is kept (at least 10 characters)").max(2000, "Keep the reason under 2,000 characters"),
});
export type AdoptDriftFindingInput = z.input<typeof adoptDriftFindingInput>;

export const listDriftFindingsInput = z.object({
  status: z.enum(DRIFT_STATUSES).optional(),
  groupId: id.optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListDriftFindingsInput = z.input<typeof listDriftFindingsInput>;
