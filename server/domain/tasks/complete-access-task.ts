import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import { endGrants } from "../grants/end-grants.ts";
import { activateGrantInTx } from "../grants/activate-grant.ts";
import { DEPROVISION_JOB } from "../grants/jobs.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { completeAccessTaskInput } from "./schemas.ts";

export { completeAccessTaskInput };

/**
 * The assignee (or an admin) confirms they made the change by hand. Who, when and their note are the proof:
 * a set-up makes the grant active (its expiry starts now); a removal ends the grant and confirms the
 * review item that asked for it.
 */
export async function completeAccessTask(scope: TenantScope, raw: z.input<typeof completeAccessTaskInput> & { byPersonId: string | null; asAdmin: boolean }) {
  const input = completeAccessTaskInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "AccessTask" WHERE id = ${input.taskId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const task = await tx.accessTask.findUnique({ where: { id: input.taskId } });
    if (!task) throw notFound("Task");
    const assignee = raw.byPersonId && task.assigneePersonIds.includes(raw.byPersonId);
    if (!assignee && !raw.asAdmin) throw forbidden("Only the people this task is assigned to, or an admin, can complete it");
    if (task.status !== "OPEN") throw conflict(`This task is already ${task.status.toLowerCase()}`);
    const now = clock.now();
    const by = raw.byPersonId ? await tx.person.findUnique({ where: { id: raw.byPersonId }, select: { displayName: true } }) : null;
    const byName = by?.displayName ?? actor.label;
    await tx.accessTask.update({
      where: { id: task.id },
      data: { status: "DONE", completedAt: now, completedById: raw.byPersonId, completedByName: byName, note: input.note },
    });
    const proof = { manual: true as const, taskId: task.id, completedBy: byName, completedAt: now.toISOString(), note: input.note };
    if (task.kind === "grant" && task.grantId) {
      const grant = await activateGrantInTx(tx, scope, task.grantId, now, proof);
      if (grant.status !== "ACTIVE") throw conflict(`This access is ${grant.status.toLowerCase()} and can no longer be set up`);
      const full = await tx.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { role: { include: { app: true } } } });
      await notifyPeople(tx, scope.jobs, tenantId, [{
        personId: full.personId, kind: "request.provisioned", grantId: full.id, requestId: full.requestId, link: "/my-access",
        title: `You now have ${full.role.app.name} · ${full.role.name}`, body: `${byName} set it up: ${input.note}`,
      }], now);
    }
    if (task.kind === "remove" && task.grantId) {
      // The grant is normally ENDING already (its end opened this task); one that is not is ended now. Either
      // way the removal run records the end, with this task as its proof.
      const moved = await endGrants(tx, scope, [task.grantId], { reason: "revoked", note: `removed by hand: ${input.note}`, endedBy: byName }, now);
      if (!moved.length) await scope.jobs.enqueue(DEPROVISION_JOB, { tenantId, grantIds: [task.grantId] }, { tx: tx as never, tenantId, idempotencyKey: `manual-removed:${task.id}` });
    }
    // The review items waiting on this task: the one that opened it, and any that joined it later.
    await tx.reviewItem.updateMany({
      where: { OR: [{ taskId: task.id }, ...(task.reviewItemId ? [{ id: task.reviewItemId }] : [])], revocation: "TASK" },
      data: { revocation: "CONFIRMED", revocationCompletedAt: now, readBack: proof as never },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "task.completed", subjectType: "access_task", subjectId: task.id,
      data: { kind: task.kind, grantId: task.grantId, reviewItemId: task.reviewItemId, completedBy: byName, note: input.note },
    }, now);
    return { taskId: task.id, status: "DONE" as const };
  });
}
