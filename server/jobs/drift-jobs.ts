import { z } from "zod";
import { defineJob, type JobDefinition } from "./definition.ts";
import { DRIFT_DETECT_JOB } from "../domain/drift/jobs.ts";
import { detectDrift } from "../domain/drift/detect-drift.ts";
import { removeDrift } from "../domain/drift/remove-drift.ts";
import { forTenant } from "../domain/services.ts";

// After each successful sync: compare managed groups with the grants that explain them, then remove what
// authoritative groups do not allow. Both steps are safe to run twice (a retry re-detects and finds nothing new).

export const detectDriftJob = defineJob({
  id: DRIFT_DETECT_JOB,
  schema: z.object({ tenantId: z.string(), connectionId: z.string(), syncRunId: z.string() }),
  concurrencyKey: (p) => p.tenantId,
  retries: 5,
  handler: async (services, payload) => {
    await detectDrift(services, payload);
    await removeDrift(forTenant(services, payload.tenantId, { type: "job", label: "Drift removal" }), { connectionId: payload.connectionId });
  },
});

export const driftJobs = [detectDriftJob] as JobDefinition[];
