import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";
import { describeReadBack } from "../reviews/campaign-evidence.ts";
import { pageOrder, pageWhere, toPage, type EvidenceQuery } from "./evidence-query.ts";

const include = {
  campaign: { select: { id: true, name: true, status: true } },
} satisfies Prisma.ReviewItemInclude;
type Row = Prisma.ReviewItemGetPayload<{ include: typeof include }>;

/**
 * A review item's enforcement proof: whether it proves the access is gone (every group read back as not a
 * member or kept by another grant, or removed by hand and recorded), and the proof in words, worded as
 * the campaign evidence CSV words it (describeReadBack of the reviews domain).
 */
export function reviewReadBack(value: unknown): { proven: boolean | null; detail: string } | null {
  if (value == null) return null;
  type Entry = { readBack?: { isMember?: boolean; kept?: boolean } | null } | null;
  const proven = Array.isArray(value)
    ? value.length > 0 && (value as Entry[]).every((e) => e?.readBack?.kept === true || e?.readBack?.isMember === false)
    : typeof value === "object" && (value as { manual?: unknown }).manual === true ? true : null;
  return { proven, detail: describeReadBack(value) };
}

/**
 * One review item as evidence: the campaign, who and what was reviewed (as the reviewer saw it at launch),
 * the recommendation and why, who reviewed and what they decided, and whether a revocation was enforced.
 */
export function toReviewEvidence(r: Row, reviewerName: string | null) {
  return {
    id: r.id,
    createdAt: r.createdAt,
    campaignId: r.campaign.id,
    campaign: r.campaign.name,
    campaignStatus: r.campaign.status,
    personName: r.personName,
    personEmail: r.personEmail,
    personTitle: r.personTitle,
    personDepartment: r.personDepartment,
    access: r.accessLabel,
    groups: r.groupNames,
    howGranted: r.howGranted,
    grantId: r.grantId,
    requestId: r.requestId,
    grantedAt: r.grantedAt,
    lastLoginAt: r.lastLoginAt,
    lastUsedAt: r.lastUsedAt,
    recommendation: r.recommendation,
    recommendationReason: r.recommendationReason,
    reviewer: reviewerName,
    decision: r.decision,
    decidedBy: r.deciderName,
    comment: r.comment,
    decidedAt: r.decidedAt,
    revocation: r.revocation,
    revocationGrantId: r.revocationGrantId,
    revocationCompletedAt: r.revocationCompletedAt,
    readBack: reviewReadBack(r.readBack),
  };
}
export type ReviewEvidence = ReturnType<typeof toReviewEvidence>;

/** Display names of the given people of this tenant, by id (unknown ids are left out). */
export async function namesOf(scope: TenantScope, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await scope.tdb.person.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(rows.map((p) => [p.id, p.displayName]));
}

/** One page of the tenant's review items (of every campaign) created in the window, oldest first. */
export async function listReviewEvidence(scope: TenantScope, q: EvidenceQuery) {
  const rows = await scope.tdb.reviewItem.findMany({ where: pageWhere(q), orderBy: pageOrder, take: q.limit + 1, include });
  const reviewers = await namesOf(scope, rows.map((r) => r.reviewerPersonId));
  return toPage("reviews", rows, q.limit, (r) => toReviewEvidence(r, reviewers.get(r.reviewerPersonId) ?? null));
}
