import { randomUUID } from "node:crypto";
import type { Services } from "../domain/services.ts";
import type { JobDefinition } from "./definition.ts";
import { logger } from "../lib/logger.ts";

export interface LocalDriverOptions {
  pollMs?: number;
  /** How many jobs run at once in this process. */
  concurrency?: number;
}

/**
 * Runs queued jobs from the Job table in the app process (as documenso's local provider does),
 * retries failures with exponential backoff, and starts recurring sweeps on an interval.
 * A job left RUNNING by a crashed process is picked up again after its lock expires.
 */
export class LocalJobDriver {
  private readonly workerId = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private sweepTimers: NodeJS.Timeout[] = [];
  private running = 0;
  private stopped = true;
  private readonly byId: Map<string, JobDefinition>;
  private wake: (() => void) | undefined;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    definitions: JobDefinition[],
    private readonly opts: LocalDriverOptions = {},
  ) {
    this.byId = new Map(definitions.map((d) => [d.id, d]));
  }

  start() {
    this.stopped = false;
    for (const def of this.byId.values()) {
      if (!def.cron) continue;
      const fire = () => void this.services.jobs.enqueue(def.id, {}, {
        idempotencyKey: `${def.id}:${Math.floor(this.services.clock.now().getTime() / def.cron!.everyMs)}`,
      }).catch((e) => logger.error({ err: e, job: def.id }, "could not schedule sweep"));
      fire();
      this.sweepTimers.push(setInterval(fire, def.cron.everyMs).unref());
    }
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.sweepTimers.forEach(clearInterval);
    await this.idle;
  }

  /** Called after an enqueue so the job runs now instead of at the next poll. */
  poke() {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  /** Claims and runs due jobs until none are left; exposed for tests that drive time by hand. */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return ran;
      await this.run(job);
      ran++;
    }
  }

  private async tick() {
    if (this.stopped) return;
    const max = this.opts.concurrency ?? 4;
    const work: Promise<void>[] = [];
    while (this.running < max) {
      const job = await this.claim().catch((e) => {
        logger.error({ err: e }, "job claim failed");
        return null;
      });
      if (!job) break;
      this.running++;
      work.push(this.run(job).finally(() => this.running--));
    }
    this.idle = Promise.all(work).then(() => undefined);
    if (work.length) await this.idle;
    if (!this.stopped) this.schedule(work.length ? 0 : (this.opts.pollMs ?? 1000));
  }

  private async claim() {
    const now = this.services.clock.now();
    const staleBefore = new Date(now.getTime() - 10 * 60_000);
    const rows = await this.services.db.$queryRaw<{ id: string }[]>`
      UPDATE "Job" SET status = 'RUNNING', "lockedAt" = ${now}, "lockedBy" = ${this.workerId}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM "Job"
        WHERE (status = 'QUEUED' AND "runAt" <= ${now}) OR (status = 'RUNNING' AND "lockedAt" < ${staleBefore})
        ORDER BY "runAt" LIMIT 1 FOR UPDATE SKIP LOCKED
      ) RETURNING id`;
    if (!rows[0]) return null;
    return this.services.db.job.findUnique({ where: { id: rows[0].id } });
  }

  private async run(job: { id: string; name: string; payload: unknown; attempts: number; maxAttempts: number }) {
    const def = this.byId.get(job.name);
    const db = this.services.db;
    try {
      if (!def) throw new Error(`No job definition named ${job.name}`);
      await def.handler(this.services, def.schema.parse(job.payload));
      await db.job.update({ where: { id: job.id }, data: { status: "SUCCEEDED", finishedAt: this.services.clock.now(), lockedAt: null } });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retries = def?.retries ?? 0;
      const giveUp = job.attempts > retries;
      // Exponential backoff, but never sooner than the IdP asked (a 429's reset time).
      const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs ?? 0;
      const backoffMs = Math.max(retryAfterMs, Math.min(60_000, 500 * 2 ** (job.attempts - 1)));
      logger.warn({ job: job.name, id: job.id, attempt: job.attempts, err: message }, giveUp ? "job failed" : "job will retry");
      await db.job.update({
        where: { id: job.id },
        data: giveUp
          ? { status: "FAILED", lastError: message, finishedAt: this.services.clock.now(), lockedAt: null }
          : { status: "QUEUED", lastError: message, lockedAt: null, runAt: new Date(this.services.clock.now().getTime() + backoffMs) },
      });
    }
  }
}
