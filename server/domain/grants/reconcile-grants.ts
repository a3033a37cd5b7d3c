import type { Services } from "../services.ts";
import { PROVISION_JOB } from "./jobs.ts";
import { DELIVER_TICKETS_JOB } from "../tickets/ticket-events.ts";
import { sweepGrantEnds } from "./sweep-grant-ends.ts";
import { escalateOverdueTasks } from "../tasks/escalate-overdue-tasks.ts";

export const RECONCILE_EVERY_MS = 60_000;

/**
 * The safety net: whatever events or jobs were lost, every PENDING grant gets a provisioning run and
 * every undelivered ticket event a delivery run, ends are swept (sweep-grant-ends.ts) and overdue
 * manual tasks escalate. Safe to run any number of times: the work is idempotent
 * and a lease keeps two runs of one grant apart.
 */
export async function reconcileGrants(services: Services) {
  const now = services.clock.now();
  const bucket = Math.floor(now.getTime() / RECONCILE_EVERY_MS);
  const grants = await services.db.grant.findMany({
    // A manual app's grant waits on its owners' task, not on a job.
    where: { status: "PENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], role: { app: { provisioningMode: "IDP_GROUPS" } } },
    select: { id: true, tenantId: true },
  });
  for (const g of grants) {
    await services.jobs.enqueue(PROVISION_JOB, { tenantId: g.tenantId, grantId: g.id }, { tenantId: g.tenantId, idempotencyKey: `provision:${g.id}:r${bucket}` });
  }
  const tickets = await services.db.ticketEvent.findMany({ where: { status: "PENDING" }, distinct: ["requestId"], select: { requestId: true, tenantId: true } });
  for (const t of tickets) {
    await services.jobs.enqueue(DELIVER_TICKETS_JOB, { tenantId: t.tenantId, requestId: t.requestId }, { tenantId: t.tenantId, idempotencyKey: `tickets:${t.requestId}:r${bucket}` });
  }
  const ends = await sweepGrantEnds(services, bucket);
  const tasks = await escalateOverdueTasks(services);
  return { grants: grants.length, tickets: tickets.length, ...ends, ...tasks };
}
