import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services, type TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { claimGrant, releaseGrant } from "./grant-lease.ts";
import { activateGrantInTx } from "./activate-grant.ts";

export { PROVISION_JOB } from "./jobs.ts";

/**
 * Converges one PENDING grant: adds the person to each mapped group (idempotent), reads the membership
 * back, and stores the read-back as evidence. All actions confirmed → ACTIVE with its expiry. A retryable
 * IdP failure is recorded and rethrown for the job layer to retry; a permanent one fails the grant and
 * its request with the reason. Concurrent runs are kept apart by a lease on the grant.
 */
export async function provisionGrant(services: Services, input: { tenantId: string; grantId: string }, opts: { connector?: DirectoryConnector } = {}) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Provisioning" });
  if (!(await claimGrant(scope, input.grantId, "PENDING"))) return { outcome: "skipped" as const };
  const { tdb, clock } = scope;
  try {
    // A manual app's access is set up by its owners; the grant becomes active when they confirm the task.
    const mode = await tdb.grant.findUnique({ where: { id: input.grantId }, select: { role: { select: { app: { select: { provisioningMode: true } } } } } });
    if (mode?.role.app.provisioningMode === "MANUAL") return { outcome: "waiting" as const };
    const actions = await tdb.identityAction.findMany({
      where: { grantId: input.grantId, kind: "ADD_MEMBER", status: "PENDING" },
      include: { group: { include: { connection: true } } },
      orderBy: { createdAt: "asc" },
    });
    const connectors = new Map<string, DirectoryConnector>();
    for (const action of actions) {
      const connector = opts.connector ?? connectors.get(action.connectionId) ?? directoryFor(services.connectors, action.group.connection);
      connectors.set(action.connectionId, connector);
      try {
        await connector.addMember(action.groupExternalId, action.personExternalId);
        const readBack = await connector.isMember(action.groupExternalId, action.personExternalId);
        if (!readBack.isMember) throw new ConnectorError(`Read-back did not show the membership in ${action.group.name} yet`, "unknown", true);
        await tdb.$transaction(async (tx) => {
          await tx.identityAction.update({
            where: { id: action.id },
            data: { status: "SUCCEEDED", attempts: { increment: 1 }, lastError: null, completedAt: clock.now(), readBack: { ...readBack, checkedAt: readBack.checkedAt.toISOString() } },
          });
          const grant = await tx.grant.findUniqueOrThrow({ where: { id: action.grantId }, select: { personId: true } });
          await tx.membership.upsert({
            where: { groupId_personId: { groupId: action.groupId, personId: grant.personId } },
            update: { observedAt: clock.now() },
            create: { groupId: action.groupId, personId: grant.personId, observedAt: clock.now() } as never,
          });
        });
      } catch (err) {
        const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
        if (e.retryable) {
          await tdb.identityAction.update({ where: { id: action.id }, data: { attempts: { increment: 1 }, lastError: e.message } });
          throw e;
        }
        await failGrant(scope, input.grantId, action.id, `${action.group.name}: ${e.message}`);
        return { outcome: "failed" as const, reason: e.message };
      }
    }
    return { outcome: "active" as const, grant: await activateGrant(scope, input.grantId) };
  } finally {
    await releaseGrant(scope, input.grantId);
  }
}

async function activateGrant(scope: TenantScope, grantId: string) {
  return scope.tdb.$transaction((tx) => activateGrantInTx(tx, scope, grantId, scope.clock.now()));
}

async function failGrant(scope: TenantScope, grantId: string, actionId: string, reason: string) {
  const { tdb, tenantId, actor, clock, jobs } = scope;
  await tdb.$transaction(async (tx) => {
    const now = clock.now();
    await tx.identityAction.update({ where: { id: actionId }, data: { status: "FAILED", attempts: { increment: 1 }, lastError: reason } });
    const grant = await tx.grant.update({ where: { id: grantId }, data: { status: "FAILED", failureReason: reason } });
    if (grant.requestId) await tx.accessRequest.update({ where: { id: grant.requestId }, data: { status: "FAILED", failureReason: reason } });
    await recordAudit(tx, tenantId, actor, { action: "grant.failed", subjectType: "grant", subjectId: grantId, data: { reason, requestId: grant.requestId } }, now);
    if (grant.requestId) {
      await recordTicketEvents(tx, jobs, tenantId, grant.requestId, [
        { kind: "comment", text: `Provisioning failed and needs an admin: ${reason}`, facts: [] },
        { kind: "property", key: "gatehouse", value: { requestId: grant.requestId, status: "FAILED", reason } },
      ]);
    }
  });
}
