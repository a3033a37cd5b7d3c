// Read-only views of a tenant's audit log, newest first, paged by seq.
import { z } from "zod";
import type { TenantScope } from "../services.ts";

export const auditListInput = z.object({
  /** Events whose action starts with this, e.g. "grant." or "audit.verified". */
  action: z.string().trim().max(100).optional(),
  /** Events about this subject (a grant, request, role… id). */
  subjectId: z.string().trim().max(64).optional(),
  /** The seq to continue below (the previous page's nextCursor). */
  cursor: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditListInput = z.input<typeof auditListInput>;

export const SHORT_HASH_LENGTH = 12;

export async function listAuditEvents(scope: TenantScope, raw: AuditListInput) {
  const input = auditListInput.parse(raw);
  const rows = await scope.tdb.auditEvent.findMany({
    where: {
      ...(input.action ? { action: { startsWith: input.action } } : {}),
      ...(input.subjectId ? { subjectId: input.subjectId } : {}),
      ...(input.cursor ? { seq: { lt: input.cursor } } : {}),
    },
    orderBy: { seq: "desc" },
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  // The newest seq is the number of events written (the chain has no gaps unless it was tampered with).
  const head = await scope.tdb.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return {
    events: page.map((e) => ({
      id: e.id,
      seq: e.seq,
      at: e.at,
      actorType: e.actorType,
      actorLabel: e.actorLabel,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: e.data as Record<string, unknown>,
      hash: e.hash,
      shortHash: e.hash.slice(0, SHORT_HASH_LENGTH),
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.seq : null,
    headSeq: head?.seq ?? 0,
  };
}
