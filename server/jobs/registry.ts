import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { SYNC_JOB } from "../domain/sync/start-sync.ts";
import { scheduleSyncs, SYNC_INTERVAL_MS } from "../domain/sync/schedule-syncs.ts";
import { provisionGrant, PROVISION_JOB } from "../domain/grants/provision-grant.ts";
import { DEPROVISION_JOB, EXPIRE_JOB } from "../domain/grants/jobs.ts";
import { expireDueGrants } from "../domain/grants/expire-due-grants.ts";
import { removeGrantAccess } from "../domain/grants/remove-grant-access.ts";
import { reconcileGrants, RECONCILE_EVERY_MS } from "../domain/grants/reconcile-grants.ts";
import { deliverTicketEvents } from "../domain/tickets/deliver-ticket-events.ts";
import { DELIVER_TICKETS_JOB } from "../domain/tickets/ticket-events.ts";
import { slackJobs } from "./slack-jobs.ts";
import { lifecycleJobs } from "./lifecycle-jobs.ts";
import { oktaHookJobs } from "./okta-hook-jobs.ts";
import { reclaimJobs } from "./reclaim-jobs.ts";
import { driftJobs } from "./drift-jobs.ts";
import { bundleJobs } from "./bundle-jobs.ts";
import { runReviewSchedules } from "../domain/reviews/run-review-schedules.ts";

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

export const provisionGrantJob = defineJob({
  id: PROVISION_JOB,
  schema: z.object({ tenantId: z.string(), grantId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 8,
  handler: async (services, payload) => {
    await provisionGrant(services, payload);
  },
});

export const expireGrantsJob = defineJob({
  id: EXPIRE_JOB,
  schema: z.object({ tenantId: z.string(), grantId: z.string().optional() }),
  concurrencyKey: (p) => p.tenantId,
  delayed: true,
  retries: 20,
  handler: async (services, payload) => {
    await expireDueGrants(services, payload);
  },
});

export const removeGrantAccessJob = defineJob({
  id: DEPROVISION_JOB,
  schema: z.object({ tenantId: z.string(), grantIds: z.array(z.string()).min(1) }),
  concurrencyKey: (p) => p.tenantId,
  retries: 20,
  handler: async (services, payload) => {
    await removeGrantAccess(services, payload);
  },
});

export const deliverTicketsJob = defineJob({
  id: DELIVER_TICKETS_JOB,
  schema: z.object({ tenantId: z.string(), requestId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 10,
  handler: async (services, payload) => {
    await deliverTicketEvents(services, payload);
  },
});

export const reconcileJob = defineJob({
  id: "grants.reconcile",
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC * * * * *", everyMs: RECONCILE_EVERY_MS },
  handler: async (services) => {
    await reconcileGrants(services);
  },
});

/** Review reminders and escalation, every minute: precise enough for schedules counted in hours. */
export const reviewSchedulesJob = defineJob({
  id: "reviews.schedule",
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC * * * * *", everyMs: 60_000 },
  handler: async (services) => {
    await runReviewSchedules(services);
  },
});

export { SYNC_INTERVAL_MS };

export const jobDefinitions: JobDefinition[] = [
  syncDirectoryJob, scheduleSyncsJob, provisionGrantJob, expireGrantsJob, removeGrantAccessJob, deliverTicketsJob, reconcileJob, reviewSchedulesJob, ...slackJobs, ...driftJobs,
  ...bundleJobs,
  ...reclaimJobs,
  ...oktaHookJobs,
  ...lifecycleJobs,
] as JobDefinition[];
