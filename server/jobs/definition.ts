import type { z } from "zod";
import type { Services } from "../domain/services.ts";

/**
 * One background job: the same definition runs under the local driver (embedded default)
 * and under Inngest (production). Handlers only call domain operations.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  schema: S;
  /** Inngest concurrency key expression, e.g. "event.data.tenantId"; the local driver runs one per key. */
  concurrencyKey?: (payload: z.infer<S>) => string;
  retries: number;
  /** A timer: enqueued with `runAt` and cancellable by its key. Inngest sleeps until runAt (step.sleepUntil) and honours cancellation. */
  delayed?: boolean;
  /** Recurring sweep: an Inngest cron and a local-driver interval. Must be safe to run twice. */
  cron?: { expression: string; everyMs: number };
  handler: (services: Services, payload: z.infer<S>) => Promise<void>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
