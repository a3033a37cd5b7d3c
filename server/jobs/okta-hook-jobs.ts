import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { OKTA_EVENT_JOB } from "../domain/lifecycle-hooks/jobs.ts";
import { refreshPersonFromOktaEvent } from "../domain/lifecycle-hooks/refresh-person-from-okta-event.ts";

// After an Okta event hook delivery was answered (204): fetch the user, store the person, run the lifecycle.
// Okta answering 429/5xx or being unreachable is retried here with backoff (never sooner than the rate-limit reset).

export const oktaEventJob = defineJob({
  id: OKTA_EVENT_JOB,
  schema: z.object({
    tenantId: z.string(),
    connectionId: z.string(),
    eventUuid: z.string(),
    userExternalId: z.string(),
    eventType: z.string(),
    groupExternalId: z.string().optional(),
  }),
  concurrencyKey: (p) => p.tenantId,
  retries: 8,
  handler: async (services, payload) => {
    await refreshPersonFromOktaEvent(services, payload);
  },
});

export const oktaHookJobs = [oktaEventJob] as JobDefinition[];
