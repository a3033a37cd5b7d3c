import type { Services } from "../services.ts";
import { DEPROVISION_JOB, EXPIRE_JOB } from "./jobs.ts";
import { warnExpiringGrants } from "./warn-expiring-grants.ts";

/**
 * The safety net for ends: whatever timers or jobs were lost (the app was down at expiry, a process died
 * mid-removal), every overdue grant gets an expiry run, every unfinished removal a removal run, and every
 * holder whose access ends soon a warning. Safe to run any number of times.
 */
export async function sweepGrantEnds(services: Services, bucket: number) {
  const now = services.clock.now();
  const overdue = await services.db.grant.groupBy({ by: ["tenantId"], where: { status: "ACTIVE", expiresAt: { lte: now } } });
  for (const { tenantId } of overdue) {
    await services.jobs.enqueue(EXPIRE_JOB, { tenantId }, { tenantId, idempotencyKey: `expire-sweep:${tenantId}:r${bucket}` });
  }
  const ending = await services.db.grant.findMany({
    where: { status: "ENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true, tenantId: true },
  });
  const byTenant = new Map<string, string[]>();
  for (const g of ending) byTenant.set(g.tenantId, [...(byTenant.get(g.tenantId) ?? []), g.id]);
  for (const [tenantId, grantIds] of byTenant) {
    await services.jobs.enqueue(DEPROVISION_JOB, { tenantId, grantIds }, { tenantId, idempotencyKey: `deprovision-sweep:${tenantId}:r${bucket}` });
  }
  const { warned } = await warnExpiringGrants(services);
  return { overdueTenants: overdue.length, ending: ending.length, warned };
}
