import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { keepGrantInput, type KeepGrantInput } from "./schemas.ts";

/**
 * The holder (or an admin) says the access is still needed, with a reason: the case becomes KEPT and the
 * inactivity clock restarts from now (the next scan measures from keptAt). Someone else's case is "not
 * found" to a non-admin, so case ids reveal nothing.
 */
export async function keepGrant(scope: TenantScope, raw: KeepGrantInput & { keeperPersonId: string | null; asAdmin: boolean }) {
  const input = keepGrantInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "ReclaimCase" WHERE id = ${input.caseId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const rc = await tx.reclaimCase.findUnique({ where: { id: input.caseId } });
    if (!rc || (!raw.asAdmin && rc.personId !== raw.keeperPersonId)) throw notFound("Reclaim notice");
    if (rc.status === "KEPT") return rc;
    if (rc.status !== "NOTIFIED" && rc.status !== "FLAGGED") throw conflict(`This access was already ${rc.status === "RECLAIMED" ? "removed" : "cleared"}`);
    const now = clock.now();
    const kept = await tx.reclaimCase.update({
      where: { id: rc.id },
      data: { status: "KEPT", keptAt: now, keptById: raw.keeperPersonId ?? actor.label, keptReason: input.reason },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "reclaim.kept", subjectType: "grant", subjectId: rc.grantId,
      data: { caseId: rc.id, reason: input.reason, byPersonId: raw.keeperPersonId, asAdmin: raw.asAdmin && rc.personId !== raw.keeperPersonId },
    }, now);
    await tx.notification.updateMany({ where: { grantId: rc.grantId, personId: rc.personId, kind: "reclaim.notified", readAt: null }, data: { readAt: now } });
    return kept;
  });
}
