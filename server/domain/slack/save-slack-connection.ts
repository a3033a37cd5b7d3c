import { seal } from "../../lib/secrets.ts";
import { recordAudit } from "../audit.ts";
import { badRequest, conflict, isUniqueViolation, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { toConnectionDto } from "../connections/queries.ts";
import { slackConnectionInput, type SlackConfig, type SlackConnectionInput } from "./slack-config.ts";

/**
 * Connects Slack only once auth.test accepts the bot token; what it says (the workspace's team id) is how inbound
 * Slack requests find this tenant. The bot token and the signing secret are sealed and never returned. Replacing the
 * credentials of an existing connection keeps the old ones unless the new ones verify.
 */
export async function saveSlackConnection(scope: TenantScope, raw: SlackConnectionInput & { connectionId?: string }) {
  const input = slackConnectionInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
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
  try {
    const saved = await tdb.$transaction(async (tx) => {
      const row = raw.connectionId
        ? await tx.connection.update({ where: { id: raw.connectionId }, data })
        : await tx.connection.create({ data: data as never });
      await recordAudit(tx, tenantId, actor, {
        action: raw.connectionId ? "connection.credentials.rotated" : "connection.created",
        subjectType: "connection", subjectId: row.id, data: { kind: row.kind, name: row.name, config, verified: check.detail },
      }, clock.now());
      return row;
    });
    return { connection: toConnectionDto(saved, null), detail: check.detail };
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`A Slack connection named ${input.name} already exists`, "name");
    throw e;
  }
}
