import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector, type ReadBack } from "../../connectors/types.ts";
import { mapConcurrent } from "../../lib/map-concurrent.ts";
import { forTenant, type Services } from "../services.ts";
import { finishEndedGrants } from "./finish-ended-grants.ts";

const LEASE_MS = 2 * 60_000;
/** IdP calls in flight per removal run: enough to end a burst of expiries in seconds, well under Okta's limits. */
export const REMOVAL_CONCURRENCY = 16;
/** From this many removals in one group, the read-back lists the group once. */
const BULK_READ_BACK = 20;

type Outcome = { actionId: string; readBack?: ReadBack; error?: ConnectorError };

/**
 * Converges ENDING grants: removes the person from each group (idempotent), reads the membership back
 * (it must be gone), stores the read-back as evidence, and ends the grant once every group is confirmed.
 * Failures are never final: what failed stays pending, is recorded, and is rethrown for the job layer to
 * retry with backoff (the reconciler re-queues anything left), so access that should end always ends.
 */
export async function removeGrantAccess(
  services: Services,
  input: { tenantId: string; grantIds: string[] },
  opts: { connector?: DirectoryConnector; concurrency?: number } = {},
) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Access removal" });
  const { tdb, clock } = scope;
  const now = clock.now();
  const claimed = await tdb.grant.updateManyAndReturn({
    where: { id: { in: input.grantIds }, status: "ENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
    select: { id: true },
  });
  const grantIds = claimed.map((g) => g.id);
  if (!grantIds.length) return { ended: 0, pending: 0 };
  try {
    const actions = await tdb.identityAction.findMany({
      where: { grantId: { in: grantIds }, kind: "REMOVE_MEMBER", status: "PENDING" },
      include: { group: { include: { connection: true } } },
    });
    const connectors = new Map<string, DirectoryConnector>();
    const connectorFor = (a: (typeof actions)[number]) => {
      const c = opts.connector ?? connectors.get(a.connectionId) ?? directoryFor(services.connectors, a.group.connection);
      connectors.set(a.connectionId, c);
      return c;
    };
    // Many removals from one group are read back with one listing of the group instead of one call each.
    const perGroup = new Map<string, number>();
    for (const a of actions) perGroup.set(a.groupId, (perGroup.get(a.groupId) ?? 0) + 1);
    const listed = new Set(actions.filter((a) => perGroup.get(a.groupId)! >= BULK_READ_BACK && a.group.memberCount <= perGroup.get(a.groupId)! * 500).map((a) => a.groupId));
    const outcomes = await mapConcurrent(actions, opts.concurrency ?? REMOVAL_CONCURRENCY, async (action): Promise<Outcome> => {
      const connector = connectorFor(action);
      try {
        await connector.removeMember(action.groupExternalId, action.personExternalId);
        if (listed.has(action.groupId)) return { actionId: action.id };
        const readBack = await connector.isMember(action.groupExternalId, action.personExternalId);
        if (readBack.isMember) throw new ConnectorError(`Read-back still shows the membership in ${action.group.name}`, "unknown", true);
        return { actionId: action.id, readBack };
      } catch (err) {
        return failure(action.id, err, clock.now());
      }
    });
    for (const groupId of listed) {
      const inGroup = outcomes.filter((o) => !o.readBack && !o.error && actions.find((a) => a.id === o.actionId)!.groupId === groupId);
      const sample = actions.find((a) => a.groupId === groupId)!;
      try {
        const members = await listAllMembers(connectorFor(sample), sample.groupExternalId);
        const checkedAt = clock.now();
        for (const o of inGroup) {
          const action = actions.find((a) => a.id === o.actionId)!;
          if (members.has(action.personExternalId)) o.error = new ConnectorError(`Read-back still shows the membership in ${action.group.name}`, "unknown", true);
          else o.readBack = { isMember: false, checkedAt, detail: `not among the ${members.size} members of ${action.group.name} listed at ${checkedAt.toISOString()}` };
        }
      } catch (err) {
        for (const o of inGroup) Object.assign(o, failure(o.actionId, err, clock.now()));
      }
    }
    const failed = outcomes.filter((o) => o.error);
    const result = await finishEndedGrants(scope, grantIds, outcomes.filter((o) => o.readBack) as Required<Omit<Outcome, "error">>[], failed.map((o) => ({ actionId: o.actionId, message: o.error!.message })));
    if (failed.length) {
      const first = failed[0]!.error!;
      const retryAfterMs = Math.max(0, ...failed.map((o) => o.error!.retryAfterMs ?? 0));
      throw new ConnectorError(`${failed.length} removal(s) not confirmed yet: ${first.message}`, first.code, true, retryAfterMs || undefined);
    }
    return result;
  } finally {
    await tdb.grant.updateMany({ where: { id: { in: grantIds } }, data: { leaseUntil: null } });
  }
}

function failure(actionId: string, err: unknown, now: Date): Outcome {
  // A group or user the IdP no longer has holds nobody: the access is gone.
  if (err instanceof ConnectorError && err.code === "not_found") {
    return { actionId, readBack: { isMember: false, checkedAt: now, detail: `gone from the IdP: ${err.message}` } };
  }
  return { actionId, error: err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true) };
}

async function listAllMembers(connector: DirectoryConnector, groupExternalId: string) {
  const members = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<DirectoryConnector["listGroupMembers"]>> = await connector.listGroupMembers(groupExternalId, cursor);
    for (const id of page.items) members.add(id);
    cursor = page.next;
  } while (cursor);
  return members;
}
