import { z } from "zod";

const id = z.string().min(1).max(64);
/** Item ids are the campaign's id and what the item covers (ordered, so a launch appends to the index). */
export const itemId = z.string().min(1).max(160);
const ids = (what: string, max: number) => z.array(id).max(max, `At most ${max} ${what} at a time`);
const itemIds = (max: number) => z.array(itemId).max(max, `At most ${max} items at a time`);

export const REVIEWER_MODES = ["manager", "app_owner", "named"] as const;

export const campaignScope = z.object({
  appIds: ids("apps", 200).default([]),
  roleIds: ids("roles", 500).default([]),
  groupIds: ids("groups", 500).default([]),
  departments: z.array(z.string().trim().min(1).max(100)).max(100, "At most 100 departments").default([]),
});
export type CampaignScope = z.infer<typeof campaignScope>;

export const createCampaignInput = z.object({
  name: z.string().trim().min(3, "Give the campaign a name of at least 3 characters").max(120, "Keep the name under 120 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  scope: campaignScope,
  reviewerMode: z.enum(REVIEWER_MODES, { error: "Choose who reviews: each person's manager, the app owner, or named people" }),
  reviewerPersonIds: ids("reviewers", 50).default([]),
  fallbackReviewerId: id.describe("fallback reviewer"),
  dueAt: z.coerce.date({ error: "Choose a due date" }),
  reminderHours: z.array(z.number().int().min(1, "Reminders are hours before the due date (1 or more)").max(24 * 90, "Reminders can be at most 90 days before the due date")).max(10, "At most 10 reminders").default([72, 24]),
  inactivityDays: z.number().int().min(1, "The inactivity threshold is at least 1 day").max(730, "The inactivity threshold is at most 730 days").default(30),
}).refine((c) => c.reviewerMode !== "named" || c.reviewerPersonIds.length > 0, { message: "Name at least one reviewer", path: ["reviewerPersonIds"] });
export type CreateCampaignInput = z.input<typeof createCampaignInput>;

export const decideItemsInput = z.object({
  campaignId: id,
  itemIds: itemIds(1000).min(1, "Choose at least one item"),
  decision: z.enum(["KEEP", "REVOKE"]),
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters").optional(),
});
export type DecideItemsInput = z.input<typeof decideItemsInput>;

export const reassignItemsInput = z.object({
  campaignId: id,
  itemIds: itemIds(1000).min(1, "Choose at least one item"),
  toPersonId: id,
  reason: z.string().trim().min(3, "Say why you are reassigning (at least 3 characters)").max(1000, "Keep the reason under 1,000 characters"),
});
export type ReassignItemsInput = z.input<typeof reassignItemsInput>;

export const campaignIdInput = z.object({ campaignId: id });

/** An app's account list for a review: the CSV text (at most 2 MB, checked again in bytes when parsed). */
export const importAccountsInput = z.object({
  campaignId: id,
  appId: id,
  csv: z.string().max(2 * 1024 * 1024, "The file is larger than 2 MB; split it or remove columns Gatehouse does not use"),
  fileName: z.string().trim().max(255).optional(),
  /** Preview: the same summary, nothing written. */
  dryRun: z.boolean().default(false),
});
export type ImportAccountsInput = z.input<typeof importAccountsInput>;
