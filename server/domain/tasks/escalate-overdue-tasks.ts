import { recordAudits } from "../audit.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import { forTenant, type Services } from "../services.ts";
import { recordTicketEventsMany } from "../tickets/ticket-events.ts";

/**
 * Manual work that is past its due date escalates once: the tenant's admins join the assignees, everyone
 * assigned is told it is overdue (in the app and by Slack DM), the request's Jira issue says so, and the
 * audit log records it. One transaction per tenant; a task is never escalated twice.
 */
export async function escalateOverdueTasks(services: Services) {
  const now = services.clock.now();
  const due = await services.db.accessTask.groupBy({ by: ["tenantId"], where: { status: "OPEN", dueAt: { lte: now }, escalatedAt: null } });
  let escalated = 0;
  for (const { tenantId } of due) {
    const scope = forTenant(services, tenantId, { type: "system", label: "Task escalation" });
    escalated += await scope.tdb.$transaction(async (tx) => {
      const tasks = await tx.accessTask.updateManyAndReturn({
        where: { status: "OPEN", dueAt: { lte: now }, escalatedAt: null },
        data: { escalatedAt: now },
      });
      if (!tasks.length) return 0;
      const admins = (await tx.tenantMember.findMany({ where: { roles: { has: "admin" }, personId: { not: null } }, select: { personId: true } })).map((m) => m.personId!);
      const withAdmins = tasks.map((t) => ({ ...t, assigneePersonIds: [...new Set([...t.assigneePersonIds, ...admins.filter((a) => a !== t.personId)])] }));
      for (const t of withAdmins) await tx.accessTask.update({ where: { id: t.id }, data: { assigneePersonIds: t.assigneePersonIds } });
      const days = (t: { dueAt: Date | null }) => Math.max(0, Math.floor((now.getTime() - (t.dueAt?.getTime() ?? now.getTime())) / 86_400_000));
      await notifyPeople(tx, scope.jobs, tenantId, withAdmins.flatMap((t) => t.assigneePersonIds.map((personId) => ({
        personId, kind: "task.escalated" as const, link: "/inbox", grantId: t.grantId,
        title: `Overdue: ${t.title}`,
        body: `This was due ${days(t) ? `${days(t)} day${days(t) === 1 ? "" : "s"} ago` : "today"} and is now escalated to the admins. Do it in the app, then mark it done with a note.`,
      }))), now);
      const grants = await tx.grant.findMany({ where: { id: { in: tasks.map((t) => t.grantId).filter((g): g is string => !!g) }, requestId: { not: null } }, select: { id: true, requestId: true } });
      await recordTicketEventsMany(tx, scope.jobs, tenantId, grants.map((g) => ({
        requestId: g.requestId!,
        events: [{ kind: "comment" as const, text: `Overdue: “${tasks.find((t) => t.grantId === g.id)!.title}” was not done by its due date and is escalated to the Gatehouse admins.`, facts: [] }],
      })));
      await recordAudits(tx, tenantId, scope.actor, withAdmins.map((t) => ({
        action: "task.escalated", subjectType: "access_task", subjectId: t.id,
        data: { kind: t.kind, grantId: t.grantId, reviewItemId: t.reviewItemId, dueAt: t.dueAt?.toISOString() ?? null, assignees: t.assigneePersonIds },
      })), now);
      return tasks.length;
    });
  }
  return { escalated };
}
