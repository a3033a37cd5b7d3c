import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import {
  LIFECYCLE_AFTER_SYNC_JOB, LIFECYCLE_CONFIRMATIONS_JOB, LIFECYCLE_DATES_JOB, LIFECYCLE_PROCESS_JOB, LIFECYCLE_SUSPEND_JOB, LIFECYCLE_TICKET_JOB,
} from "../domain/lifecycle/jobs.ts";
import { processDirectoryChanges } from "../domain/lifecycle/process-directory-changes.ts";
import { processDueDates } from "../domain/lifecycle/process-due-dates.ts";
import { processPersonChange } from "../domain/lifecycle/process-person-change.ts";
import { revokeUnconfirmedAccess } from "../domain/lifecycle/revoke-unconfirmed-access.ts";
import { recordLeaverProofs } from "../domain/lifecycle/record-leaver-proofs.ts";
import { suspendLeaver } from "../domain/lifecycle/suspend-leaver.ts";
import { deliverLifecycleTicket } from "../domain/lifecycle/deliver-lifecycle-ticket.ts";

// Joiners, movers and leavers: what the sync found changed, the date sweep, lapsed mover confirmations,
// leavers' IdP suspension and their Jira issue. Every handler is state-based, so running one twice is harmless.

export const lifecycleAfterSyncJob = defineJob({
  id: LIFECYCLE_AFTER_SYNC_JOB,
  schema: z.object({ tenantId: z.string(), connectionId: z.string(), syncRunId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 5,
  handler: async (services, payload) => {
    await processDirectoryChanges(services, payload);
  },
});

/** One person, e.g. from the Okta event hook (the hook answers fast and queues this). */
export const lifecycleProcessJob = defineJob({
  id: LIFECYCLE_PROCESS_JOB,
  schema: z.object({ tenantId: z.string(), personId: z.string(), source: z.enum(["hook", "sync", "manual"]) }),
  concurrencyKey: (p) => p.tenantId,
  retries: 5,
  handler: async (services, payload) => {
    await processPersonChange(services, payload);
  },
});

export const lifecycleDatesJob = defineJob({
  id: LIFECYCLE_DATES_JOB,
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC */15 * * * *", everyMs: 15 * 60_000 },
  handler: async (services) => {
    await processDueDates(services);
  },
});

/** Lapsed mover confirmations are revoked, and leavers whose removals are all confirmed get their proof. */
export const lifecycleConfirmationsJob = defineJob({
  id: LIFECYCLE_CONFIRMATIONS_JOB,
  schema: z.object({}).passthrough(),
  retries: 1,
  cron: { expression: "TZ=UTC * * * * *", everyMs: 60_000 },
  handler: async (services) => {
    await revokeUnconfirmedAccess(services);
    await recordLeaverProofs(services);
  },
});

export const lifecycleSuspendJob = defineJob({
  id: LIFECYCLE_SUSPEND_JOB,
  schema: z.object({ tenantId: z.string(), eventId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 10,
  handler: async (services, payload) => {
    await suspendLeaver(services, payload);
  },
});

export const lifecycleTicketJob = defineJob({
  id: LIFECYCLE_TICKET_JOB,
  schema: z.object({ tenantId: z.string(), eventId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 10,
  handler: async (services, payload) => {
    await deliverLifecycleTicket(services, payload);
  },
});

export const lifecycleJobs = [
  lifecycleAfterSyncJob, lifecycleProcessJob, lifecycleDatesJob, lifecycleConfirmationsJob, lifecycleSuspendJob, lifecycleTicketJob,
] as JobDefinition[];
