import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudits } from "../audit.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEventsMany } from "../tickets/ticket-events.ts";
import { notifyRequestChanged } from "./notify-request-changed.ts";

/**
 * The core of a cancellation, in the caller's transaction: each still-PENDING request becomes CANCELLED,
 * its open steps are skipped, its Jira issue is told and declined, and the people involved are told.
 * Requests that are no longer pending are left alone; returns the ids it cancelled.
 */
export async function cancelPendingRequests(tx: TenantTx, scope: TenantScope, requestIds: string[], why: string, now: Date) {
  if (!requestIds.length) return [];
  const cancelled = (await tx.accessRequest.updateManyAndReturn({
    where: { id: { in: requestIds }, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now, failureReason: why },
    select: { id: true },
  })).map((r) => r.id);
  if (!cancelled.length) return [];
  await tx.approvalStep.updateMany({ where: { requestId: { in: cancelled }, status: { in: ["PENDING", "WAITING"] } }, data: { status: "SKIPPED" } });
  await recordAudits(tx, scope.tenantId, scope.actor, cancelled.map((id) => ({ action: "request.cancelled", subjectType: "request", subjectId: id, data: { why } })), now);
  await recordTicketEventsMany(tx, scope.jobs, scope.tenantId, cancelled.map((requestId) => ({
    requestId,
    events: [
      { kind: "comment" as const, text: `Cancelled by ${scope.actor.label}: ${why}.`, facts: [] },
      { kind: "property" as const, key: "gatehouse", value: { requestId, status: "CANCELLED" } },
      { kind: "transition" as const, name: "Decline" },
    ],
  })));
  for (const id of cancelled) await notifyRequestChanged(tx, scope, id, now);
  return cancelled;
}
