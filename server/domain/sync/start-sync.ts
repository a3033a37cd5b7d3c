import { isDirectoryKind } from "../../connectors/factory.ts";
import { recordAudit } from "../audit.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export const SYNC_JOB = "directory.sync";
const jobKey = (syncRunId: string) => `sync:${syncRunId}`;

/** Queues a directory sync for a connection; if one is already queued or running, returns that one. */
export async function startSync(scope: TenantScope, input: { connectionId: string; trigger: "manual" | "schedule" | "cli" }) {
  const { tdb, tenantId, clock, actor } = scope;
  return tdb.$transaction(async (tx) => {
    const connection = await tx.connection.findUnique({ where: { id: input.connectionId } });
    if (!connection) throw notFound("Connection");
    if (!isDirectoryKind(connection.kind)) throw badRequest("Only directory connections can be synced");
    if (!connection.enabled) throw badRequest("This connection is disabled; enable it to sync");
    const active = await tx.syncRun.findFirst({
      where: { connectionId: connection.id, status: { in: ["QUEUED", "RUNNING"] } },
      orderBy: { createdAt: "desc" },
    });
    if (active) {
      // A run stays RUNNING between retries. Once the job layer has given up on it (the local driver marks its
      // Job FAILED after the last retry), close it; otherwise no sync of this connection could ever start again.
      const job = await tx.job.findUnique({ where: { idempotencyKey: jobKey(active.id) }, select: { status: true, attempts: true, lastError: true } });
      if (job?.status !== "FAILED") return { run: active, alreadyRunning: true };
      const error = `Gave up after ${job.attempts} attempts: ${job.lastError ?? active.error ?? "unknown error"}`;
      await tx.syncRun.update({ where: { id: active.id }, data: { status: "FAILED", error, finishedAt: clock.now() } });
      await tx.connection.update({ where: { id: connection.id }, data: { status: "ERROR", lastError: error, lastCheckedAt: clock.now() } });
      await recordAudit(tx, tenantId, actor, {
        action: "directory.sync.failed", subjectType: "connection", subjectId: connection.id, data: { syncRunId: active.id, error },
      }, clock.now());
    }
    const run = await tx.syncRun.create({ data: { connectionId: connection.id, trigger: input.trigger } as never });
    await scope.jobs.enqueue(SYNC_JOB, { tenantId, syncRunId: run.id }, { tx: tx as never, tenantId, idempotencyKey: jobKey(run.id) });
    await recordAudit(tx, tenantId, actor, {
      action: "directory.sync.started", subjectType: "connection", subjectId: connection.id, data: { syncRunId: run.id, trigger: input.trigger },
    }, clock.now());
    return { run, alreadyRunning: false };
  });
}
