import { systemActor } from "../actor.ts";
import { recordAudits } from "../audit.ts";
import { endGrants } from "../grants/end-grants.ts";
import { removeGrantAccess } from "../grants/remove-grant-access.ts";
import { forTenant, type Services } from "../services.ts";

export const LAPSED_ENDED_BY = "Mover confirmation lapsed";

/**
 * Access a mover's new manager did not confirm by the due date is revoked: each grant with a lapsed
 * PENDING confirmation ends (removal and read-back follow), and its confirmations become REVOKED.
 * Safe to run twice: a confirmation is only taken while still PENDING.
 */
export async function revokeUnconfirmedAccess(services: Services, input: { tenantId?: string } = {}) {
  const now = services.clock.now();
  const due = await services.db.accessConfirmation.findMany({
    where: { status: "PENDING", dueAt: { lte: now }, ...(input.tenantId ? { tenantId: input.tenantId } : {}) },
    select: { tenantId: true }, distinct: ["tenantId"],
  });
  let revoked = 0;
  for (const { tenantId } of due) {
    const scope = forTenant(services, tenantId, { ...systemActor, label: LAPSED_ENDED_BY });
    const removeNow = await scope.tdb.$transaction(async (tx) => {
      const lapsed = await tx.accessConfirmation.updateManyAndReturn({
        where: { tenantId, status: "PENDING", dueAt: { lte: now } },
        data: { status: "REVOKED", decidedAt: now, note: "Not confirmed by the due date" },
        select: { id: true, grantId: true, personId: true, managerPersonId: true },
      });
      const grantIds = [...new Set(lapsed.map((c) => c.grantId))];
      // A grant confirmed by another asked person meanwhile keeps its access.
      const confirmed = new Set((await tx.accessConfirmation.findMany({ where: { tenantId, grantId: { in: grantIds }, status: "CONFIRMED" }, select: { grantId: true } })).map((c) => c.grantId));
      const ending = await endGrants(tx, scope, grantIds.filter((id) => !confirmed.has(id)), { reason: "revoked", note: "not confirmed by the new manager in time", endedBy: LAPSED_ENDED_BY }, now, { removingNow: true });
      await recordAudits(tx, tenantId, scope.actor, lapsed.map((c) => ({
        action: "lifecycle.confirmation_lapsed", subjectType: "grant", subjectId: c.grantId, data: { confirmationId: c.id, personId: c.personId, managerPersonId: c.managerPersonId },
      })), now);
      revoked += ending.length;
      return ending.map((g) => g.id);
    });
    if (removeNow.length) await removeGrantAccess(services, { tenantId, grantIds: removeNow }).catch(() => undefined);
  }
  return revoked;
}
