import type { Prisma } from "../db/generated/client.ts";

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job per key: a second enqueue with the same key is a no-op. */
  idempotencyKey?: string;
  tenantId?: string;
}

/** A client that can insert a Job row: the root client or a transaction (so the job commits with the change). */
export type JobWriter = { job: { createMany(args: { data: Prisma.JobCreateManyInput[]; skipDuplicates?: boolean }): Promise<unknown> } };

/** A client that can delete Job rows (root client or transaction). */
export type JobCanceller = { job: { deleteMany(args: { where: { idempotencyKey: string; status: "QUEUED" } }): Promise<unknown> } };

export interface JobQueue {
  enqueue(jobId: string, payload: unknown, opts?: EnqueueOptions & { tx?: JobWriter }): Promise<void>;
  /** Cancels a job that has not started, by the idempotency key it was enqueued with (a timer that is no longer needed). */
  cancel(idempotencyKey: string, opts?: { tx?: JobCanceller }): Promise<void>;
}
