import type { Actor } from "../actor.ts";
import { recordAudits, type AuditWriter } from "../audit.ts";

/**
 * Drift findings removed through these grants are confirmed once the grants have ENDED: the group's removal
 * read-back is copied onto the finding (resolvedAt set), so the finding stands alone as evidence. Runs in the
 * transaction that ends the grants (finish-ended-grants.ts).
 */
export async function confirmDriftRemovals(tx: AuditWriter, tenantId: string, actor: Actor, grantIds: string[], now: Date) {
  if (!grantIds.length) return 0;
  const confirmed = await tx.$queryRaw<{ id: string; groupId: string; personId: string; grantId: string }[]>`
    UPDATE "DriftFinding" AS f SET "resolvedAt" = ${now},
      "readBack" = (
        SELECT jsonb_build_object('group', g.name, 'groupId', a."groupExternalId", 'readBack', a."readBack")
        FROM "IdentityAction" a JOIN "Group" g ON g.id = a."groupId"
        WHERE a."grantId" = f."grantId" AND a.kind = 'REMOVE_MEMBER' AND a."groupId" = f."groupId" LIMIT 1)
    FROM "Grant" gr
    WHERE f."tenantId" = ${tenantId} AND f."grantId" = ANY(${grantIds}::text[]) AND f.status = 'REMOVED' AND f."resolvedAt" IS NULL
      AND gr.id = f."grantId" AND gr.status = 'ENDED'
    RETURNING f.id, f."groupId", f."personId", f."grantId"`;
  await recordAudits(tx, tenantId, actor, confirmed.map((f) => ({
    action: "drift.removed", subjectType: "drift_finding", subjectId: f.id,
    data: { groupId: f.groupId, personId: f.personId, grantId: f.grantId },
  })), now);
  return confirmed.length;
}
