import type { TenantTx } from "../../db/tenant-db.ts";
import { notifyPeople, type NotificationInput } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { formatDuration } from "./format.ts";
import { enqueueSlackRefresh } from "../slack/refresh-slack-messages.ts";

/**
 * After a request is created or decided (any channel), in the same transaction: approvers of the step now
 * waiting are told once per step; the requester (and the person it is for) are told of the outcome.
 */
export async function notifyRequestChanged(tx: TenantTx, scope: TenantScope, requestId: string, now: Date) {
  const request = await tx.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { steps: { orderBy: { position: "asc" }, include: { decisions: true } }, role: { include: { app: true } }, beneficiary: true, requester: true },
  });
  const label = `${request.role.app.name} · ${request.role.name}`;
  const link = `/requests/${request.id}`;
  const notes: NotificationInput[] = [];
  if (request.status === "PENDING") {
    const step = request.steps.find((s) => s.status === "PENDING");
    if (step) {
      const told = await tx.notification.findMany({ where: { requestId, kind: "approval.pending", body: { contains: `step ${step.position + 1} ` } }, select: { personId: true } });
      const already = new Set([...told.map((t) => t.personId), ...step.decisions.map((d) => d.deciderPersonId)]);
      for (const personId of step.approverPersonIds.filter((p) => !already.has(p))) {
        notes.push({
          personId, kind: "approval.pending", requestId, link,
          title: `Approve ${label} for ${request.beneficiary.displayName}?`,
          body: `Waiting for you at step ${step.position + 1} of ${request.steps.length}. ${formatDuration(request.durationMinutes)}. Reason: ${request.reason}`,
        });
      }
    }
  } else if (request.status === "APPROVED" || request.status === "DENIED") {
    const lastDecision = request.steps.flatMap((s) => s.decisions).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    const how = request.status === "DENIED" && lastDecision?.comment ? ` “${lastDecision.comment}”` : "";
    for (const personId of new Set([request.requesterPersonId, request.beneficiaryPersonId])) {
      notes.push({
        personId, kind: "request.decided", requestId, link,
        title: `${label} ${request.status === "APPROVED" ? "approved" : "denied"}`,
        body: request.status === "APPROVED" ? `Access for ${request.beneficiary.displayName} is being provisioned.` : `Your request was denied.${how}`,
      });
    }
  }
  // Approval messages already in Slack show the new state (this is how a web or Jira decision reaches Slack).
  if (request.status !== "PENDING" || request.steps.some((s) => s.decisions.length > 0)) await enqueueSlackRefresh(tx, scope, request.id);
  return notifyPeople(tx, scope.jobs, scope.tenantId, notes, now);
}
