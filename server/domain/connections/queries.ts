import type { TenantScope } from "../services.ts";
import type { ConnectionConfig } from "./connection-config.ts";
import type { Connection, SyncRun } from "../../db/generated/client.ts";
import { notFound } from "../errors.ts";

export type SyncRunDto = Omit<SyncRun, "cursor" | "tenantId">;

/** What the browser may see of a connection: never the secret, not even its ciphertext. */
export function toConnectionDto(c: Connection, lastSync: SyncRun | null) {
  return {
    id: c.id, kind: c.kind, name: c.name, config: c.config as ConnectionConfig, status: c.status,
    lastError: c.lastError, lastCheckedAt: c.lastCheckedAt, enabled: c.enabled, createdAt: c.createdAt,
    /** Whether inbound webhooks (Jira: revoke from the ticket) have a secret; the secret itself never leaves the server. */
    webhookConfigured: c.webhookSecretCipher !== null,
    lastSync: lastSync ? toSyncRunDto(lastSync) : null,
  };
}
export type ConnectionDto = ReturnType<typeof toConnectionDto>;

export function toSyncRunDto(r: SyncRun): SyncRunDto {
  const { cursor: _cursor, tenantId: _tenantId, ...rest } = r;
  return rest;
}

export async function listConnections(scope: TenantScope) {
  const rows = await scope.tdb.connection.findMany({
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    include: { syncRuns: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  return rows.map((c) => toConnectionDto(c, c.syncRuns[0] ?? null));
}

export async function getSyncRun(scope: TenantScope, syncRunId: string) {
  const run = await scope.tdb.syncRun.findUnique({ where: { id: syncRunId } });
  if (!run) throw notFound("Sync run");
  return toSyncRunDto(run);
}

export async function listSyncRuns(scope: TenantScope, connectionId: string) {
  const connection = await scope.tdb.connection.findUnique({ where: { id: connectionId }, select: { id: true } });
  if (!connection) throw notFound("Connection");
  const runs = await scope.tdb.syncRun.findMany({ where: { connectionId }, orderBy: { createdAt: "desc" }, take: 20 });
  return runs.map(toSyncRunDto);
}
