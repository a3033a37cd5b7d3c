import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { applyBundle } from "../domain/bundles/apply-bundle.ts";
import { BUNDLE_APPLY_JOB } from "../domain/bundles/jobs.ts";

// A saved or deleted bundle reaches everyone it affects here, in batches, right after the save commits.
export const applyBundleJob = defineJob({
  id: BUNDLE_APPLY_JOB,
  schema: z.object({ tenantId: z.string(), bundleId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 5,
  handler: async (services, payload) => {
    await applyBundle(services, payload);
  },
});

export const bundleJobs = [applyBundleJob] as JobDefinition[];
