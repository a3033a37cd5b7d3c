import { recordAudits } from "../audit.ts";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import { removeGrantAccess } from "../grants/remove-grant-access.ts";
import type { TenantScope } from "../services.ts";
import { lockActiveCampaign } from "./lock-active-campaign.ts";
import { decideItemsInput, type DecideItemsInput } from "./schemas.ts";
import { startReviewRevocations } from "./start-review-revocations.ts";
import { adoptMemberships } from "./adopt-memberships.ts";

const DECIDE_TX = { maxWait: 30_000, timeout: 120_000 };

/**
 * The assigned reviewer keeps or revokes one item or many. Decisions are final. Keeping what the
 * recommendation says to revoke needs a comment. Revocations start in the same transaction and are
 * carried out right away (the job queued with them finishes the work if this process stops).
 */
export async function decideReviewItems(scope: TenantScope, raw: DecideItemsInput & { deciderPersonId: string | null }) {
  const input = decideItemsInput.parse(raw);
  const decider = raw.deciderPersonId;
  if (!decider) throw forbidden("Your account is not linked to a person in the directory, so no review items are assigned to you");
  const { tdb, tenantId, actor, clock } = scope;
  const itemIds = [...new Set(input.itemIds)];
  const result = await tdb.$transaction(async (tx) => {
    const campaign = await lockActiveCampaign(tx, tenantId, input.campaignId);
    await tx.$executeRaw`SELECT 1 FROM "ReviewItem" WHERE id = ANY(${itemIds}::text[]) AND "tenantId" = ${tenantId} ORDER BY id FOR UPDATE`;
    const items = await tx.reviewItem.findMany({ where: { id: { in: itemIds }, campaignId: campaign.id } });
    if (items.length !== itemIds.length) throw notFound("Review item");
    if (items.some((i) => i.personId === decider)) throw forbidden("Nobody reviews their own access; ask an admin to reassign it");
    if (items.some((i) => i.reviewerPersonId !== decider)) throw forbidden("Only the assigned reviewer can decide an item; reassign it to yourself first");
    const done = items.filter((i) => i.decision);
    if (done.length) throw conflict(`${done.length} of these items ${done.length === 1 ? "is" : "are"} already decided; decisions are final`);
    const comment = input.comment || null;
    if (input.decision === "KEEP" && !comment && items.some((i) => i.recommendation === "REVOKE")) {
      throw badRequest("Keeping access the recommendation says to revoke needs a comment that says why", "comment");
    }
    const now = clock.now();
    const person = await tx.person.findUniqueOrThrow({ where: { id: decider }, select: { displayName: true } });
    await tx.reviewItem.updateMany({
      where: { id: { in: itemIds } },
      data: { decision: input.decision, comment, decidedAt: now, decidedById: decider, deciderName: person.displayName },
    });
    const revocations = input.decision === "REVOKE"
      ? await startReviewRevocations(tx, scope, campaign, items, { name: person.displayName, comment }, now)
      : { removeNow: [], tasks: 0 };
    if (input.decision === "KEEP") {
      // Kept access that no grant explained becomes a grant ("kept"): governed from now on, explained in the next review.
      const kept = await adoptMemberships(tx, items.filter((i) => !i.grantId && i.groupId), "kept", campaign.name, now);
      for (const [itemId, grantId] of kept) await tx.reviewItem.update({ where: { id: itemId }, data: { grantId } });
    }
    await recordAudits(tx, tenantId, actor, items.map((i) => ({
      action: "review.decided", subjectType: "review_item", subjectId: i.id,
      data: {
        campaignId: campaign.id, decision: input.decision, recommendation: i.recommendation, reason: i.recommendationReason,
        comment, reviewer: person.displayName, personId: i.personId, access: i.accessLabel, grantId: i.grantId,
      },
    })), now);
    return { decided: items.length, ...revocations };
  }, DECIDE_TX);
  if (result.removeNow.length) {
    // Failures are retried by the job queued with the revocation; the reviewer's decision stands either way.
    await removeGrantAccess(scope, { tenantId, grantIds: result.removeNow }).catch(() => undefined);
  }
  return { decided: result.decided, removing: result.removeNow.length, tasks: result.tasks };
}
