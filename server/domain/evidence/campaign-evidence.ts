// A review campaign as evidence: its scope and timeline, how complete it is, and every item's decision
// and enforcement proof, each leading to the trace of the grant it reviewed or revoked.
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { namesOf, reviewReadBack } from "./list-review-evidence.ts";

const ITEM_LIMIT = 1000;

export async function campaignEvidence(scope: TenantScope, campaignId: string) {
  const c = await scope.tdb.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!c) throw notFound("Review campaign");
  const [items, total, byDecision, byRevocation] = await Promise.all([
    scope.tdb.reviewItem.findMany({ where: { campaignId }, orderBy: [{ personName: "asc" }, { id: "asc" }], take: ITEM_LIMIT }),
    scope.tdb.reviewItem.count({ where: { campaignId } }),
    scope.tdb.reviewItem.groupBy({ by: ["decision"], where: { campaignId }, _count: true }),
    scope.tdb.reviewItem.groupBy({ by: ["revocation"], where: { campaignId, decision: "REVOKE" }, _count: true }),
  ]);
  const names = await namesOf(scope, [...items.map((i) => i.reviewerPersonId), c.fallbackReviewerId]);
  const decided = (d: "KEEP" | "REVOKE") => byDecision.find((r) => r.decision === d)?._count ?? 0;
  const [kept, revoked] = [decided("KEEP"), decided("REVOKE")];
  const confirmed = byRevocation.find((r) => r.revocation === "CONFIRMED")?._count ?? 0;
  return {
    campaign: {
      id: c.id, name: c.name, description: c.description, status: c.status, reviewerMode: c.reviewerMode, dueAt: c.dueAt,
      createdAt: c.createdAt, createdBy: c.createdBy, launchedAt: c.launchedAt, launchedBy: c.launchedBy, closedAt: c.closedAt, closedBy: c.closedBy,
      inactivityDays: c.inactivityDays, fallbackReviewer: names.get(c.fallbackReviewerId) ?? null,
    },
    counts: {
      items: total, kept, revoked, undecided: total - kept - revoked,
      revocationsConfirmed: confirmed,
      revocationsOpen: revoked - confirmed,
    },
    items: items.map((i) => ({
      id: i.id, personId: i.personId, personName: i.personName, personEmail: i.personEmail, personTitle: i.personTitle, personDepartment: i.personDepartment,
      access: i.accessLabel, groups: i.groupNames, howGranted: i.howGranted, grantId: i.grantId, revocationGrantId: i.revocationGrantId,
      recommendation: i.recommendation, recommendationReason: i.recommendationReason, reviewer: names.get(i.reviewerPersonId) ?? null,
      decision: i.decision, decidedBy: i.deciderName, comment: i.comment, decidedAt: i.decidedAt,
      revocation: i.revocation, revocationCompletedAt: i.revocationCompletedAt, readBack: reviewReadBack(i.readBack),
      lastLoginAt: i.lastLoginAt, lastUsedAt: i.lastUsedAt,
    })),
    limit: ITEM_LIMIT,
  };
}
export type CampaignEvidence = Awaited<ReturnType<typeof campaignEvidence>>;
