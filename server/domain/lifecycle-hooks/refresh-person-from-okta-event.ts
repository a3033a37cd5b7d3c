import { directoryFor } from "../../connectors/factory.ts";
import type { ReadBack } from "../../connectors/types.ts";
import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { processPersonChange } from "../lifecycle/process-person-change.ts";
import { forTenant, type Services } from "../services.ts";
import { upsertPeople } from "../sync/sync-sql.ts";
import { linkManagerOf } from "./link-manager.ts";
import { MEMBERSHIP_EVENT_TYPES, type PersonEventWork } from "./okta-event-hook-payload.ts";

export type OktaEventInput = PersonEventWork & { tenantId: string; connectionId: string };

/**
 * The work after an Okta event: read the user from Okta now (events may arrive late, twice or out of order,
 * so the IdP's current state is what counts, not the event's), store the person exactly as the sync would
 * (upsertPeople), resolve the manager, for a membership event store what Okta says of that one membership
 * (read back, not inferred from the event), and then hand the person to the one lifecycle operation.
 * An IdP failure throws, and the job retries (never sooner than a 429's reset).
 */
export async function refreshPersonFromOktaEvent(services: Services, input: OktaEventInput) {
  const scope = forTenant(services, input.tenantId, { type: "webhook", label: `Okta event ${input.eventType}` });
  const { tdb, clock, tenantId } = scope;
  const connection = await tdb.connection.findUnique({ where: { id: input.connectionId } });
  if (!connection || connection.kind !== "OKTA" || !connection.enabled) return { skipped: "connection gone or disabled" as const };
  const connector = directoryFor(services.connectors, connection);
  if (!connector.getUser) throw new Error(`The ${connection.kind} connector cannot read one user`);

  const user = await connector.getUser(input.userExternalId);
  const group = input.groupExternalId && MEMBERSHIP_EVENT_TYPES.has(input.eventType)
    ? await tdb.group.findUnique({ where: { tenantId_connectionId_externalId: { tenantId, connectionId: connection.id, externalId: input.groupExternalId } } })
    : null;
  const readBack: ReadBack | null = user && group ? await connector.isMember(group.externalId, user.externalId) : null;

  const now = clock.now();
  const key = { tenantId_connectionId_externalId: { tenantId, connectionId: connection.id, externalId: input.userExternalId } };
  const personId = await tdb.$transaction(async (tx) => {
    const before = await tx.person.findUnique({ where: key });
    if (!user) {
      // Deleted in Okta: like a sync that no longer lists them.
      if (!before) return null;
      if (before.status !== "DEPROVISIONED") await tx.person.update({ where: { id: before.id }, data: { status: "DEPROVISIONED", syncedAt: now } });
      await audit(tx, before.id, { deletedInOkta: true });
      return before.id;
    }
    // lastSeenSyncId is the sync's "listed by this run" mark: a sync running now owns it, else it stays as it was.
    const running = await tx.syncRun.findFirst({
      where: { connectionId: connection.id, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" }, select: { id: true },
    });
    const counts = await upsertPeople(tx, tenantId, connection.id, running?.id ?? before?.lastSeenSyncId ?? `okta-event:${input.eventUuid}`, now, [user]);
    const person = await tx.person.findUniqueOrThrow({ where: key, select: { id: true } });
    const manager = await linkManagerOf(tx, tenantId, connection.id, person.id);
    const membership = group && readBack ? await observeMembership(tx, group.id, person.id, readBack.isMember, now) : null;
    await audit(tx, person.id, {
      created: counts.created > 0, updated: counts.updated > 0, managerChanged: manager.changed,
      ...(membership ? { group: group!.name, groupExternalId: group!.externalId, isMember: readBack!.isMember, membershipChanged: membership.changed, readBack: readBack!.detail } : {}),
    });
    return person.id;
  });
  if (!personId) return { skipped: "unknown user" as const };
  const outcome = await processPersonChange(services, { tenantId, personId, source: "hook" });
  return { personId, outcome };

  async function audit(tx: TenantTx, subjectId: string, data: Record<string, unknown>) {
    await recordAudit(tx, tenantId, scope.actor, {
      action: "directory.person.refreshed", subjectType: "person", subjectId,
      data: { source: "okta-event-hook", eventType: input.eventType, eventUuid: input.eventUuid, userExternalId: input.userExternalId, ...data },
    }, now);
  }
}

/** Stores one membership as Okta reported it just now, keeping the group's member count in step. */
async function observeMembership(
  tx: TenantTx, groupId: string, personId: string, isMember: boolean, now: Date,
): Promise<{ changed: boolean }> {
  const where = { groupId_personId: { groupId, personId } };
  const existing = await tx.membership.findUnique({ where });
  if (isMember) {
    if (existing) {
      await tx.membership.update({ where, data: { observedAt: now } });
      return { changed: false };
    }
    await tx.membership.create({ data: { groupId, personId, observedAt: now } as never });
    await tx.group.update({ where: { id: groupId }, data: { memberCount: { increment: 1 } } });
    return { changed: true };
  }
  if (!existing) return { changed: false };
  await tx.membership.delete({ where });
  await tx.group.update({ where: { id: groupId }, data: { memberCount: { decrement: 1 } } });
  return { changed: true };
}
