import type { TenantScope } from "../services.ts";
import type { EvidenceKind, EvidencePage, EvidenceQuery } from "./evidence-query.ts";
import { listRequestEvidence } from "./list-request-evidence.ts";
import { listGrantEvidence } from "./list-grant-evidence.ts";
import { listReviewEvidence } from "./list-review-evidence.ts";
import { listAuditEventEvidence } from "./list-audit-event-evidence.ts";

const lists = {
  requests: listRequestEvidence,
  grants: listGrantEvidence,
  reviews: listReviewEvidence,
  "audit-events": listAuditEventEvidence,
} satisfies Record<EvidenceKind, (scope: TenantScope, q: EvidenceQuery) => Promise<EvidencePage<unknown>>>;

export type EvidenceRow<K extends EvidenceKind> = Awaited<ReturnType<(typeof lists)[K]>>["data"][number];

/** One page of evidence of any kind: the tenant's rows in the window, after the cursor, oldest first. */
export function listEvidence(kind: EvidenceKind, scope: TenantScope, q: EvidenceQuery): Promise<EvidencePage<unknown>> {
  return lists[kind](scope, q);
}
