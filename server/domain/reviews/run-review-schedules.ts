import { recordAudit } from "../audit.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import { forTenant, type Services } from "../services.ts";

const HOUR_MS = 3_600_000;

/**
 * Reminders and escalation on the campaign's schedule, run by the reconciler every minute: each reminder
 * (hours before the due date) goes once to every reviewer with pending items; once the due date passes,
 * pending items move to the fallback reviewer (unless it is their own access) and both sides are told.
 */
export async function runReviewSchedules(services: Services) {
  const now = services.clock.now();
  const campaigns = await services.db.reviewCampaign.findMany({ where: { status: "ACTIVE" } });
  let reminded = 0;
  let escalated = 0;
  for (const c of campaigns) {
    const scope = forTenant(services, c.tenantId, { type: "job", label: "Review schedule" });
    const dueReminders = c.reminderHours.filter((h) => !c.remindersSent.includes(h) && now.getTime() >= c.dueAt.getTime() - h * HOUR_MS);
    const overdue = now.getTime() >= c.dueAt.getTime() && !c.escalatedAt;
    if (!dueReminders.length && !overdue) continue;
    await scope.tdb.$transaction(async (tx) => {
      const fresh = await tx.reviewCampaign.updateManyAndReturn({
        where: { id: c.id, status: "ACTIVE", remindersSent: { equals: c.remindersSent }, escalatedAt: null },
        data: { remindersSent: [...c.remindersSent, ...dueReminders], ...(overdue ? { escalatedAt: now } : {}) },
        select: { id: true },
      });
      if (!fresh.length) return; // another run got here first
      const pending = await tx.reviewItem.groupBy({ by: ["reviewerPersonId"], where: { campaignId: c.id, decision: null }, _count: true });
      const due = c.dueAt.toISOString().slice(0, 16).replace("T", " ") + " UTC";
      if (dueReminders.length && !overdue && pending.length) {
        await notifyPeople(tx, services.jobs, c.tenantId, pending.map((p) => ({
          personId: p.reviewerPersonId, kind: "review.reminder" as const, link: `/reviews/${c.id}`,
          title: `Reminder: access review “${c.name}”`, body: `${p._count} item${p._count === 1 ? "" : "s"} still to review, due ${due}.`,
        })), now);
        reminded += pending.length;
      }
      if (overdue) {
        // The original reviewer stays on record (reassignedFromId) for the evidence.
        const moved = await tx.$queryRaw<{ id: string }[]>`
          UPDATE "ReviewItem" SET "reassignedFromId" = "reviewerPersonId", "reviewerPersonId" = ${c.fallbackReviewerId},
            "escalatedAt" = ${now}, "reassignReason" = 'Overdue: escalated to the fallback reviewer'
          WHERE "tenantId" = ${c.tenantId} AND "campaignId" = ${c.id} AND decision IS NULL
            AND "reviewerPersonId" <> ${c.fallbackReviewerId} AND "personId" <> ${c.fallbackReviewerId}
          RETURNING id`;
        escalated += moved.length;
        if (moved.length) {
          await notifyPeople(tx, services.jobs, c.tenantId, [
            { personId: c.fallbackReviewerId, kind: "review.escalated" as const, link: `/reviews/${c.id}`, title: `Escalated: access review “${c.name}”`, body: `${moved.length} overdue item${moved.length === 1 ? " is" : "s are"} now yours to review.` },
            ...pending.filter((p) => p.reviewerPersonId !== c.fallbackReviewerId).map((p) => ({
              personId: p.reviewerPersonId, kind: "review.escalated" as const, link: `/reviews/${c.id}`,
              title: `Overdue: access review “${c.name}”`, body: `Your ${p._count} pending item${p._count === 1 ? " was" : "s were"} escalated to the fallback reviewer.`,
            })),
          ], now);
        }
        await recordAudit(tx, c.tenantId, scope.actor, {
          action: "review.escalated", subjectType: "campaign", subjectId: c.id, data: { items: moved.length, to: c.fallbackReviewerId },
        }, now);
      }
    });
  }
  return { reminded, escalated };
}
