import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { RECLAIM_RUN_JOB, RECLAIM_TICKET_JOB } from "../domain/reclaim/jobs.ts";
import { runReclaimForAllTenants } from "../domain/reclaim/run-reclaim.ts";
import { documentReclaim } from "../domain/reclaim/document-reclaim.ts";

// Auto Reclaim: a daily sweep in Inngest (hourly under the local driver; every step is safe to repeat) that reads
// last use, opens cases and reclaims lapsed grants per tenant, and the job that documents each removal in Jira.

export const reclaimRunJob = defineJob({
  id: RECLAIM_RUN_JOB,
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC 0 6 * * *", everyMs: 60 * 60_000 },
  handler: async (services) => {
    await runReclaimForAllTenants(services);
  },
});

export const reclaimTicketJob = defineJob({
  id: RECLAIM_TICKET_JOB,
  schema: z.object({ tenantId: z.string(), caseId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 10,
  handler: async (services, payload) => {
    await documentReclaim(services, payload);
  },
});

export const reclaimJobs = [reclaimRunJob, reclaimTicketJob] as JobDefinition[];
