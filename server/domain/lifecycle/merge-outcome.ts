import type { Db } from "../../db/client.ts";
import type { TenantTx } from "../../db/tenant-db.ts";

/** Adds keys to a LifecycleEvent's outcome in one statement, so jobs finishing at once never overwrite each other. */
export async function mergeOutcome(db: Db | TenantTx, tenantId: string, eventId: string, patch: Record<string, unknown>) {
  await db.$executeRaw`UPDATE "LifecycleEvent" SET outcome = outcome || ${JSON.stringify(patch)}::jsonb WHERE id = ${eventId} AND "tenantId" = ${tenantId}`;
}
