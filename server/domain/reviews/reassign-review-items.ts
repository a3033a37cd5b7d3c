import { recordAudits } from "../audit.ts";
import { badRequest, conflict, forbidden, notFound } from "../errors.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { lockActiveCampaign } from "./lock-active-campaign.ts";
import { reassignItemsInput, type ReassignItemsInput } from "./schemas.ts";

/** The reviewer (or an admin) hands undecided items to someone else, with a reason; never to the person reviewed. */
export async function reassignReviewItems(scope: TenantScope, raw: ReassignItemsInput & { byPersonId: string | null; asAdmin: boolean }) {
  const input = reassignItemsInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  const itemIds = [...new Set(input.itemIds)];
  return tdb.$transaction(async (tx) => {
    const campaign = await lockActiveCampaign(tx, tenantId, input.campaignId);
    const target = await tx.person.findUnique({ where: { id: input.toPersonId }, select: { id: true, displayName: true, status: true } });
    if (!target) throw notFound("Reviewer");
    if (target.status === "DEPROVISIONED" || target.status === "SUSPENDED") throw badRequest(`${target.displayName} is no longer active and cannot review`, "toPersonId");
    await tx.$executeRaw`SELECT 1 FROM "ReviewItem" WHERE id = ANY(${itemIds}::text[]) AND "tenantId" = ${tenantId} ORDER BY id FOR UPDATE`;
    const items = await tx.reviewItem.findMany({ where: { id: { in: itemIds }, campaignId: campaign.id } });
    if (items.length !== itemIds.length) throw notFound("Review item");
    if (!raw.asAdmin && items.some((i) => i.reviewerPersonId !== raw.byPersonId)) throw forbidden("Only the assigned reviewer or an admin can reassign an item");
    if (items.some((i) => i.decision)) throw conflict("Decided items cannot be reassigned");
    const own = items.find((i) => i.personId === target.id);
    if (own) throw badRequest(`${target.displayName} cannot review their own access (${own.accessLabel})`, "toPersonId");
    const now = clock.now();
    for (const i of items) {
      await tx.reviewItem.update({ where: { id: i.id }, data: { reviewerPersonId: target.id, reassignedFromId: i.reviewerPersonId, reassignReason: input.reason } });
    }
    await recordAudits(tx, tenantId, actor, items.map((i) => ({
      action: "review.reassigned", subjectType: "review_item", subjectId: i.id,
      data: { campaignId: campaign.id, from: i.reviewerPersonId, to: target.id, reason: input.reason },
    })), now);
    await notifyPeople(tx, scope.jobs, tenantId, [{
      personId: target.id, kind: "review.assigned", link: `/reviews/${campaign.id}`, title: `Access review: ${campaign.name}`,
      body: `${items.length} item${items.length === 1 ? " was" : "s were"} reassigned to you: “${input.reason}”.`,
    }], now);
    return { reassigned: items.length, to: target.displayName };
  });
}
