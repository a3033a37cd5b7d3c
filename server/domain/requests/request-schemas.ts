import { z } from "zod";
import { MAX_DURATION_MINUTES } from "../catalog/schemas.ts";

const id = z.string().trim().min(1).max(64);

export const requestAccessInput = z.object({
  roleId: id,
  /** Someone else (a direct report) when a manager asks on their behalf; oneself otherwise. */
  beneficiaryPersonId: id.optional(),
  reason: z.string().trim().min(10, "Give a business reason of at least 10 characters").max(2000, "The reason is at most 2,000 characters"),
  durationMinutes: z.number().int().min(15, "Durations are at least 15 minutes").max(MAX_DURATION_MINUTES, "Durations are at most a year").nullish(),
  /** Asks to keep a time-bound grant longer: approval moves its expiry by the duration, without a gap. */
  extendsGrantId: id.optional(),
});
export type RequestAccessInput = z.input<typeof requestAccessInput>;

export const decideInput = z
  .object({
    requestId: id,
    decision: z.enum(["APPROVE", "DENY"]),
    comment: z.string().trim().max(2000, "The comment is at most 2,000 characters").optional(),
  })
  .refine((d) => d.decision !== "DENY" || (d.comment?.length ?? 0) >= 3, { message: "Say why you deny it (a comment is required)", path: ["comment"] });
export type DecideInput = z.input<typeof decideInput>;

export const channels = ["web", "slack", "jira", "cli"] as const;
export type Channel = (typeof channels)[number];
