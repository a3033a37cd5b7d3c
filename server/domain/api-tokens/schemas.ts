import { z } from "zod";

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it").max(80, "Use at most 80 characters"),
});

export const revokeApiTokenInput = z.object({
  tokenId: z.string().min(1).max(64),
});

/** More live tokens than this is a sign they are not being cleaned up. */
export const MAX_ACTIVE_TOKENS = 25;
