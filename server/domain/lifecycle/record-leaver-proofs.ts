import type { Prisma } from "../../db/generated/client.ts";
import { systemActor } from "../actor.ts";
import { recordAudits } from "../audit.ts";
import type { Services } from "../services.ts";
import { LIFECYCLE_TICKET_JOB } from "./jobs.ts";

type Pending = { id: string; tenantId: string; personId: string; grantIds: string[] };

/**
 * A leaver's removals are confirmed once every grant it ended has ENDED (each group read back) and the
 * suspension, if any, is settled: the read-backs are then copied onto the event as its proof, audited, and
 * posted to its Jira issue. Safe to run again: an event with proof is skipped.
 */
export async function recordLeaverProofs(services: Services, input: { tenantId?: string; eventIds?: string[] } = {}) {
  const { db, clock } = services;
  const tenantFilter = input.tenantId ?? null;
  const ids = input.eventIds ?? null;
  const ready = await db.$queryRaw<Pending[]>`
    SELECT e.id, e."tenantId", e."personId", ARRAY(SELECT jsonb_array_elements_text(e.outcome->'removalGrantIds')) AS "grantIds"
    FROM "LifecycleEvent" e
    WHERE e.kind = 'LEAVER' AND e.outcome ? 'removalGrantIds' AND NOT e.outcome ? 'proof'
      AND (${tenantFilter}::text IS NULL OR e."tenantId" = ${tenantFilter})
      AND (${ids}::text[] IS NULL OR e.id = ANY(${ids}::text[]))
      AND coalesce(e.outcome->'suspension'->>'status', '') <> 'PENDING'
      AND NOT EXISTS (
        SELECT 1 FROM "Grant" g WHERE g.id IN (SELECT jsonb_array_elements_text(e.outcome->'removalGrantIds')) AND g.status <> 'ENDED')
    ORDER BY e."createdAt" LIMIT 500`;
  for (const event of ready) {
    const now = clock.now();
    await db.$transaction(async (tx) => {
      const grants = await tx.grant.findMany({
        where: { id: { in: event.grantIds }, tenantId: event.tenantId },
        include: { role: { include: { app: true } }, actions: { where: { kind: "REMOVE_MEMBER" }, include: { group: true } } },
      });
      // A manual app's access was removed by its owner: their confirmation and note are that grant's proof.
      const byHand = await tx.accessTask.findMany({ where: { tenantId: event.tenantId, kind: "remove", status: "DONE", grantId: { in: event.grantIds } } });
      const proof = grants.map((g) => {
        const task = byHand.find((t) => t.grantId === g.id);
        return {
          grantId: g.id, access: `${g.role.app.name} · ${g.role.name}`, endedAt: g.endedAt?.toISOString() ?? null,
          groups: g.actions.map((a) => ({ group: a.group.name, groupId: a.groupExternalId, readBack: a.readBack as Prisma.JsonValue })),
          ...(task ? { removedByHand: { by: task.completedByName, at: task.completedAt?.toISOString() ?? null, note: task.note } } : {}),
        };
      });
      const updated = await tx.$executeRaw`
        UPDATE "LifecycleEvent" SET outcome = outcome || jsonb_build_object('proof', ${JSON.stringify(proof)}::jsonb, 'proofAt', ${now.toISOString()}::text)
        WHERE id = ${event.id} AND NOT outcome ? 'proof'`;
      if (!updated) return;
      await recordAudits(tx, event.tenantId, systemActor, [{
        action: "lifecycle.leaver_confirmed", subjectType: "person", subjectId: event.personId, data: { lifecycleEventId: event.id, proof },
      }], now);
      await services.jobs.enqueue(LIFECYCLE_TICKET_JOB, { tenantId: event.tenantId, eventId: event.id }, { tx: tx as never, tenantId: event.tenantId, idempotencyKey: `lifecycle-ticket:${event.id}:proof` });
    });
  }
  return ready.length;
}
