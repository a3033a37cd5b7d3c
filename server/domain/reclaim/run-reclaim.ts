import type { Services } from "../services.ts";
import { readAppUsage } from "./read-app-usage.ts";
import { reclaimLapsedGrants } from "./reclaim-lapsed-grants.ts";
import { scanReclaim } from "./scan-reclaim.ts";

/**
 * One Auto Reclaim pass for a tenant, each step in its own transaction(s): read last use from the IdP,
 * open cases for inactive grants, then reclaim the ones whose grace period ended. Safe to run twice.
 */
export async function runReclaim(services: Services, input: { tenantId: string }) {
  const usage = await readAppUsage(services, input);
  const scan = await scanReclaim(services, input);
  const lapsed = await reclaimLapsedGrants(services, input);
  return { usage, scan, lapsed };
}

/** The cron sweep: every tenant with at least one enabled rule. */
export async function runReclaimForAllTenants(services: Services) {
  const tenants = await services.db.reclaimRule.findMany({ where: { enabled: true }, distinct: ["tenantId"], select: { tenantId: true } });
  for (const { tenantId } of tenants) await runReclaim(services, { tenantId });
  return { tenants: tenants.length };
}
