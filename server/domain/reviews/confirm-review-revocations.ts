import type { AuditWriter } from "../audit.ts";
import { recordAudits } from "../audit.ts";
import type { Actor } from "../actor.ts";

/**
 * Review items whose revocation waited on these grants are confirmed once the grants have ENDED: the
 * proof (each group's removal read-back) is copied onto the item, so the evidence row stands alone.
 * Runs in the transaction that ends the grants.
 */
export async function confirmReviewRevocations(tx: AuditWriter, tenantId: string, actor: Actor, grantIds: string[], now: Date) {
  if (!grantIds.length) return 0;
  const confirmed = await tx.$queryRaw<{ id: string; campaignId: string; revocationGrantId: string }[]>`
    UPDATE "ReviewItem" AS ri SET revocation = 'CONFIRMED', "revocationCompletedAt" = ${now},
      "readBack" = (
        SELECT COALESCE(jsonb_agg(jsonb_build_object('group', g.name, 'groupId', a."groupExternalId", 'readBack', a."readBack") ORDER BY g.name), '[]'::jsonb)
        FROM "IdentityAction" a JOIN "Group" g ON g.id = a."groupId"
        WHERE a."grantId" = ri."revocationGrantId" AND a.kind = 'REMOVE_MEMBER')
    FROM "Grant" gr
    WHERE ri."tenantId" = ${tenantId} AND ri."revocationGrantId" = ANY(${grantIds}::text[]) AND ri.revocation = 'PENDING'
      AND gr.id = ri."revocationGrantId" AND gr.status = 'ENDED'
    RETURNING ri.id, ri."campaignId", ri."revocationGrantId"`;
  await recordAudits(tx, tenantId, actor, confirmed.map((r) => ({
    action: "review.revocation_confirmed", subjectType: "review_item", subjectId: r.id,
    data: { campaignId: r.campaignId, grantId: r.revocationGrantId },
  })), now);
  return confirmed.length;
}
