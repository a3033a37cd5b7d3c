import type { GrantStatus } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";

const LEASE_MS = 2 * 60_000;

/** Takes the grant for this worker if it is in the expected state and nobody else holds it. */
export async function claimGrant(scope: TenantScope, grantId: string, status: GrantStatus): Promise<boolean> {
  const now = scope.clock.now();
  const { count } = await scope.tdb.grant.updateMany({
    where: { id: grantId, status, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1;
}

export async function releaseGrant(scope: TenantScope, grantId: string) {
  await scope.tdb.grant.updateMany({ where: { id: grantId }, data: { leaseUntil: null } });
}
