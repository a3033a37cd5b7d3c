import type { DirectoryConnector } from "../../connectors/types.ts";
import { forTenant, type Services } from "../services.ts";
import { endGrants } from "./end-grants.ts";
import { removeGrantAccess } from "./remove-grant-access.ts";

const BATCH = 500;

/**
 * Ends every grant of the tenant whose expiry has passed, in batches: marks them ending (with the removal
 * job queued as a safety net) and removes them from the IdP right away. Called by each grant's timer and
 * by the sweep, so a burst of expiries is handled together and a missed timer is caught up.
 */
export async function expireDueGrants(services: Services, input: { tenantId: string; grantId?: string }, opts: { connector?: DirectoryConnector } = {}) {
  const scope = forTenant(services, input.tenantId, { type: "system", label: "Expiry" });
  if (input.grantId) {
    // A timer whose grant another run already ended (a burst handled together) has nothing left to do.
    const own = await scope.tdb.grant.findUnique({ where: { id: input.grantId }, select: { status: true, expiresAt: true } });
    if (!own || own.status !== "ACTIVE" || !own.expiresAt || own.expiresAt > scope.clock.now()) return { ended: 0, pending: 0 };
  }
  let ended = 0;
  let pending = 0;
  let failure: unknown = null;
  for (;;) {
    const now = scope.clock.now();
    const batch = await scope.tdb.$transaction(async (tx) => {
      // Concurrent runs (other grants' timers firing at once) take disjoint batches.
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Grant" WHERE "tenantId" = ${input.tenantId} AND status = 'ACTIVE' AND "expiresAt" <= ${now}
        ORDER BY "expiresAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      return endGrants(tx, scope, due.map((g) => g.id), { reason: "expired", endedBy: "Gatehouse (expiry)" }, now, { removingNow: true });
    });
    if (!batch.length) break;
    // A batch the IdP did not confirm stays ENDING and is retried; the next batches still go ahead.
    const result = await removeGrantAccess(services, { tenantId: input.tenantId, grantIds: batch.map((g) => g.id) }, opts)
      .catch((e: unknown) => { failure = e; return { ended: 0, pending: batch.length }; });
    ended += result.ended;
    pending += result.pending;
    if (batch.length < BATCH) break;
  }
  if (failure) throw failure;
  return { ended, pending };
}
