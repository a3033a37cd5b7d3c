import { forTenant, type Services } from "../services.ts";
import { authenticateHookRequest, type HookRefusal } from "./hook-connection.ts";
import { OKTA_EVENT_JOB } from "./jobs.ts";
import { oktaEventHookDelivery, personEventWork } from "./okta-event-hook-payload.ts";

export interface OktaHookDelivery {
  connectionId: string;
  authorization: string | null;
  rawBody: Buffer;
}

export type OktaHookResult =
  | HookRefusal
  | { ok: false; status: 400; error: string }
  | { ok: true; events: number; queued: number; duplicates: number; ignored: number };

/**
 * An Okta event hook delivery: authenticated by the connection's shared secret, each event deduplicated by its
 * uuid (WebhookDelivery, source "okta") and, when it is about a person, queued as a lifecycle.okta-event job in
 * the same transaction, so a redelivered event is never queued twice and a queued one is never lost.
 * No IdP call happens here: the job fetches the user. Anything refused writes nothing.
 */
export async function receiveOktaEventHook(services: Services, delivery: OktaHookDelivery): Promise<OktaHookResult> {
  const auth = await authenticateHookRequest(services, delivery.connectionId, delivery.authorization);
  if (!auth.ok) return auth;
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody.toString("utf8"));
  } catch {
    return { ok: false, status: 400, error: "body is not JSON" };
  }
  const parsed = oktaEventHookDelivery.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, status: 400, error: `not an Okta event hook delivery: ${issue.path.join(".") || "body"}: ${issue.message}` };
  }

  // One row per uuid even if Okta batched the same event twice.
  const events = [...new Map(parsed.data.data.events.map((e) => [e.uuid, e])).values()];
  if (!events.length) return { ok: true, events: 0, queued: 0, duplicates: 0, ignored: 0 };
  const work = new Map(events.map((e) => [e.uuid, personEventWork(e)]));
  const { tenantId, connectionId } = auth;
  const { tdb } = forTenant(services, tenantId, { type: "webhook", label: "Okta event hook" });
  return tdb.$transaction(async (tx) => {
    const inserted = await tx.webhookDelivery.createManyAndReturn({
      data: events.map((e) => ({
        source: "okta", deliveryId: e.uuid, receivedAt: services.clock.now(),
        outcome: (work.get(e.uuid) ? `queued: ${e.eventType}` : `ignored: ${e.eventType}`).slice(0, 500),
      })) as never,
      skipDuplicates: true,
      select: { deliveryId: true },
    });
    let queued = 0;
    for (const { deliveryId } of inserted) {
      const w = work.get(deliveryId);
      if (!w) continue;
      await services.jobs.enqueue(OKTA_EVENT_JOB, { tenantId, connectionId, ...w }, {
        tx, tenantId, idempotencyKey: `${OKTA_EVENT_JOB}:${connectionId}:${deliveryId}`,
      });
      queued++;
    }
    return { ok: true as const, events: events.length, queued, duplicates: events.length - inserted.length, ignored: inserted.length - queued };
  });
}
