import { Prisma, type TenantTx } from "../../db/tenant-db.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { applyBirthright } from "../bundles/apply-birthright.ts";
import { removeGrantAccess } from "../grants/remove-grant-access.ts";
import { forTenant, type Services } from "../services.ts";
import { actOnLeaver } from "./act-on-leaver.ts";
import { actOnMover } from "./act-on-mover.ts";
import { recordLeaverProofs } from "./record-leaver-proofs.ts";
import { LIFECYCLE_SUSPEND_JOB, LIFECYCLE_TICKET_JOB } from "./jobs.ts";
import { changesBetween, hasLeft, hasStarted, MOVER_FIELDS, readSnapshot, snapshotOf, type LifecycleSnapshot } from "./snapshot.ts";

export type LifecycleKind = "JOINER" | "MOVER" | "LEAVER";
export type LifecycleSource = "hook" | "sync" | "manual";

export interface LifecycleOutcome {
  eventId: string;
  kind: LifecycleKind;
  changes: Record<string, [unknown, unknown]>;
  outcome: Record<string, unknown>;
}

const TX = { maxWait: 30_000, timeout: 120_000 };
const LIVE = ["PENDING", "ACTIVE", "FAILED"] as const;

const actors: Record<LifecycleSource, Actor> = {
  hook: { type: "webhook", label: "Lifecycle (Okta event hook)" },
  sync: { type: "job", label: "Lifecycle (directory sync)" },
  manual: { type: "system", label: "Lifecycle" },
};

type Decision = LifecycleKind | "RECORD" | null;

/**
 * The one lifecycle operation, fed by the event hook, the sync and the date sweep alike. It is state-based:
 * the person row is locked, compared with the snapshot of what was last acted on, and the difference is
 * acted on once (joiner, mover or leaver) with the new snapshot, the LifecycleEvent and the audit written
 * in the same transaction. A change seen twice finds nothing left to do the second time. Removals run
 * right after commit (the queued job finishes them if this process stops); returns null when nothing acted.
 */
export async function processPersonChange(
  services: Services,
  input: { tenantId: string; personId: string; source: LifecycleSource },
): Promise<LifecycleOutcome | null> {
  const scope = forTenant(services, input.tenantId, actors[input.source]);
  const done = await scope.tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ${input.personId} AND "tenantId" = ${input.tenantId} FOR UPDATE`;
    const person = await tx.person.findUnique({ where: { id: input.personId } });
    if (!person) return null;
    const now = scope.clock.now();
    const before = readSnapshot(person.lifecycleSnapshot);
    const after = snapshotOf(person);
    const kind = await decide(tx, person, before, after, now);
    if (!kind) return null;
    const writeSnapshot = () => tx.person.update({ where: { id: person.id }, data: { lifecycleSnapshot: after, lifecycleAt: now } });
    const changes = changesBetween(before, after);
    if (kind === "RECORD") {
      await writeSnapshot();
      return null;
    }

    const event = await tx.lifecycleEvent.create({ data: { tenantId: input.tenantId, personId: person.id, kind, source: input.source, changes: changes as object, outcome: {} } });
    let outcome: Record<string, unknown>;
    let removeNow: string[] = [];
    if (kind === "JOINER") {
      const birthright = await applyBirthright(tx, scope, person.id, now);
      outcome = { birthright };
    } else if (kind === "MOVER") {
      const mover = await actOnMover(tx, scope, person, event.id, now);
      outcome = { ...mover };
      removeNow = mover.birthright.ended.map((g) => g.grantId);
    } else {
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, select: { suspendLeavers: true } });
      const { removeNow: removals, ...leaver } = await actOnLeaver(tx, scope, person, now);
      removeNow = removals;
      const suspend = tenant.suspendLeavers && !["SUSPENDED", "DEPROVISIONED"].includes(person.status);
      outcome = { ...leaver, removalGrantIds: removeNow, suspension: tenant.suspendLeavers ? (suspend ? { status: "PENDING" } : { status: "NOT_NEEDED", detail: `already ${person.status} in the IdP` }) : { status: "DISABLED" } };
      if (suspend) {
        await scope.jobs.enqueue(LIFECYCLE_SUSPEND_JOB, { tenantId: input.tenantId, eventId: event.id }, { tx: tx as never, tenantId: input.tenantId, idempotencyKey: `lifecycle-suspend:${event.id}` });
      }
    }
    await tx.lifecycleEvent.update({ where: { id: event.id }, data: { outcome: outcome as object } });
    await writeSnapshot();
    await recordAudit(tx, input.tenantId, scope.actor, {
      action: `lifecycle.${kind.toLowerCase()}`, subjectType: "person", subjectId: person.id,
      data: { lifecycleEventId: event.id, source: input.source, changes, outcome },
    }, now);
    if (kind !== "MOVER") {
      await scope.jobs.enqueue(LIFECYCLE_TICKET_JOB, { tenantId: input.tenantId, eventId: event.id }, { tx: tx as never, tenantId: input.tenantId, idempotencyKey: `lifecycle-ticket:${event.id}:open` });
    }
    return { result: { eventId: event.id, kind, changes, outcome } satisfies LifecycleOutcome, removeNow };
  }, TX);
  if (!done) return null;
  if (done.removeNow.length) {
    // Failures are retried by the job queued with the removal; the lifecycle decision stands either way.
    await removeGrantAccess(services, { tenantId: input.tenantId, grantIds: done.removeNow }).catch(() => undefined);
  }
  if (done.result.kind === "LEAVER") await recordLeaverProofs(services, { tenantId: input.tenantId, eventIds: [done.result.eventId] });
  return done.result;
}

/** What to do about the difference: act as joiner, mover or leaver; only record the new values; or nothing. */
async function decide(
  tx: TenantTx, person: { id: string; connectionId: string; lifecycleAt: Date | null },
  before: LifecycleSnapshot | null, after: LifecycleSnapshot, now: Date,
): Promise<Decision> {
  const left = hasLeft(after, now);
  if (!before) {
    // Until the connection is baselined everyone would look new: the after-sync job baselines first.
    const baselined = await tx.person.findFirst({ where: { connectionId: person.connectionId, lifecycleSnapshot: { not: Prisma.AnyNull } }, select: { id: true } });
    if (!baselined) return null;
    if (left) return (await tx.grant.findFirst({ where: { personId: person.id, status: { in: [...LIVE] } }, select: { id: true } })) ? "LEAVER" : "RECORD";
    return hasStarted(after, now) ? "JOINER" : null; // not started yet: the date sweep comes back for them
  }
  const at = person.lifecycleAt ?? now;
  const wasLeft = hasLeft(before, at);
  if (left) return wasLeft ? (sameValues(before, after) ? null : "RECORD") : "LEAVER";
  if (!hasStarted(after, now)) return wasLeft || sameValues(before, after) ? null : "RECORD";
  // Back from leaving, or started since the snapshot (activated, or the start date arrived): a joiner.
  if (wasLeft || !hasStarted(before, at)) return "JOINER";
  if (MOVER_FIELDS.some((f) => before[f] !== after[f])) return "MOVER";
  return sameValues(before, after) ? null : "RECORD";
}

function sameValues(a: LifecycleSnapshot, b: LifecycleSnapshot) {
  return Object.keys(changesBetween(a, b)).length === 0;
}
