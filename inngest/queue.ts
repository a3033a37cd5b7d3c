import type { JobQueue } from "../server/jobs/queue.ts";
import { inngest } from "./client.ts";

/** Enqueue = send an event named after the job; the Inngest event id gives idempotency. */
export function inngestJobQueue(): JobQueue {
  return {
    async enqueue(jobId, payload, opts = {}) {
      await inngest.send({ name: `gatehouse/${jobId}`, data: payload as Record<string, unknown>, id: opts.idempotencyKey });
    },
  };
}
