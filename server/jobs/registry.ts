import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { SYNC_JOB } from "../domain/sync/start-sync.ts";
import { scheduleSyncs, SYNC_INTERVAL_MS } from "../domain/sync/schedule-syncs.ts";

export const syncDirectoryJob = defineJob({
  id: SYNC_JOB,
  schema: z.object({ tenantId: z.string(), syncRunId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 5,
  handler: async (services, payload) => {
    await runSync(services, payload);
  },
});

export const scheduleSyncsJob = defineJob({
  id: "directory.schedule-syncs",
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC */15 * * * *", everyMs: 15 * 60_000 },
  handler: async (services) => {
    await scheduleSyncs(services);
  },
});

export { SYNC_INTERVAL_MS };

export const jobDefinitions: JobDefinition[] = [syncDirectoryJob, scheduleSyncsJob] as JobDefinition[];
