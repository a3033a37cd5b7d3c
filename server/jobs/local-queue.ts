import type { Db } from "../db/client.ts";
import type { Clock } from "../domain/clock.ts";
import type { EnqueueOptions, JobCanceller, JobQueue, JobWriter } from "./queue.ts";

/** The local driver's queue: a row in the Job table, written in the caller's transaction when given one. */
export class TableJobQueue implements JobQueue {
  constructor(private readonly db: Db, private readonly clock: Clock, private readonly onEnqueue?: () => void) {}

  async enqueue(jobId: string, payload: unknown, opts: EnqueueOptions & { tx?: JobWriter } = {}) {
    const writer = opts.tx ?? this.db;
    await writer.job.createMany({
      data: [{
        name: jobId,
        payload: payload as object,
        tenantId: opts.tenantId ?? null,
        idempotencyKey: opts.idempotencyKey ?? null,
        runAt: opts.runAt ?? this.clock.now(),
      }],
      skipDuplicates: true,
    });
    // Wake the driver once the caller's transaction has had a moment to commit (it cannot see the row before).
    if (this.onEnqueue) for (const ms of [2, 50]) setTimeout(this.onEnqueue, ms).unref?.();
  }

  async cancel(idempotencyKey: string, opts: { tx?: JobCanceller } = {}) {
    await (opts.tx ?? this.db).job.deleteMany({ where: { idempotencyKey, status: "QUEUED" } });
  }
}
