import { Prisma } from "../../db/generated/client.ts";
import { systemActor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { Services } from "../services.ts";
import { processPersonChange } from "./process-person-change.ts";
import { SNAPSHOT_SQL } from "./snapshot.ts";

/**
 * After a sync of a connection: the first one only baselines (every person's snapshot becomes what the IdP
 * says now, so the existing workforce is not onboarded again); later ones hand every person whose values
 * differ from their snapshot (or who has none) to processPersonChange, which acts once per change.
 */
export async function processDirectoryChanges(services: Services, input: { tenantId: string; connectionId: string; syncRunId?: string }) {
  const { db, clock } = services;
  const { tenantId, connectionId } = input;
  const baselined = await db.person.findFirst({ where: { tenantId, connectionId, lifecycleSnapshot: { not: Prisma.AnyNull } }, select: { id: true } });
  if (!baselined) {
    const now = clock.now();
    const count = await db.$transaction(async (tx) => {
      const n = await tx.$executeRawUnsafe(
        `UPDATE "Person" p SET "lifecycleSnapshot" = ${SNAPSHOT_SQL}, "lifecycleAt" = $3 WHERE p."tenantId" = $1 AND p."connectionId" = $2`,
        tenantId, connectionId, now,
      );
      await recordAudit(tx, tenantId, systemActor, {
        action: "lifecycle.baselined", subjectType: "connection", subjectId: connectionId, data: { people: n, syncRunId: input.syncRunId ?? null },
      }, now);
      return n;
    });
    return { baselined: count, processed: 0, acted: 0 };
  }
  const changed = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id FROM "Person" p WHERE p."tenantId" = $1 AND p."connectionId" = $2
       AND ("lifecycleSnapshot" IS NULL OR "lifecycleSnapshot" IS DISTINCT FROM ${SNAPSHOT_SQL}
            OR (p."terminationDate" IS NOT NULL AND p."terminationDate" <= $3 AND (p."lifecycleAt" IS NULL OR p."lifecycleAt" < p."terminationDate"))
            OR (p."startDate" IS NOT NULL AND p."startDate" <= $3 AND (p."lifecycleAt" IS NULL OR p."lifecycleAt" < p."startDate")))
     ORDER BY p.id`,
    tenantId, connectionId, clock.now(),
  );
  let acted = 0;
  for (const p of changed) {
    if (await processPersonChange(services, { tenantId, personId: p.id, source: "sync" })) acted++;
  }
  return { baselined: 0, processed: changed.length, acted };
}
