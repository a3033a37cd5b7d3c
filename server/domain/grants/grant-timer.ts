import type { TenantTx } from "../../db/tenant-db.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { EXPIRE_JOB, expiryTimerKey } from "./jobs.ts";

type Timed = { id: string; expiresAt: Date | null };

/**
 * A precise timer for one grant's expiry, committed with the change that set it. The sweep in the
 * reconciler ends anything a lost timer missed, so the timer only makes expiry prompt.
 */
export async function scheduleExpiry(tx: TenantTx, jobs: JobQueue, tenantId: string, grant: Timed) {
  if (!grant.expiresAt) return;
  await jobs.enqueue(EXPIRE_JOB, { tenantId, grantId: grant.id }, {
    tx: tx as never, tenantId, runAt: grant.expiresAt, idempotencyKey: expiryTimerKey(grant.id, grant.expiresAt),
  });
}

/** The grant ended early or its expiry moved: its old timer must not fire. */
export async function cancelExpiry(tx: TenantTx, jobs: JobQueue, grant: Timed) {
  if (!grant.expiresAt) return;
  await jobs.cancel(expiryTimerKey(grant.id, grant.expiresAt), { tx: tx as never });
}
