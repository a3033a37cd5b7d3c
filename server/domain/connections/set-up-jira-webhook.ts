import { randomBytes } from "node:crypto";
import { appUrl } from "../../lib/app-url.ts";
import { seal } from "../../lib/secrets.ts";
import { recordAudit } from "../audit.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

/** What Jira's webhook form needs: Gatehouse only listens for issue updates of its own tickets. */
export const JIRA_WEBHOOK_EVENTS = ["jira:issue_updated"] as const;
export const JIRA_WEBHOOK_JQL = "labels = gatehouse";

export function jiraWebhookUrl(tenantSlug: string): string {
  return appUrl(`/api/webhooks/jira/${encodeURIComponent(tenantSlug)}`);
}

/**
 * Generates a new webhook secret (32 random bytes) for the Jira connection, stores it sealed, and returns it
 * with the URL to paste into Jira. This is the only time the secret leaves the server: calling it again
 * rotates it (deliveries signed with the old secret are refused from then on).
 */
export async function setUpJiraWebhook(scope: TenantScope, input: { connectionId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  const secret = randomBytes(32).toString("hex");
  const sealed = seal(secret);
  const result = await tdb.$transaction(async (tx) => {
    const connection = await tx.connection.findUnique({ where: { id: input.connectionId } });
    if (!connection) throw notFound("Connection");
    if (connection.kind !== "JIRA") throw badRequest("Only a Jira connection has a webhook");
    const rotated = connection.webhookSecretCipher !== null;
    await tx.connection.update({ where: { id: connection.id }, data: { webhookSecretCipher: sealed.cipher, webhookSecretKeyId: sealed.keyId } });
    await recordAudit(tx, tenantId, actor, {
      action: rotated ? "connection.webhook-secret.rotated" : "connection.webhook-secret.created",
      subjectType: "connection", subjectId: connection.id, data: { kind: connection.kind, name: connection.name },
    }, clock.now());
    return { rotated };
  });
  const tenant = await scope.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
  return {
    secret,
    url: jiraWebhookUrl(tenant.slug),
    events: [...JIRA_WEBHOOK_EVENTS],
    jqlFilter: JIRA_WEBHOOK_JQL,
    rotated: result.rotated,
  };
}
