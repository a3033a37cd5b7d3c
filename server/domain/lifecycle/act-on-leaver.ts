import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudits } from "../audit.ts";
import { endGrants } from "../grants/end-grants.ts";
import { cancelPendingRequests } from "../requests/cancel-pending-requests.ts";
import { startReviewRevocations } from "../reviews/start-review-revocations.ts";
import type { TenantScope } from "../services.ts";

export const LEAVER_ENDED_BY = "Leaver";
export const LEFT_COMMENT = "Left the company";
const LIVE = ["PENDING", "ACTIVE", "FAILED"] as const;

export interface LeaverOutcome {
  grantsEnded: { grantId: string; access: string; source: string }[];
  requestsCancelled: string[];
  reviewItemsClosed: string[];
  confirmationsCancelled: number;
  removeNow: string[];
}

/**
 * Everything a leaver holds goes, in the caller's transaction: every live grant ends (removal and
 * read-back follow), pending requests for them are cancelled, their open review items are decided
 * REVOKE as "left" (confirmed when the grant ends) and confirmations waiting on their access are cancelled.
 */
export async function actOnLeaver(tx: TenantTx, scope: TenantScope, person: { id: string; displayName: string }, now: Date): Promise<LeaverOutcome> {
  const live = await tx.grant.findMany({
    where: { personId: person.id, status: { in: [...LIVE] } },
    include: { role: { include: { app: true } } },
    orderBy: { createdAt: "asc" },
  });
  const ending = await endGrants(tx, scope, live.map((g) => g.id), { reason: "revoked", note: `${person.displayName} left the company`, endedBy: LEAVER_ENDED_BY }, now, { removingNow: true });
  const endingIds = new Set(ending.map((g) => g.id));

  const pending = await tx.accessRequest.findMany({ where: { beneficiaryPersonId: person.id, status: "PENDING" }, select: { id: true } });
  const requestsCancelled = await cancelPendingRequests(tx, scope, pending.map((r) => r.id), `${person.displayName} left the company`, now);

  const reviewItemsClosed: string[] = [];
  const reviewRemovals: string[] = [];
  const open = await tx.reviewItem.findMany({ where: { personId: person.id, decision: null, campaign: { status: "ACTIVE" } }, include: { campaign: true } });
  for (const campaign of new Map(open.map((i) => [i.campaignId, i.campaign])).values()) {
    const items = open.filter((i) => i.campaignId === campaign.id);
    await tx.reviewItem.updateMany({
      where: { id: { in: items.map((i) => i.id) }, decision: null },
      data: { decision: "REVOKE", comment: LEFT_COMMENT, decidedAt: now, deciderName: scope.actor.label },
    });
    const started = await startReviewRevocations(tx, scope, campaign, items, { name: scope.actor.label, comment: LEFT_COMMENT }, now);
    reviewRemovals.push(...started.removeNow);
    reviewItemsClosed.push(...items.map((i) => i.id));
    await recordAudits(tx, scope.tenantId, scope.actor, items.map((i) => ({
      action: "review.decided", subjectType: "review_item", subjectId: i.id,
      data: { campaignId: campaign.id, decision: "REVOKE", recommendation: i.recommendation, comment: LEFT_COMMENT, reviewer: scope.actor.label, personId: i.personId, access: i.accessLabel, grantId: i.grantId },
    })), now);
  }

  const confirmations = await tx.accessConfirmation.updateMany({
    where: { tenantId: scope.tenantId, personId: person.id, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now, note: LEFT_COMMENT },
  });

  return {
    grantsEnded: live.filter((g) => endingIds.has(g.id)).map((g) => ({ grantId: g.id, access: `${g.role.app.name} · ${g.role.name}`, source: g.source })),
    requestsCancelled, reviewItemsClosed, confirmationsCancelled: confirmations.count,
    removeNow: [...new Set([...endingIds, ...reviewRemovals])],
  };
}
