import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";
import { pageOrder, pageWhere, toPage, type EvidenceQuery } from "./evidence-query.ts";

const include = {
  requester: { select: { email: true } },
  beneficiary: { select: { email: true } },
  app: { select: { name: true } },
  role: { select: { name: true } },
  grant: { select: { id: true } },
  steps: {
    orderBy: { position: "asc" },
    select: {
      position: true, kind: true, status: true, fallback: true, decidedAt: true,
      decisions: { orderBy: { createdAt: "asc" }, select: { decision: true, channel: true, comment: true, createdAt: true, decider: { select: { email: true } } } },
    },
  },
} satisfies Prisma.AccessRequestInclude;
type Row = Prisma.AccessRequestGetPayload<{ include: typeof include }>;

function toEvidence(r: Row) {
  return {
    id: r.id,
    createdAt: r.createdAt,
    requesterEmail: r.requester.email,
    beneficiaryEmail: r.beneficiary.email,
    app: r.app.name,
    role: r.role.name,
    reason: r.reason,
    durationMinutes: r.durationMinutes,
    source: r.source,
    status: r.status,
    approvals: r.steps.map((s) => ({
      step: s.position + 1, kind: s.kind, status: s.status, fallback: s.fallback, decidedAt: s.decidedAt,
      decisions: s.decisions.map((d) => ({ decider: d.decider.email, decision: d.decision, channel: d.channel, comment: d.comment, at: d.createdAt })),
    })),
    jiraIssueKey: r.jiraIssueKey,
    decidedAt: r.decidedAt,
    grantId: r.grant?.id ?? null,
  };
}
export type RequestEvidence = ReturnType<typeof toEvidence>;

/** One page of the tenant's access requests created in the window, oldest first, with every approval decision. */
export async function listRequestEvidence(scope: TenantScope, q: EvidenceQuery) {
  const rows = await scope.tdb.accessRequest.findMany({ where: pageWhere(q), orderBy: pageOrder, take: q.limit + 1, include });
  return toPage("requests", rows, q.limit, toEvidence);
}
