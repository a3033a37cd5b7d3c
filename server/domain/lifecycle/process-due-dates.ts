import type { Services } from "../services.ts";
import { processPersonChange } from "./process-person-change.ts";

/**
 * The date sweep: people whose start date or termination date has arrived since they were last acted on
 * (a future joiner is left alone until then; a termination date makes a leaver on the day).
 */
export async function processDueDates(services: Services) {
  const now = services.clock.now();
  const due = await services.db.$queryRaw<{ id: string; tenantId: string }[]>`
    SELECT p.id, p."tenantId" FROM "Person" p
    WHERE ((p."startDate" IS NOT NULL AND p."startDate" <= ${now} AND (p."lifecycleAt" IS NULL OR p."lifecycleAt" < p."startDate"))
        OR (p."terminationDate" IS NOT NULL AND p."terminationDate" <= ${now} AND (p."lifecycleAt" IS NULL OR p."lifecycleAt" < p."terminationDate")))
      AND EXISTS (SELECT 1 FROM "Person" b WHERE b."connectionId" = p."connectionId" AND b."lifecycleSnapshot" IS NOT NULL)
    ORDER BY p."tenantId", p.id LIMIT 1000`;
  let acted = 0;
  for (const p of due) {
    if (await processPersonChange(services, { tenantId: p.tenantId, personId: p.id, source: "sync" })) acted++;
  }
  return { due: due.length, acted };
}
