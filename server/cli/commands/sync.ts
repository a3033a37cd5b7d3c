import type { SyncRun } from "../../db/generated/client.ts";
import { listConnections, toSyncRunDto } from "../../domain/connections/queries.ts";
import { forTenant, type Services } from "../../domain/services.ts";
import { runSync } from "../../domain/sync/run-sync.ts";
import { startSync } from "../../domain/sync/start-sync.ts";
import { withServices, type CliContext } from "../context.ts";
import { CliError } from "../errors.ts";
import { pickConnection, tenantBySlug } from "../lookups.ts";
import { plural, type Output } from "../output.ts";
import { leaseSyncJob, type JobLease } from "../job-lease.ts";

export interface SyncOptions {
  tenant: string;
  connection?: string;
  wait?: boolean;
}

/** Retryable IdP failures (429, 5xx, timeouts) are retried here as the job driver would, from the saved cursor. */
const MAX_RETRIES = 5;
const POLL_MS = 500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `gatehouse sync`: starts a directory sync (startSync) and runs it to completion in this process
 * (runSync), with progress on stderr. When the app's job driver (PostgreSQL) or Inngest already runs
 * it, the CLI does not run it twice: it says so, or follows it with --wait.
 */
export async function syncCommand(out: Output, o: SyncOptions) {
  await withServices(out, { connectors: true }, async (ctx) => {
    const { services, actor, target } = ctx;
    const tenant = await tenantBySlug(services, o.tenant);
    const scope = forTenant(services, tenant.id, actor);
    const connection = pickConnection(await listConnections(scope), tenant.slug, o.connection, "OKTA");
    const { run, alreadyRunning } = await startSync(scope, { connectionId: connection.id, trigger: "cli" });
    out.note(
      alreadyRunning
        ? `A sync of "${connection.name}" is already under way (${run.id}).`
        : `Started sync ${run.id} of "${connection.name}" for tenant ${tenant.slug}.`,
    );

    const lease = await leaseSyncJob(services.db, services.clock, run.id, { exclusive: target.kind === "pglite" });
    let final: SyncRun;
    if (lease) {
      if (alreadyRunning) out.note("Continuing it in this process from its saved progress.");
      final = await runHere(ctx, tenant.id, run.id, lease);
    } else if (o.wait) {
      out.note("Gatehouse's job runner (the app or Inngest) is running this sync; waiting for it to finish (Ctrl-C stops waiting, not the sync).");
      final = await follow(services, run.id, out);
    } else {
      out.result(
        [`Sync ${run.id} is running in Gatehouse's job runner (the app or Inngest), not here.`, "  Follow it with --wait, or on the Connections page."],
        { syncRun: toSyncRunDto(run), ranHere: false },
      );
      return;
    }
    report(out, connection.name, final, Boolean(lease));
  });
}

async function runHere(ctx: CliContext, tenantId: string, syncRunId: string, lease: JobLease): Promise<SyncRun> {
  const { services, out, database } = ctx;
  const watcher = watch(services, syncRunId, out);
  // Ctrl-C: give the job back so the sync resumes from its saved progress, then leave.
  const onSigint = () => {
    out.note("\nInterrupted. The sync's progress is saved; it resumes when Gatehouse runs, or when you run this command again.");
    void (async () => {
      await lease.release("interrupted from the CLI").catch(() => {});
      await Promise.race([database.close().catch(() => {}), sleep(3000)]);
      process.exit(130);
    })();
  };
  process.once("SIGINT", onSigint);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await runSync(services, { tenantId, syncRunId });
        if (!done) throw new CliError(`Sync run ${syncRunId} disappeared`);
        await lease.finish();
        return done;
      } catch (e) {
        const retryable = (e as { retryable?: unknown }).retryable === true;
        const message = e instanceof Error ? e.message : String(e);
        if (!retryable || attempt > MAX_RETRIES) {
          await lease.release(message).catch(() => {});
          if (e instanceof CliError) throw e;
          throw new CliError(
            `The sync stopped: ${message}\n` +
              "Its progress is saved: it resumes from there when Gatehouse's job runner picks it up, or when you run this command again.",
          );
        }
        const waitMs = Math.min(60_000, (e as { retryAfterMs?: number }).retryAfterMs ?? 1000 * 2 ** (attempt - 1));
        out.note(`${message}; retrying in ${Math.ceil(waitMs / 1000)} s (attempt ${attempt + 1} of ${MAX_RETRIES + 1})`);
        await sleep(waitMs);
      }
    }
  } finally {
    process.removeListener("SIGINT", onSigint);
    await watcher.stop();
  }
}

/** Waits for a sync that another worker runs. */
async function follow(services: Services, syncRunId: string, out: Output): Promise<SyncRun> {
  const watcher = watch(services, syncRunId, out);
  try {
    for (;;) {
      const run = await services.db.syncRun.findUnique({ where: { id: syncRunId } });
      if (!run) throw new CliError(`Sync run ${syncRunId} disappeared`);
      if (run.status === "SUCCEEDED" || run.status === "FAILED") return run;
      await sleep(1000);
    }
  } finally {
    await watcher.stop();
  }
}

function progressLine(r: SyncRun) {
  const groups = r.groupsTotal ? ` · members of ${r.groupsDone}/${r.groupsTotal} groups` : "";
  return `  ${r.phase}: ${plural(r.usersSeen, "user")} · ${plural(r.groupsSeen, "group")} · ${plural(r.membershipsSeen, "membership")}${groups}`;
}

/** Reads the run's saved progress twice a second and prints it when it changes (on a pipe: per phase, or every 5 s). */
function watch(services: Services, syncRunId: string, out: Output) {
  let last = "";
  let lastPhase = "";
  let lastAt = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = async () => {
    const r = await services.db.syncRun.findUnique({ where: { id: syncRunId } });
    if (!r || r.status === "QUEUED") return;
    const line = progressLine(r);
    const now = Date.now();
    if (line !== last && (out.interactive || r.phase !== lastPhase || now - lastAt >= 5000)) {
      out.progress(line);
      last = line;
      lastPhase = r.phase;
      lastAt = now;
    }
  };
  const timer = setInterval(() => {
    inFlight = inFlight.then(tick).catch(() => {});
  }, POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await tick().catch(() => {});
      out.endProgress();
    },
  };
}

function report(out: Output, connectionName: string, r: SyncRun, ranHere: boolean) {
  const seconds = r.startedAt && r.finishedAt ? ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1) : "?";
  const data = { syncRun: toSyncRunDto(r), ranHere };
  if (r.status === "FAILED") {
    if (out.json) out.result("", data);
    throw new CliError(`Sync ${r.id} of "${connectionName}" failed: ${r.error ?? "unknown error"}`);
  }
  out.result(
    [
      `Sync ${r.id} of "${connectionName}" succeeded in ${seconds} s:`,
      `  ${plural(r.usersSeen, "user")}, ${plural(r.groupsSeen, "group")}, ${plural(r.membershipsSeen, "membership")}`,
      `  ${r.created} created, ${r.updated} updated, ${r.removed} removed; ${plural(r.apiCalls, "API call")}`,
    ],
    data,
  );
}
