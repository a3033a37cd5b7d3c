import { z } from "zod";
import type { TenantScope } from "../services.ts";
import { assertRange, type EvidenceKind } from "./evidence-query.ts";

export const evidenceCountsInput = z.object({ from: z.date(), to: z.date() });

/** How many rows of each kind an export of [from, to) would hold: what the Evidence page shows before a download. */
export async function countEvidence(scope: TenantScope, raw: z.input<typeof evidenceCountsInput>): Promise<Record<EvidenceKind, number>> {
  const { from, to } = evidenceCountsInput.parse(raw);
  assertRange(from, to);
  const createdAt = { gte: from, lt: to };
  const [requests, grants, reviews, auditEvents] = await Promise.all([
    scope.tdb.accessRequest.count({ where: { createdAt } }),
    scope.tdb.grant.count({ where: { createdAt } }),
    scope.tdb.reviewItem.count({ where: { createdAt } }),
    scope.tdb.auditEvent.count({ where: { at: createdAt } }),
  ]);
  return { requests, grants, reviews, "audit-events": auditEvents };
}
