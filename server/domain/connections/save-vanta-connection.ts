import { seal } from "../../lib/secrets.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { storeVerifiedConnection } from "./store-verified-connection.ts";
import { splitVantaInput, vantaConnectionInput, type VantaConnectionInput } from "./vanta-config.ts";

/**
 * Connects Vanta only once its OAuth client gets a token and the configured document and UserAccount resource
 * exist. The client ID and secret are sealed and never returned. Replacing the credentials of an existing
 * connection keeps the old ones unless the new ones verify. One Vanta connection per workspace.
 */
export async function saveVantaConnection(scope: TenantScope, raw: VantaConnectionInput & { connectionId?: string }) {
  const input = vantaConnectionInput.parse(raw);
  const { tdb, clock } = scope;
  if (raw.connectionId) {
    const existing = await tdb.connection.findUnique({ where: { id: raw.connectionId } });
    if (!existing) throw notFound("Connection");
    if (existing.kind !== "VANTA") throw badRequest("A connection cannot change its kind");
  } else if (await tdb.connection.findFirst({ where: { kind: "VANTA" }, select: { id: true } })) {
    throw conflict("Vanta is already connected; replace its credentials instead", "name");
  }
  const { config, secret } = splitVantaInput(input);
  const check = await scope.connectors.evidence("VANTA", config, secret).validate();
  if (!check.ok) throw badRequest(`Could not connect: ${check.detail}`, "credentials");

  const sealed = seal(JSON.stringify(secret));
  const data = {
    kind: "VANTA" as const, name: input.name, config, secretCipher: sealed.cipher, secretKeyId: sealed.keyId,
    status: "HEALTHY" as const, lastError: null, lastCheckedAt: clock.now(), enabled: true,
  };
  return storeVerifiedConnection(scope, {
    connectionId: raw.connectionId, data, config, detail: check.detail, nameTaken: `A Vanta connection named ${input.name} already exists`,
  });
}
