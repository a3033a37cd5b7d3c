import { randomBytes } from "node:crypto";
import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import { seal } from "../../lib/secrets.ts";
import { recordAudit } from "../audit.ts";
import type { OktaConfig, OktaEventHookConfig } from "../connections/connection-config.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { OKTA_HOOK_EVENT_TYPES } from "./okta-event-hook-payload.ts";

export const OKTA_HOOK_NAME = "Gatehouse lifecycle";

/** Where Okta delivers events for one connection. */
export function oktaHookPath(connectionId: string): string {
  return `/api/hooks/okta/${encodeURIComponent(connectionId)}`;
}

/**
 * Sets up (or replaces) the Okta event hook of an Okta connection: a new shared secret is sealed on the
 * connection first (Okta's verification call must find it), then the hook is created, verified and activated
 * in Okta through the connector, the previous hook (if any) removed, and the hook recorded in the connection's
 * config. Okta keeps the secret; it is never shown. `publicBaseUrl` defaults to the app's public URL (the demo
 * and tests pass the address Okta can reach).
 */
export async function setUpOktaEventHook(scope: TenantScope, input: { connectionId: string }, opts: { publicBaseUrl?: string } = {}) {
  const { tdb, tenantId, actor, clock } = scope;
  const connection = await tdb.connection.findUnique({ where: { id: input.connectionId } });
  if (!connection) throw notFound("Connection");
  if (connection.kind !== "OKTA") throw badRequest("Only an Okta connection has an event hook");
  if (!connection.enabled) throw badRequest("The connection is disabled");
  const connector = directoryFor(scope.connectors, connection);
  if (!connector.registerEventHook) throw badRequest("This directory cannot push changes to Gatehouse");

  const base = (opts.publicBaseUrl ?? appUrl("")).replace(/\/+$/, "");
  const uri = `${base}${oktaHookPath(connection.id)}`;
  const previous = (connection.config as OktaConfig).eventHook ?? null;
  const secret = randomBytes(32).toString("base64url");
  const sealed = seal(secret);
  const rotated = connection.webhookSecretCipher !== null;
  await tdb.$transaction(async (tx) => {
    await tx.connection.update({ where: { id: connection.id }, data: { webhookSecretCipher: sealed.cipher, webhookSecretKeyId: sealed.keyId } });
    await recordAudit(tx, tenantId, actor, {
      action: rotated ? "connection.webhook-secret.rotated" : "connection.webhook-secret.created",
      subjectType: "connection", subjectId: connection.id, data: { kind: connection.kind, name: connection.name, purpose: "okta-event-hook" },
    }, clock.now());
  });

  const events = [...OKTA_HOOK_EVENT_TYPES];
  let hook: OktaEventHookConfig;
  let failure: ConnectorError | null = null;
  try {
    const registered = await connector.registerEventHook({ name: OKTA_HOOK_NAME, uri, secret, events });
    hook = { id: registered.id, uri: registered.uri || uri, events: registered.events, status: registered.status, verified: registered.verified, at: clock.now().toISOString(), error: null };
  } catch (e) {
    if (!(e instanceof ConnectorError)) throw e;
    failure = e;
    hook = { id: null, uri, events, status: "FAILED", verified: false, at: clock.now().toISOString(), error: e.message.slice(0, 500) };
  }
  // The old hook now carries a secret Gatehouse no longer accepts: remove it (best effort; it can only be refused).
  let previousRemoved: boolean | null = null;
  if (!failure && previous?.id && previous.id !== hook.id && connector.removeEventHook) {
    previousRemoved = await connector.removeEventHook(previous.id).then(() => true, () => false);
  }

  await tdb.$transaction(async (tx) => {
    const fresh = await tx.connection.findUniqueOrThrow({ where: { id: connection.id }, select: { config: true } });
    await tx.connection.update({ where: { id: connection.id }, data: { config: { ...(fresh.config as OktaConfig), eventHook: hook } } });
    await recordAudit(tx, tenantId, actor, {
      action: failure ? "connection.event-hook.failed" : "connection.event-hook.registered",
      subjectType: "connection", subjectId: connection.id,
      data: { name: connection.name, hookId: hook.id, uri, events, verified: hook.verified, previousHookId: previous?.id ?? null, previousRemoved, error: hook.error ?? null },
    }, clock.now());
  });
  if (failure) throw badRequest(`Okta event hook not set up: ${failure.message}`);
  return { hookId: hook.id!, uri, events, status: hook.status, verified: hook.verified, rotated };
}
