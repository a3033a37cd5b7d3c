import { receiveJiraWebhook } from "../../domain/tickets/receive-jira-webhook.ts";
import type { Services } from "../../domain/services.ts";
import { logger } from "../../lib/logger.ts";
import { readBodyCapped } from "./read-body.ts";

/** Jira's own deliveries are far smaller; anything bigger is refused before it is read. */
export const MAX_JIRA_WEBHOOK_BYTES = 1024 * 1024;

/**
 * POST /api/webhooks/jira/<tenant slug>: the raw body and Jira's headers, handed to receiveJiraWebhook.
 * 413 oversized, 401 unauthenticated/stale/future, 400 malformed, 200 {outcome, detail} otherwise.
 */
export async function handleJiraWebhook(services: Services, request: Request, tenantSlug: string): Promise<Response> {
  const rawBody = await readBodyCapped(request, MAX_JIRA_WEBHOOK_BYTES);
  if (!rawBody) return Response.json({ error: "body too large" }, { status: 413 });
  const deliveryId = request.headers.get("x-atlassian-webhook-identifier");
  const result = await receiveJiraWebhook(services, {
    tenantSlug: tenantSlug.slice(0, 100),
    rawBody,
    signature: request.headers.get("x-hub-signature"),
    deliveryId,
  });
  if (!result.ok) {
    logger.warn({ tenant: tenantSlug.slice(0, 100), deliveryId, status: result.status, reason: result.error }, "jira webhook refused");
    return Response.json({ error: result.error }, { status: result.status });
  }
  logger.info({ tenant: tenantSlug, deliveryId, retry: request.headers.get("x-atlassian-webhook-retry"), outcome: result.outcome, detail: result.detail }, "jira webhook");
  return Response.json({ outcome: result.outcome, detail: result.detail });
}
