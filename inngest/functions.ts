import type { JobDefinition } from "../server/jobs/definition.ts";
import { jobDefinitions } from "../server/jobs/registry.ts";
import type { Services } from "../server/domain/services.ts";
import { inngest } from "./client.ts";
import { JOB_CANCELLED_EVENT } from "./queue.ts";

/** Wraps each job definition as an Inngest function: event trigger (or cron), per-tenant concurrency, retries. */
export function toInngestFunction(def: JobDefinition, services: () => Promise<Services>) {
  return inngest.createFunction(
    {
      id: def.id.replace(/\./g, "-"),
      triggers: def.cron ? [{ cron: def.cron.expression }] : [{ event: `gatehouse/${def.id}` }],
      retries: Math.min(def.retries, 20) as 0,
      ...(def.concurrencyKey ? { concurrency: { limit: 1, key: "event.data.tenantId" } } : {}),
      // A timer ends early when its key is cancelled (e.g. access given back before it expires).
      ...(def.delayed ? { cancelOn: [{ event: JOB_CANCELLED_EVENT, if: "async.data.key == event.data._key", timeout: "400d" }] } : {}),
    },
    async ({ event, step }) => {
      const payload = def.schema.parse(def.cron ? {} : event.data);
      const runAt = (event.data as { _runAt?: string | null } | undefined)?._runAt;
      if (def.delayed && runAt) await step.sleepUntil("wait-until-due", runAt);
      return step.run("run", async () => {
        await def.handler(await services(), payload);
        return { ok: true };
      });
    },
  );
}

export function inngestFunctions(services: () => Promise<Services>) {
  return jobDefinitions.map((d) => toInngestFunction(d, services));
}
