import { directoryFor, evidenceFor, isDirectoryKind, messagingFor, ticketingFor } from "../../connectors/factory.ts";
import type { ChatWorkspace, DirectoryConnector } from "../../connectors/types.ts";
import { capabilitiesSeen, closeConnector } from "./directory-capabilities.ts";
import { recordAudit } from "../audit.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

/** Checks a stored connection's credentials again and records its health. */
export async function testConnection(scope: TenantScope, input: { connectionId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  const connection = await tdb.connection.findUnique({ where: { id: input.connectionId } });
  if (!connection) throw notFound("Connection");
  const connector =
    isDirectoryKind(connection.kind) ? directoryFor(scope.connectors, connection)
    : connection.kind === "JIRA" ? ticketingFor(scope.connectors, connection)
    : connection.kind === "VANTA" ? evidenceFor(scope.connectors, connection)
    : messagingFor(scope.connectors, connection);
  const check: { ok: boolean; detail: string; workspace?: ChatWorkspace } = await connector.validate()
    .catch((e: Error) => ({ ok: false, detail: e.message }))
    .finally(() => closeConnector(connector));
  // A directory's capabilities can change (an Entra licence bought or lapsed): keep what its card shows current.
  const capabilities = check.ok && isDirectoryKind(connection.kind) ? { capabilities: capabilitiesSeen(connector as DirectoryConnector) } : {};
  await tdb.$transaction(async (tx) => {
    await tx.connection.update({
      where: { id: connection.id },
      data: {
        status: check.ok ? "HEALTHY" : "ERROR", lastError: check.ok ? null : check.detail, lastCheckedAt: clock.now(),
        // Slack: keep the workspace (team id) current; inbound requests find their tenant by it.
        ...(check.workspace || check.ok && isDirectoryKind(connection.kind) ? { config: { ...(connection.config as object), ...check.workspace, ...capabilities } } : {}),
      },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "connection.tested", subjectType: "connection", subjectId: connection.id, data: { ok: check.ok, detail: check.detail },
    }, clock.now());
  });
  return check;
}
