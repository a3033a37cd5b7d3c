import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { badRequest } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { PROVISION_JOB } from "./jobs.ts";
import { isManual, openManualTasks } from "../tasks/open-manual-tasks.ts";

/**
 * The desired state: this person should hold this role. One ADD_MEMBER action per mapped group,
 * then a provisioning job; the reconciler re-queues it if the job is ever lost. A manual app's grant
 * instead waits on a task for the app's owners.
 */
export async function createGrant(
  tx: TenantTx,
  scope: TenantScope,
  input: {
    personId: string; roleId: string; requestId?: string; source: "request" | "bundle" | "import" | "kept"; durationMinutes: number | null;
    // Birthright evidence: the bundle that granted it and the rule that matched.
    bundleId?: string; bundleRule?: string;
  },
  now: Date,
) {
  const person = await tx.person.findUniqueOrThrow({ where: { id: input.personId } });
  const role = await tx.role.findUniqueOrThrow({ where: { id: input.roleId }, include: { groups: { include: { group: true } }, app: true } });
  const grant = await tx.grant.create({
    data: { personId: person.id, roleId: role.id, requestId: input.requestId ?? null, source: input.source, durationMinutes: input.durationMinutes, departmentAtGrant: person.department,
      bundleId: input.bundleId ?? null, bundleRule: input.bundleRule ?? null } as never,
  });
  const actions = [];
  for (const { group } of role.groups) {
    // The person as the group's directory knows them (same connection, matched by email otherwise).
    const identity = group.connectionId === person.connectionId
      ? person
      : await tx.person.findFirst({ where: { connectionId: group.connectionId, email: { equals: person.email, mode: "insensitive" } } });
    if (!identity) throw badRequest(`${person.displayName} has no account in the directory that holds ${group.name}`);
    actions.push({
      grantId: grant.id, kind: "ADD_MEMBER" as const, connectionId: group.connectionId, groupId: group.id,
      groupExternalId: group.externalId, personExternalId: identity.externalId,
    });
  }
  if (actions.length) await tx.identityAction.createMany({ data: actions as never });
  await recordAudit(tx, scope.tenantId, scope.actor, {
    action: "grant.created", subjectType: "grant", subjectId: grant.id,
    data: {
      personId: person.id, roleId: role.id, requestId: input.requestId ?? null, source: input.source, groups: role.groups.map((g) => g.group.name),
      ...(input.bundleId ? { bundleId: input.bundleId, bundleRule: input.bundleRule ?? null } : {}),
    },
  }, now);
  // A manual app has no groups to add: its owners set the access up by hand and confirm the task.
  if (isManual({ role })) {
    await openManualTasks(tx, scope, "grant", [{ ...grant, person, role }], now);
    return grant;
  }
  await scope.jobs.enqueue(PROVISION_JOB, { tenantId: scope.tenantId, grantId: grant.id }, { tx: tx as never, tenantId: scope.tenantId, idempotencyKey: `provision:${grant.id}:0` });
  return grant;
}
