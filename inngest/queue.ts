import type { JobQueue } from "../server/jobs/queue.ts";
import { inngest } from "./client.ts";

export const JOB_CANCELLED_EVENT = "gatehouse/job.cancelled";

/**
 * Enqueue = send an event named after the job; the Inngest event id gives idempotency. A delayed job
 * carries its run time and key, so the function can sleep until then and be cancelled by key.
 */
export function inngestJobQueue(): JobQueue {
  return {
    async enqueue(jobId, payload, opts = {}) {
      const data = { ...(payload as Record<string, unknown>), _key: opts.idempotencyKey ?? null, _runAt: opts.runAt?.toISOString() ?? null };
      await inngest.send({ name: `gatehouse/${jobId}`, data, id: opts.idempotencyKey });
    },
    async cancel(idempotencyKey) {
      await inngest.send({ name: JOB_CANCELLED_EVENT, data: { key: idempotencyKey } });
    },
  };
}
