import { z } from "zod";

// One schema for the admin forms and the server.

export const riskLevels = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const stepKinds = ["AUTO", "MANAGER", "APP_OWNER", "SECURITY", "NAMED"] as const;
export const MAX_DURATION_MINUTES = 365 * 24 * 60;

const id = z.string().trim().min(1).max(64);

export const appInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
  description: z.string().trim().max(2000, "Description is at most 2,000 characters").default(""),
  riskLevel: z.enum(riskLevels).default("LOW"),
  provisioningMode: z.enum(["IDP_GROUPS", "MANUAL"]).default("IDP_GROUPS"),
  logoUrl: z
    .string().trim().max(500).url("Logo must be a URL").refine((v) => v.startsWith("https://"), "Logo URL must use https")
    .nullish().or(z.literal("").transform(() => null)),
  ownerPersonIds: z.array(id).max(10, "At most 10 owners").default([]),
  // The Okta app id (0oa…), where Auto Reclaim finds the app's sign-ins in the System Log.
  externalAppId: z.string().trim().max(64).regex(/^[A-Za-z0-9_-]+$/, "The Okta app id has letters and digits only (e.g. 0oa1b2c3d4E5f6G7h8i9)")
    .nullish().or(z.literal("").transform(() => null)),
});
export type AppInput = z.input<typeof appInput>;

export const approvalStepInput = z
  .object({ kind: z.enum(stepKinds), mode: z.enum(["ANY", "ALL"]).default("ANY"), approverPersonId: id.nullish() })
  .refine((s) => s.kind !== "NAMED" || !!s.approverPersonId, { message: "Choose the named approver", path: ["approverPersonId"] });

const minutes = z.number().int().min(15, "Durations are at least 15 minutes").max(MAX_DURATION_MINUTES, "Durations are at most a year");

export const roleInput = z
  .object({
    appId: id,
    name: z.string().trim().min(1, "Name is required").max(80, "Name is at most 80 characters"),
    description: z.string().trim().max(2000, "Description is at most 2,000 characters").default(""),
    privileged: z.boolean().default(false),
    durationRequired: z.boolean().default(false),
    allowedDurations: z.array(minutes).max(12, "At most 12 preset durations").default([]),
    maxDurationMinutes: minutes.nullish(),
    groupIds: z.array(id).max(20, "At most 20 groups per role").default([]),
    steps: z.array(approvalStepInput).min(1, "Add at least one approval step").max(5, "At most 5 approval steps"),
  })
  .superRefine((r, ctx) => {
    if (r.privileged && !r.durationRequired) {
      ctx.addIssue({ code: "custom", path: ["durationRequired"], message: "Privileged roles must require a duration" });
    }
    if (r.maxDurationMinutes && r.allowedDurations.some((d) => d > r.maxDurationMinutes!)) {
      ctx.addIssue({ code: "custom", path: ["allowedDurations"], message: "A preset duration is longer than the maximum" });
    }
    if (r.steps.some((s) => s.kind === "AUTO") && r.steps.length > 1) {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "Auto-approval must be the only step" });
    }
    if (r.privileged && r.steps.some((s) => s.kind === "AUTO")) {
      ctx.addIssue({ code: "custom", path: ["steps"], message: "Privileged roles cannot be auto-approved" });
    }
    if (new Set(r.groupIds).size !== r.groupIds.length) {
      ctx.addIssue({ code: "custom", path: ["groupIds"], message: "A group is listed twice" });
    }
  });
export type RoleInput = z.input<typeof roleInput>;
