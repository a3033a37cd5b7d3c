// The CLI runs a sync in its own process, as a one-off worker for that sync's job: it takes the job
// row the way the local driver does, so that a running app (on PostgreSQL) never runs the same sync
// at the same time, and hands it back if it stops early so the app's driver resumes it.
// TODO(jobs): this lease belongs beside LocalJobDriver in server/jobs (e.g. `claimJob(db, name, match)`).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/clock.ts";
import { SYNC_JOB } from "../domain/sync/start-sync.ts";

/** The local driver takes over a RUNNING job whose lock is older than this (see LocalJobDriver.claim). */
const DRIVER_STALE_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;

export interface JobLease {
  /** The sync's own job ran to its end (the run succeeded or failed for good). */
  finish(): Promise<void>;
  /** Hand the job back to the queue: the app's driver resumes the sync from its saved cursor. */
  release(reason: string): Promise<void>;
}

/**
 * Takes the job that runs `syncRunId`. Returns null when another live worker holds it (the app's job
 * driver) or when the job went to Inngest; `exclusive` (the embedded database, which no other process
 * can have open) means nobody else can be running it, whatever its row says.
 */
export async function leaseSyncJob(db: Db, clock: Clock, syncRunId: string, opts: { exclusive: boolean }): Promise<JobLease | null> {
  const job = await db.job.findFirst({
    where: { name: SYNC_JOB, payload: { path: ["syncRunId"], equals: syncRunId } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!job) return opts.exclusive ? { finish: async () => {}, release: async () => {} } : null;

  const workerId = `cli:${process.pid}:${randomUUID()}`;
  const now = clock.now();
  const claimed = await db.job.updateMany({
    where: opts.exclusive
      ? { id: job.id }
      : { id: job.id, OR: [{ status: { not: "RUNNING" } }, { lockedAt: null }, { lockedAt: { lt: new Date(now.getTime() - DRIVER_STALE_MS) } }] },
    data: { status: "RUNNING", lockedAt: now, lockedBy: workerId, attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return null;

  const mine = { id: job.id, lockedBy: workerId };
  const heartbeat = setInterval(() => {
    void db.job.updateMany({ where: mine, data: { lockedAt: clock.now() } }).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    async finish() {
      clearInterval(heartbeat);
      await db.job.updateMany({ where: mine, data: { status: "SUCCEEDED", finishedAt: clock.now(), lockedAt: null, lastError: null } });
    },
    async release(reason: string) {
      clearInterval(heartbeat);
      await db.job.updateMany({ where: mine, data: { status: "QUEUED", runAt: clock.now(), lockedAt: null, lockedBy: null, lastError: reason } });
    },
  };
}
