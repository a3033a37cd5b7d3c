// The CLI runs some jobs in its own process (a directory sync, a grant's provisioning, a request's Jira
// delivery) as a one-off worker: it takes the job rows the way the local driver does, so that a running
// app (on PostgreSQL) never runs the same work at the same time, and hands them back if it stops early
// so the app's driver resumes them.
// TODO(jobs): these leases belong beside LocalJobDriver in server/jobs (e.g. `claimJob(db, name, match)`).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/clock.ts";
import { SYNC_JOB } from "../domain/sync/start-sync.ts";

/** The local driver takes over a RUNNING job whose lock is older than this (see LocalJobDriver.claim). */
const DRIVER_STALE_MS = 10 * 60_000;
const HEARTBEAT_MS = 60_000;

export interface JobLease {
  /** The job ran to its end (succeeded, or failed for good). */
  finish(): Promise<void>;
  /** Hand the job back to the queue: the app's driver runs it again. */
  release(reason: string): Promise<void>;
}

const noJobLease: JobLease = { finish: async () => {}, release: async () => {} };

/** Claims the given job rows for this process; all or none. */
async function claim(db: Db, clock: Clock, ids: string[], exclusive: boolean): Promise<JobLease | null> {
  const workerId = `cli:${process.pid}:${randomUUID()}`;
  const now = clock.now();
  const claimed = await db.job.updateMany({
    where: exclusive
      ? { id: { in: ids } }
      : { id: { in: ids }, OR: [{ status: { not: "RUNNING" } }, { lockedAt: null }, { lockedAt: { lt: new Date(now.getTime() - DRIVER_STALE_MS) } }] },
    data: { status: "RUNNING", lockedAt: now, lockedBy: workerId, attempts: { increment: 1 } },
  });
  const mine = { id: { in: ids }, lockedBy: workerId };
  if (claimed.count !== ids.length) {
    // Another worker holds some of them: give back what was taken, as it was.
    await db.job.updateMany({ where: mine, data: { status: "QUEUED", lockedAt: null, lockedBy: null, attempts: { decrement: 1 } } });
    return null;
  }
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
  if (!job) return opts.exclusive ? noJobLease : null;
  return claim(db, clock, [job.id], opts.exclusive);
}

/**
 * Takes every unfinished job `name` whose payload has `key` = `value` (a grant's provisioning runs, a
 * request's Jira deliveries: the reconciler may have queued several). Null when another live worker
 * runs one of them, or when there are none and the database is shared (Inngest has them).
 */
export async function leaseOpenJobs(db: Db, clock: Clock, name: string, key: string, value: string, opts: { exclusive: boolean }): Promise<JobLease | null> {
  const jobs = await db.job.findMany({
    where: { name, payload: { path: [key], equals: value }, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  if (!jobs.length) return opts.exclusive ? noJobLease : null;
  return claim(db, clock, jobs.map((j) => j.id), opts.exclusive);
}
