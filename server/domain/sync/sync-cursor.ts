import { z } from "zod";

/** Where a sync stands, saved after every page so a crash or restart resumes instead of starting over. */
export const syncCursor = z.discriminatedUnion("phase", [
  z.object({ phase: z.literal("users"), next: z.string().nullable() }),
  z.object({ phase: z.literal("groups"), next: z.string().nullable() }),
  z.object({ phase: z.literal("memberships"), groupIndex: z.number().int().min(0) }),
  z.object({ phase: z.literal("finalize") }),
]);
export type SyncCursor = z.infer<typeof syncCursor>;
