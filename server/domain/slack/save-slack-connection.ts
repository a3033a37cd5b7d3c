import { seal } from "../../lib/secrets.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { storeVerifiedConnection } from "../connections/store-verified-connection.ts";
import { slackConnectionInput, type SlackConfig, type SlackConnectionInput } from "./slack-config.ts";

/**
 * Connects Slack only once auth.test accepts the bot token; what it says (the workspace's team id) is how inbound
 * Slack requests find this tenant. The bot token and the signing secret are sealed and never returned. Replacing the
 * credentials of an existing connection keeps the old ones unless the new ones verify.
 */
export async function saveSlackConnection(scope: TenantScope, raw: SlackConnectionInput & { connectionId?: string }) {
  const input = slackConnectionInput.parse(raw);
  const { tdb, clock } = scope;
  if (raw.connectionId) {
    const existing = await tdb.connection.findUnique({ where: { id: raw.connectionId } });
    if (!existing) throw notFound("Connection");
    if (existing.kind !== "SLACK") throw badRequest("A connection cannot change its kind");
  } else if (await tdb.connection.findFirst({ where: { kind: "SLACK" }, select: { id: true } })) {
    throw conflict("Slack is already connected; replace its credentials instead", "name");
  }
  const check = await scope.connectors.messaging("SLACK", { apiUrl: input.apiUrl }, { botToken: input.botToken }).validate();
  if (!check.ok || !check.workspace) throw badRequest(`Could not connect: ${check.detail}`, "credentials");

  const config: SlackConfig = { apiUrl: input.apiUrl, ...check.workspace };
  const token = seal(JSON.stringify({ botToken: input.botToken }));
  const signing = seal(input.signingSecret);
  const data = {
    kind: "SLACK" as const, name: input.name, config, secretCipher: token.cipher, secretKeyId: token.keyId,
    webhookSecretCipher: signing.cipher, webhookSecretKeyId: signing.keyId,
    status: "HEALTHY" as const, lastError: null, lastCheckedAt: clock.now(), enabled: true,
  };
  return storeVerifiedConnection(scope, {
    connectionId: raw.connectionId, data, config, detail: check.detail, nameTaken: `A Slack connection named ${input.name} already exists`,
  });
}
