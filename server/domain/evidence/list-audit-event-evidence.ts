import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";
import { keysetWhere, toPage, type EvidenceQuery } from "./evidence-query.ts";

type Row = Prisma.AuditEventGetPayload<object>;

/** An audit event as evidence: everything the hash covers, plus the hash, so a reader can re-verify the chain. */
function toEvidence(e: Row) {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
export type AuditEventEvidence = ReturnType<typeof toEvidence>;

const order = [{ at: "asc" as const }, { id: "asc" as const }];

/**
 * One page of the tenant's audit events that happened in the window ([from, to) on `at`), in (at, id)
 * order. Keyset paging on the (tenantId, at) index: each page starts where the previous ended.
 */
export async function listAuditEventEvidence(scope: TenantScope, q: EvidenceQuery) {
  const rows = await scope.tdb.auditEvent.findMany({ where: keysetWhere("at", q), orderBy: order, take: q.limit + 1 });
  return toPage("audit-events", rows, q.limit, toEvidence, (r) => r.at);
}
