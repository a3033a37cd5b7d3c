import { z } from "zod";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export const markReadInput = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof markReadInput>;

/**
 * Marks the caller's notices read. An id that is not the caller's is "not found" (and nothing is
 * written), so one person cannot learn of or touch another's notices.
 */
export async function markNotificationsRead(scope: TenantScope, raw: MarkReadInput & { personId: string | null }) {
  const input = markReadInput.parse(raw);
  const personId = raw.personId;
  if (!personId) throw notFound("Notification");
  const now = scope.clock.now();
  return scope.tdb.$transaction(async (tx) => {
    if ("all" in input) {
      const { count } = await tx.notification.updateMany({ where: { personId, readAt: null }, data: { readAt: now } });
      return { marked: count };
    }
    const ids = [...new Set(input.ids)];
    const mine = await tx.notification.count({ where: { id: { in: ids }, personId } });
    if (mine !== ids.length) throw notFound("Notification");
    const { count } = await tx.notification.updateMany({ where: { id: { in: ids }, personId, readAt: null }, data: { readAt: now } });
    return { marked: count };
  });
}
