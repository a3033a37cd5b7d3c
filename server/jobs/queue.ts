import type { Prisma } from "../db/generated/client.ts";

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job per key: a second enqueue with the same key is a no-op. */
  idempotencyKey?: string;
  tenantId?: string;
}

/** A client that can insert a Job row: the root client or a transaction (so the job commits with the change). */
export type JobWriter = { job: { createMany(args: { data: Prisma.JobCreateManyInput[]; skipDuplicates?: boolean }): Promise<unknown> } };

export interface JobQueue {
  enqueue(jobId: string, payload: unknown, opts?: EnqueueOptions & { tx?: JobWriter }): Promise<void>;
}
