import { unseal } from "../../lib/secrets.ts";
import type { JiraConfig } from "../connections/connection-config.ts";
import { revokeTriggers } from "../connections/jira-revoke-settings.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import { revokeGrant } from "../grants/revoke-grant.ts";
import { forTenant, type Services } from "../services.ts";
import { jiraWebhookPayload, revokeTrigger } from "./jira-webhook-payload.ts";
import { verifyHubSignature } from "./jira-webhook-signature.ts";

/** Deliveries older than this are refused: a captured delivery cannot be replayed later. */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000;
/** Deliveries stamped later than now by more than this (clock skew) are refused. */
export const MAX_CLOCK_SKEW_MS = 30_000;

export interface JiraDelivery {
  tenantSlug: string;
  rawBody: Buffer;
  signature: string | null;
  /** X-Atlassian-Webhook-Identifier: the same on Jira's retries of one delivery. */
  deliveryId: string | null;
}

export type JiraWebhookResult =
  | { ok: false; status: 400 | 401; error: string }
  | { ok: true; outcome: "revoked" | "already-ended" | "duplicate" | "ignored" | "not-revoked"; detail: string; grantId?: string };

const refuse = (status: 400 | 401, error: string): JiraWebhookResult => ({ ok: false, status, error });
const ignore = (detail: string): JiraWebhookResult => ({ ok: true, outcome: "ignored", detail });
const NOT_SET_UP = "unknown tenant, or no Jira webhook is set up for it";

/**
 * A Jira `jira:issue_updated` delivery for one tenant: authenticated by the tenant's webhook secret, fresh,
 * not seen before; when it moves a Gatehouse ticket to the tenant's revoke status (or adds its revoke label),
 * the ticket's grant is revoked (revokeGrant logs it and comments on the ticket). Anything refused changes nothing.
 *
 * Order: check the delivery id, revoke, record the id. revokeGrant is idempotent under concurrency (row lock),
 * so a crash between the revoke and the record only means Jira's retry finds the grant already ending.
 */
export async function receiveJiraWebhook(services: Services, delivery: JiraDelivery): Promise<JiraWebhookResult> {
  const tenant = await services.db.tenant.findUnique({ where: { slug: delivery.tenantSlug }, select: { id: true } });
  if (!tenant) return refuse(401, NOT_SET_UP);
  const scope0 = forTenant(services, tenant.id, { type: "webhook", label: "Jira webhook" });
  const connections = await scope0.tdb.connection.findMany({
    where: { kind: "JIRA", enabled: true, webhookSecretCipher: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  if (!connections.length) return refuse(401, NOT_SET_UP);
  const connection = connections.find((c) =>
    verifyHubSignature(unseal({ cipher: c.webhookSecretCipher!, keyId: c.webhookSecretKeyId! }), delivery.rawBody, delivery.signature));
  if (!connection) return refuse(401, delivery.signature ? "signature does not match" : "missing X-Hub-Signature");

  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString("utf8"));
  } catch {
    return refuse(400, "body is not JSON");
  }
  const parsed = jiraWebhookPayload.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse(400, `not a Jira webhook payload: ${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const payload = parsed.data;
  const deliveryId = delivery.deliveryId?.trim() ?? "";
  if (!deliveryId || deliveryId.length > 200) return refuse(400, "missing X-Atlassian-Webhook-Identifier");
  const now = services.clock.now().getTime();
  if (now - payload.timestamp > MAX_DELIVERY_AGE_MS) {
    return refuse(401, `stale delivery: sent ${Math.round((now - payload.timestamp) / 1000)} s ago (at most ${MAX_DELIVERY_AGE_MS / 1000} s)`);
  }
  if (payload.timestamp - now > MAX_CLOCK_SKEW_MS) {
    return refuse(401, `delivery from the future: timestamp ${Math.round((payload.timestamp - now) / 1000)} s ahead of this server`);
  }

  const trigger = revokeTrigger(payload, revokeTriggers(connection.config as JiraConfig));
  if (!trigger) return ignore("not a revoke: no change to the revoke status or label");
  const issueKey = payload.issue!.key.toUpperCase();
  const request = await scope0.tdb.accessRequest.findFirst({
    where: { jiraIssueKey: issueKey },
    select: { id: true, extendsGrantId: true, grant: { select: { id: true } } },
  });
  if (!request) return ignore(`${issueKey} is not a Gatehouse ticket of this tenant`);
  const grantId = request.grant?.id ?? request.extendsGrantId;
  if (!grantId) return ignore(`${issueKey} has no grant to revoke`);

  const seen = await scope0.tdb.webhookDelivery.findUnique({
    where: { tenantId_source_deliveryId: { tenantId: tenant.id, source: "jira", deliveryId } },
    select: { outcome: true },
  });
  if (seen) return { ok: true, outcome: "duplicate", detail: `delivery ${deliveryId} was already processed (${seen.outcome})`, grantId };

  const who = payload.user?.displayName?.trim() || `Jira user ${payload.user?.accountId ?? "unknown"}`;
  const scope = forTenant(services, tenant.id, { type: "webhook", id: payload.user?.accountId, label: `${who} in Jira` });
  let result: JiraWebhookResult;
  try {
    const revoked = await revokeGrant(scope, {
      grantId, reason: `${who} ${trigger.detail} on ${issueKey}`, channel: "jira", revokerPersonId: null, asAdmin: true,
    });
    result = revoked.alreadyEnded
      ? { ok: true, outcome: "already-ended", detail: `grant ${grantId} was already ${revoked.status.toLowerCase()}`, grantId }
      : { ok: true, outcome: "revoked", detail: `grant ${grantId} is ending: ${who} ${trigger.detail}`, grantId };
  } catch (e) {
    // A grant that cannot be revoked will not become revocable by Jira retrying: answer 200 and say why.
    if (!(e instanceof DomainError)) throw e;
    result = { ok: true, outcome: "not-revoked", detail: e.message, grantId };
  }
  try {
    await scope.tdb.webhookDelivery.create({ data: { source: "jira", deliveryId, outcome: `${result.outcome}: ${result.detail}`.slice(0, 500) } as never });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { ok: true, outcome: "duplicate", detail: `delivery ${deliveryId} was processed at the same time`, grantId };
  }
  return result;
}
