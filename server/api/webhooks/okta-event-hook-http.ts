import { answerOktaVerification } from "../../domain/lifecycle-hooks/answer-okta-verification.ts";
import { receiveOktaEventHook } from "../../domain/lifecycle-hooks/receive-okta-event-hook.ts";
import type { Services } from "../../domain/services.ts";
import { logger } from "../../lib/logger.ts";
import { readBodyCapped } from "./read-body.ts";

/** Okta batches events; a delivery this large is not Okta's. */
export const MAX_OKTA_HOOK_BYTES = 1024 * 1024;

/** GET /api/hooks/okta/<connectionId>: Okta's verification handshake. 200 {verification}, 401, 404 or 400. */
export async function handleOktaVerification(services: Services, request: Request, connectionId: string): Promise<Response> {
  const result = await answerOktaVerification(services, {
    connectionId,
    authorization: request.headers.get("authorization"),
    challenge: request.headers.get("x-okta-verification-challenge"),
  });
  if (!result.ok) {
    logger.warn({ connectionId: connectionId.slice(0, 64), status: result.status, reason: result.error }, "okta event hook verification refused");
    return Response.json({ error: result.error }, { status: result.status });
  }
  return Response.json({ verification: result.verification });
}

/**
 * POST /api/hooks/okta/<connectionId>: an event delivery. 204 once its events are recorded and queued (the work
 * happens in a job); 413 oversized, 404 unknown connection, 401 wrong or missing secret, 400 malformed.
 */
export async function handleOktaEventDelivery(services: Services, request: Request, connectionId: string): Promise<Response> {
  const rawBody = await readBodyCapped(request, MAX_OKTA_HOOK_BYTES);
  if (!rawBody) return Response.json({ error: "body too large" }, { status: 413 });
  const result = await receiveOktaEventHook(services, { connectionId, authorization: request.headers.get("authorization"), rawBody });
  if (!result.ok) {
    logger.warn({ connectionId: connectionId.slice(0, 64), status: result.status, reason: result.error }, "okta event hook delivery refused");
    return Response.json({ error: result.error }, { status: result.status });
  }
  logger.info({ connectionId, events: result.events, queued: result.queued, duplicates: result.duplicates, ignored: result.ignored }, "okta event hook delivery");
  return new Response(null, { status: 204 });
}
