import { recordAudit } from "../audit.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { approveRequest } from "./approve-request.ts";
import { notifyRequestChanged } from "./notify-request-changed.ts";
import { decideInput, type Channel, type DecideInput } from "./request-schemas.ts";

/**
 * An approver decides the current step, from any channel (web, Slack, Jira, CLI) through this one
 * operation. Decisions are final. Deny needs a comment and ends the request; approve completes the
 * step (ANY: one approval; ALL: every approver) and moves to the next, or approves the request.
 */
export async function decideApproval(scope: TenantScope, raw: DecideInput & { deciderPersonId: string; channel: Channel }) {
  const input = decideInput.parse(raw);
  const { tdb, tenantId, actor, clock, jobs } = scope;
  return tdb.$transaction(async (tx) => {
    // Serialise deciders of one request, so two clicks or two approvers cannot both finish a step.
    await tx.$executeRaw`SELECT 1 FROM "AccessRequest" WHERE id = ${input.requestId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const request = await tx.accessRequest.findUnique({
      where: { id: input.requestId },
      include: { steps: { orderBy: { position: "asc" }, include: { decisions: true } }, role: { include: { app: true } }, beneficiary: true },
    });
    if (!request) throw notFound("Request");
    const decider = await tx.person.findUnique({ where: { id: raw.deciderPersonId } });
    if (!decider) throw forbidden("Your account is not linked to a person in the directory");
    const isApprover = request.steps.some((s) => s.approverPersonIds.includes(decider.id));
    if (!isApprover) throw forbidden("You are not an approver of this request");
    if (request.status !== "PENDING") throw conflict(`This request is already ${request.status.toLowerCase()}; decisions are final`);
    const step = request.steps.find((s) => s.status === "PENDING");
    if (!step) throw conflict("This request has no step waiting for a decision");
    if (!step.approverPersonIds.includes(decider.id)) throw forbidden(`This request is waiting for step ${step.position + 1}, which you do not approve`);
    if (step.decisions.some((d) => d.deciderPersonId === decider.id)) throw conflict("You have already decided this step");
    if (decider.id === request.beneficiaryPersonId || decider.id === request.requesterPersonId) throw forbidden("Nobody approves their own request");

    const now = clock.now();
    await tx.approvalDecision.create({
      data: { requestId: request.id, stepId: step.id, deciderPersonId: decider.id, decision: input.decision, comment: input.comment || null, channel: raw.channel } as never,
    });
    const label = `${request.role.app.name} · ${request.role.name} for ${request.beneficiary.displayName}`;
    const comment = input.comment ? ` — “${input.comment}”` : "";
    if (input.decision === "DENY") {
      await tx.approvalStep.update({ where: { id: step.id }, data: { status: "DENIED", decidedAt: now } });
      await tx.approvalStep.updateMany({ where: { requestId: request.id, status: "WAITING" }, data: { status: "SKIPPED" } });
      await tx.accessRequest.update({ where: { id: request.id }, data: { status: "DENIED", decidedAt: now } });
      await recordAudit(tx, tenantId, actor, {
        action: "request.denied", subjectType: "request", subjectId: request.id,
        data: { step: step.position + 1, kind: step.kind, decider: decider.email, comment: input.comment, channel: raw.channel },
      }, now);
      await recordTicketEvents(tx, jobs, tenantId, request.id, [
        { kind: "comment", text: `Denied by ${decider.displayName} (step ${step.position + 1}, ${step.kind.toLowerCase().replace("_", " ")}, via ${raw.channel})${comment}`, facts: [] },
        { kind: "property", key: "gatehouse", value: { requestId: request.id, status: "DENIED" } },
        { kind: "transition", name: "Decline" },
      ]);
      await notifyRequestChanged(tx, scope, request.id, now);
      return { status: "DENIED" as const, label };
    }

    const approvals = new Set([...step.decisions.filter((d) => d.decision === "APPROVE").map((d) => d.deciderPersonId), decider.id]);
    const stepDone = step.mode === "ANY" || step.approverPersonIds.every((p) => approvals.has(p));
    await recordAudit(tx, tenantId, actor, {
      action: "request.step.approved", subjectType: "request", subjectId: request.id,
      data: { step: step.position + 1, kind: step.kind, mode: step.mode, decider: decider.email, comment: input.comment ?? null, channel: raw.channel, stepComplete: stepDone },
    }, now);
    const events = [{ kind: "comment" as const, text: `Approved by ${decider.displayName} (step ${step.position + 1} of ${request.steps.length}, ${step.kind.toLowerCase().replace("_", " ")}, via ${raw.channel})${comment}`, facts: [] }];
    if (!stepDone) {
      await recordTicketEvents(tx, jobs, tenantId, request.id, events);
      await notifyRequestChanged(tx, scope, request.id, now);
      return { status: "PENDING" as const, label };
    }
    await tx.approvalStep.update({ where: { id: step.id }, data: { status: "APPROVED", decidedAt: now } });
    const next = request.steps.find((s) => s.position > step.position && s.status === "WAITING");
    if (next) {
      await tx.approvalStep.update({ where: { id: next.id }, data: { status: "PENDING" } });
      await recordTicketEvents(tx, jobs, tenantId, request.id, events);
      await notifyRequestChanged(tx, scope, request.id, now);
      return { status: "PENDING" as const, label };
    }
    await recordTicketEvents(tx, jobs, tenantId, request.id, [
      ...events,
      { kind: "property", key: "gatehouse", value: { requestId: request.id, status: "APPROVED" } },
      { kind: "transition", name: "Start" },
    ]);
    await approveRequest(tx, scope, request.id, now);
    await notifyRequestChanged(tx, scope, request.id, now);
    return { status: "APPROVED" as const, label };
  });
}

