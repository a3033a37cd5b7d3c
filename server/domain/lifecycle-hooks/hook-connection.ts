import { unseal } from "../../lib/secrets.ts";
import type { Services } from "../services.ts";
import { isEventHookSecret } from "./event-hook-secret.ts";

export type HookRefusal = { ok: false; status: 401 | 404; error: string };

const NOT_SET_UP = "unknown connection, or no Okta event hook is set up for it";

/**
 * The enabled Okta connection an event hook URL names, if the request carries its shared secret.
 * 404 when there is no such connection (or no hook secret), 401 when the Authorization header is missing or wrong.
 */
export async function authenticateHookRequest(
  services: Services, connectionId: string, authorization: string | null,
): Promise<{ ok: true; tenantId: string; connectionId: string } | HookRefusal> {
  const connection = connectionId.length <= 64
    ? await services.db.connection.findUnique({
        where: { id: connectionId },
        select: { id: true, tenantId: true, kind: true, enabled: true, webhookSecretCipher: true, webhookSecretKeyId: true },
      })
    : null;
  if (!connection || connection.kind !== "OKTA" || !connection.enabled || !connection.webhookSecretCipher || !connection.webhookSecretKeyId) {
    return { ok: false, status: 404, error: NOT_SET_UP };
  }
  const secret = unseal({ cipher: connection.webhookSecretCipher, keyId: connection.webhookSecretKeyId });
  if (!isEventHookSecret(secret, authorization)) {
    return { ok: false, status: 401, error: authorization ? "Authorization does not match the event hook secret" : "missing Authorization header" };
  }
  return { ok: true, tenantId: connection.tenantId, connectionId: connection.id };
}
