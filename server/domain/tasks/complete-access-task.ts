import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import { endGrants } from "../grants/end-grants.ts";
import type { TenantScope } from "../services.ts";
import { completeAccessTaskInput } from "./schemas.ts";

export { completeAccessTaskInput };

/**
 * The assignee (or an admin) confirms they made the change by hand. Who and when are recorded; a removal
 * ends the grant and confirms the review item that asked for it, with the note as its proof.
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
    const proof = { manual: true, completedBy: byName, completedAt: now.toISOString(), note: input.note };
    if (task.kind === "remove" && task.grantId) {
      await endGrants(tx, scope, [task.grantId], { reason: "revoked", note: `removed by hand: ${input.note}`, endedBy: byName }, now);
    }
    if (task.reviewItemId) {
      await tx.reviewItem.updateMany({
        where: { id: task.reviewItemId, revocation: "TASK" },
        data: { revocation: "CONFIRMED", revocationCompletedAt: now, readBack: proof as never },
      });
    }
    await recordAudit(tx, tenantId, actor, {
      action: "task.completed", subjectType: "access_task", subjectId: task.id,
      data: { kind: task.kind, grantId: task.grantId, reviewItemId: task.reviewItemId, completedBy: byName, note: input.note },
    }, now);
    return { taskId: task.id, status: "DONE" as const };
  });
}
