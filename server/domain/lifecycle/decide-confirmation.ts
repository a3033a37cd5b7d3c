import { z } from "zod";
import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export const decideConfirmationInput = z.object({
  confirmationId: z.string().min(1).max(64),
  note: z.string().trim().max(1000).optional(),
});
export type DecideConfirmationInput = z.infer<typeof decideConfirmationInput>;

/**
 * Shared by confirming and revoking: locks the confirmation, checks the decider is the one asked and it is
 * still pending, records the decision, and closes the same grant's confirmations asked of others (admins).
 */
export async function settleConfirmation(
  tx: TenantTx, scope: TenantScope, input: DecideConfirmationInput, deciderPersonId: string | null,
  status: "CONFIRMED" | "REVOKED", now: Date,
) {
  if (!deciderPersonId) throw forbidden("Your account is not linked to a person in the directory, so no confirmations are assigned to you");
  await tx.$executeRaw`SELECT 1 FROM "AccessConfirmation" WHERE id = ${input.confirmationId} AND "tenantId" = ${scope.tenantId} FOR UPDATE`;
  const c = await tx.accessConfirmation.findFirst({ where: { id: input.confirmationId, tenantId: scope.tenantId } });
  if (!c) throw notFound("Access confirmation");
  if (c.managerPersonId !== deciderPersonId) throw forbidden("Only the person asked to confirm this access can decide it");
  if (c.status !== "PENDING") throw conflict(`This confirmation is already ${c.status.toLowerCase()}`);
  const decider = await tx.person.findUniqueOrThrow({ where: { id: deciderPersonId }, select: { displayName: true } });
  await tx.accessConfirmation.update({ where: { id: c.id }, data: { status, decidedAt: now, decidedById: deciderPersonId, note: input.note || null } });
  await tx.accessConfirmation.updateMany({
    where: { tenantId: scope.tenantId, grantId: c.grantId, status: "PENDING", id: { not: c.id } },
    data: { status: "CANCELLED", decidedAt: now, note: `Decided by ${decider.displayName}` },
  });
  await recordAudit(tx, scope.tenantId, scope.actor, {
    action: status === "CONFIRMED" ? "lifecycle.access_confirmed" : "lifecycle.access_revoked", subjectType: "grant", subjectId: c.grantId,
    data: { confirmationId: c.id, personId: c.personId, decider: decider.displayName, note: input.note || null },
  }, now);
  return { confirmation: c, deciderName: decider.displayName };
}
