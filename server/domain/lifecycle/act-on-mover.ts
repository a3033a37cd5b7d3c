import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudits } from "../audit.ts";
import { applyBirthright, type BirthrightOutcome } from "../bundles/apply-birthright.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";

const DAY_MS = 86_400_000;

export interface MoverOutcome {
  birthright: BirthrightOutcome;
  confirmations: { confirmationId: string; grantId: string; access: string; managerPersonId: string }[];
  confirmDueAt: string | null;
  askedAdmins: boolean;
}

/**
 * A mover's bundles follow the new attributes (applyBirthright ends what no longer matches, adds what now
 * does); access they asked for is kept, but each grant goes to the new manager (or, with none, the admins)
 * to confirm within the tenant's moverConfirmDays, else it is revoked.
 */
export async function actOnMover(
  tx: TenantTx, scope: TenantScope,
  person: { id: string; displayName: string; managerId: string | null }, lifecycleEventId: string, now: Date,
): Promise<MoverOutcome> {
  const birthright = await applyBirthright(tx, scope, person.id, now);
  // A confirmation asked on an earlier move is superseded by this one.
  await tx.accessConfirmation.updateMany({
    where: { tenantId: scope.tenantId, personId: person.id, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now, note: "Superseded by a later move" },
  });
  const requested = await tx.grant.findMany({
    where: { personId: person.id, source: { not: "bundle" }, status: { in: ["PENDING", "ACTIVE"] } },
    include: { role: { include: { app: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (!requested.length) return { birthright, confirmations: [], confirmDueAt: null, askedAdmins: false };

  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { moverConfirmDays: true } });
  const dueAt = new Date(now.getTime() + tenant.moverConfirmDays * DAY_MS);
  const confirmers = await confirmersFor(tx, scope.tenantId, person);
  const rows = requested.flatMap((g) => confirmers.map((managerPersonId) => ({
    tenantId: scope.tenantId, grantId: g.id, personId: person.id, managerPersonId, lifecycleEventId, dueAt,
  })));
  const created = await tx.accessConfirmation.createManyAndReturn({ data: rows, select: { id: true, grantId: true, managerPersonId: true } });
  const access = new Map(requested.map((g) => [g.id, `${g.role.app.name} · ${g.role.name}`]));
  await recordAudits(tx, scope.tenantId, scope.actor, created.map((c) => ({
    action: "lifecycle.confirmation_requested", subjectType: "grant", subjectId: c.grantId,
    data: { confirmationId: c.id, personId: person.id, managerPersonId: c.managerPersonId, dueAt: dueAt.toISOString(), lifecycleEventId },
  })), now);
  await notifyPeople(tx, scope.jobs, scope.tenantId, confirmers.map((managerPersonId) => ({
    personId: managerPersonId, kind: "access.confirm" as const, link: "/inbox",
    title: `Confirm ${person.displayName}'s access after their move`,
    body: `${person.displayName} changed roles. Confirm or revoke ${requested.length} access${requested.length === 1 ? "" : "es"} they asked for (${requested.map((g) => access.get(g.id)).join(", ")}) by ${dueAt.toISOString().slice(0, 10)}; unconfirmed access is revoked then.`,
  })), now);
  return {
    birthright,
    confirmations: created.map((c) => ({ confirmationId: c.id, grantId: c.grantId, access: access.get(c.grantId)!, managerPersonId: c.managerPersonId })),
    confirmDueAt: dueAt.toISOString(), askedAdmins: confirmers[0] !== person.managerId,
  };
}

/** The new manager; with none (or only themselves), the tenant's admins who are people in the directory. */
async function confirmersFor(tx: TenantTx, tenantId: string, person: { id: string; managerId: string | null }) {
  if (person.managerId && person.managerId !== person.id) return [person.managerId];
  const admins = await tx.tenantMember.findMany({ where: { tenantId, roles: { has: "admin" }, personId: { not: null } }, select: { personId: true } });
  return [...new Set(admins.map((a) => a.personId!).filter((id) => id !== person.id))];
}
