import { z } from "zod";

export const revokeGrantInput = z.object({
  grantId: z.string().min(1).max(64),
  reason: z.string().trim().min(1, "Say why the access is revoked").max(1000, "The reason is at most 1,000 characters"),
});
export type RevokeGrantInput = z.infer<typeof revokeGrantInput>;

export const giveBackGrantInput = z.object({
  grantId: z.string().min(1).max(64),
  note: z.string().trim().max(1000, "The note is at most 1,000 characters").optional(),
});
export type GiveBackGrantInput = z.infer<typeof giveBackGrantInput>;
