import { answerBody, parseInteraction, parseSlashCommand, signatureValid, signedTimestamp, timestampFresh } from "../../connectors/slack/index.ts";
import { messagingFor } from "../../connectors/factory.ts";
import type { ChatAnswer } from "../../connectors/types.ts";
import { unseal } from "../../lib/secrets.ts";
import { logger } from "../../lib/logger.ts";
import { isUniqueViolation } from "../errors.ts";
import { forTenant, type Services } from "../services.ts";
import { handleSlackEvent } from "./handle-slack-event.ts";

export interface SlackHttpRequest {
  kind: "interaction" | "command";
  /** The exact bytes Slack signed. */
  rawBody: string;
  timestamp: string | null;
  signature: string | null;
}

export interface SlackHttpAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

const refuse = (status: 400 | 401, error: string): SlackHttpAnswer => ({ status, body: { ok: false, error } });

/**
 * Everything Slack POSTs to Gatehouse, before anything changes: a timestamp within 5 minutes either way, a body
 * we can read, a workspace some tenant connected, a v0 signature made with that tenant's signing secret, and a
 * request not seen before. Then the event is handled as that tenant, through the same operations the web uses.
 */
export async function receiveSlackRequest(services: Services, req: SlackHttpRequest): Promise<SlackHttpAnswer> {
  const timestamp = signedTimestamp(req.timestamp);
  if (timestamp === null || !req.signature) return refuse(401, "missing_signature");
  if (!timestampFresh(timestamp, services.clock.now())) return refuse(401, "stale_or_future_timestamp");
  const event = req.kind === "interaction" ? parseInteraction(req.rawBody) : parseSlashCommand(req.rawBody);
  if (!event) return refuse(400, "malformed_body");

  // Unknown workspace and wrong signature get the same answer: the caller learns nothing about our tenants.
  const candidates = await services.db.connection.findMany({
    where: { kind: "SLACK", enabled: true, webhookSecretCipher: { not: null }, config: { path: ["teamId"], equals: event.teamId } },
  });
  const connection = candidates.find((c) =>
    signatureValid(unseal({ cipher: c.webhookSecretCipher!, keyId: c.webhookSecretKeyId! }), String(timestamp), req.rawBody, req.signature));
  if (!connection) return refuse(401, "invalid_signature");

  const scope = forTenant(services, connection.tenantId, { type: "webhook", label: "Slack" });
  // The same signed request twice is a replay (a retry or an attacker); a second click signs new bytes.
  const deliveryId = req.signature.slice(3);
  try {
    await scope.tdb.webhookDelivery.create({ data: { source: "slack", deliveryId, outcome: "received", receivedAt: services.clock.now() } as never });
  } catch (e) {
    if (isUniqueViolation(e)) return refuse(400, "replayed_request");
    throw e;
  }
  let answer: ChatAnswer;
  try {
    answer = await handleSlackEvent(scope, messagingFor(services.connectors, connection), event);
  } catch (e) {
    // Not an outcome but a failure of ours: forget the delivery so Slack (or the person) can try again.
    await scope.tdb.webhookDelivery.deleteMany({ where: { source: "slack", deliveryId } });
    logger.error({ err: e, tenantId: connection.tenantId, type: event.type }, "slack request failed");
    throw e;
  }
  await scope.tdb.webhookDelivery.updateMany({ where: { source: "slack", deliveryId }, data: { outcome: answer.kind } });
  return { status: 200, body: answerBody(answer) };
}
