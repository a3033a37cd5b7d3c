import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { PROVISION_JOB } from "./jobs.ts";

/** An admin retries a grant whose provisioning failed permanently (after fixing the cause in the IdP). */
export async function retryGrant(scope: TenantScope, input: { grantId: string }) {
  const { tdb, tenantId, actor, clock, jobs } = scope;
  return tdb.$transaction(async (tx) => {
    const grant = await tx.grant.findUnique({ where: { id: input.grantId } });
    if (!grant) throw notFound("Grant");
    if (grant.status !== "FAILED") throw conflict(`Only failed grants can be retried; this one is ${grant.status.toLowerCase()}`);
    const now = clock.now();
    await tx.identityAction.updateMany({ where: { grantId: grant.id, status: "FAILED" }, data: { status: "PENDING", lastError: null } });
    await tx.grant.update({ where: { id: grant.id }, data: { status: "PENDING", failureReason: null, leaseUntil: null } });
    if (grant.requestId) await tx.accessRequest.update({ where: { id: grant.requestId }, data: { status: "APPROVED", failureReason: null } });
    await recordAudit(tx, tenantId, actor, { action: "grant.retried", subjectType: "grant", subjectId: grant.id, data: { previousFailure: grant.failureReason } }, now);
    if (grant.requestId) {
      await recordTicketEvents(tx, jobs, tenantId, grant.requestId, [{ kind: "comment", text: `Provisioning retried by ${actor.label}.`, facts: [] }]);
    }
    await jobs.enqueue(PROVISION_JOB, { tenantId, grantId: grant.id }, { tx: tx as never, tenantId, idempotencyKey: `provision:${grant.id}:retry:${now.getTime()}` });
    return { status: "PENDING" as const };
  });
}
