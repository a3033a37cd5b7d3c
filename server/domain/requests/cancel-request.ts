import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { notifyRequestChanged } from "./notify-request-changed.ts";

/** The requester or the person it is for withdraws a request that nobody has finished deciding. */
export async function cancelRequest(scope: TenantScope, input: { requestId: string; personId: string }) {
  const { tdb, tenantId, actor, clock, jobs } = scope;
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "AccessRequest" WHERE id = ${input.requestId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const request = await tx.accessRequest.findUnique({ where: { id: input.requestId } });
    if (!request || (request.requesterPersonId !== input.personId && request.beneficiaryPersonId !== input.personId)) throw notFound("Request");
    if (request.status !== "PENDING") throw conflict(`This request is already ${request.status.toLowerCase()} and cannot be cancelled`);
    const now = clock.now();
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "CANCELLED", decidedAt: now } });
    await tx.approvalStep.updateMany({ where: { requestId: request.id, status: { in: ["PENDING", "WAITING"] } }, data: { status: "SKIPPED" } });
    await recordAudit(tx, tenantId, actor, { action: "request.cancelled", subjectType: "request", subjectId: request.id, data: {} }, now);
    await recordTicketEvents(tx, jobs, tenantId, request.id, [
      { kind: "comment", text: `Cancelled by ${actor.label}.`, facts: [] },
      { kind: "property", key: "gatehouse", value: { requestId: request.id, status: "CANCELLED" } },
      { kind: "transition", name: "Decline" },
    ]);
    await notifyRequestChanged(tx, scope, request.id, now);
    return { status: "CANCELLED" as const };
  });
}
