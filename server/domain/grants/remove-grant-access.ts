import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector, type ReadBack } from "../../connectors/types.ts";
import { mapConcurrent } from "../../lib/map-concurrent.ts";
import { forTenant, type Services } from "../services.ts";
import { finishEndedGrants } from "./finish-ended-grants.ts";

const LEASE_MS = 2 * 60_000;
/** IdP calls in flight per removal run: enough to end a burst of expiries in seconds, well under Okta's limits. */
export const REMOVAL_CONCURRENCY = 16;

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
    const outcomes = await mapConcurrent(actions, opts.concurrency ?? REMOVAL_CONCURRENCY, async (action): Promise<Outcome> => {
      const connector = connectorFor(action);
      try {
        await connector.removeMember(action.groupExternalId, action.personExternalId);
        const readBack = await connector.isMember(action.groupExternalId, action.personExternalId);
        if (readBack.isMember) throw new ConnectorError(`Read-back still shows the membership in ${action.group.name}`, "unknown", true);
        return { actionId: action.id, readBack };
      } catch (err) {
        // A group or user the IdP no longer has holds nobody: the access is gone.
        if (err instanceof ConnectorError && err.code === "not_found") {
          return { actionId: action.id, readBack: { isMember: false, checkedAt: clock.now(), detail: `gone from the IdP: ${err.message}` } };
        }
        return { actionId: action.id, error: err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true) };
      }
    });
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
