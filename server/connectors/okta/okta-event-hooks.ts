// Okta event hooks through the SDK's eventHookApi (protocols.md §1 "Event hooks"): create, verify (Okta calls
// the endpoint with a challenge), activate; and the reverse. The OktaConnector's methods delegate here.

import type { Client, EventHook } from "@okta/okta-sdk-nodejs";
import { ConnectorError, type EventHookRegistration } from "../types.ts";

/** The connector's error-mapping, retrying call wrapper. */
export type OktaCall = <T>(op: string, fn: () => Promise<T>, opts: { idempotent: boolean }) => Promise<T>;

export function toEventHookRegistration(h: EventHook): EventHookRegistration {
  return {
    id: String(h.id),
    uri: String(h.channel?.config?.uri ?? ""),
    events: [...(h.events?.items ?? [])],
    status: h.status === "ACTIVE" ? "ACTIVE" : "INACTIVE",
    verified: String(h.verificationStatus) === "VERIFIED",
  };
}

export async function registerOktaEventHook(
  client: Client, call: OktaCall, input: { name: string; uri: string; secret: string; events: string[] },
): Promise<EventHookRegistration> {
  const eventHook = {
    name: input.name,
    events: { type: "EVENT_TYPE", items: input.events },
    channel: {
      type: "HTTP", version: "1.0.0",
      // Okta signs nothing: the shared Authorization header is the only proof a delivery is Okta's.
      config: { uri: input.uri, headers: [], authScheme: { type: "HEADER", key: "Authorization", value: input.secret } },
    },
  } as unknown as EventHook;
  // Not retried: a lost answer would leave a second hook behind.
  const created = await call("create an event hook", () => client.eventHookApi.createEventHook({ eventHook }), { idempotent: false });
  const id = String(created.id);
  try {
    await call(`verify event hook ${id}`, () => client.eventHookApi.verifyEventHook({ eventHookId: id }), { idempotent: true });
  } catch (e) {
    // An unverified hook never receives events: remove it rather than leave it for someone to wonder about.
    await removeOktaEventHook(client, call, id).catch(() => undefined);
    if (e instanceof ConnectorError && e.code === "invalid") {
      throw new ConnectorError(`Okta could not verify the event hook at ${input.uri}: ${e.message.replace(/^Okta refused to [^(]*/, "").trim()}`, "invalid", false, undefined, e.status);
    }
    throw e;
  }
  const active = await call(`activate event hook ${id}`, () => client.eventHookApi.activateEventHook({ eventHookId: id }), { idempotent: true });
  return toEventHookRegistration(active);
}

export async function getOktaEventHook(client: Client, call: OktaCall, hookId: string): Promise<EventHookRegistration | null> {
  try {
    return toEventHookRegistration(await call(`read event hook ${hookId}`, () => client.eventHookApi.getEventHook({ eventHookId: hookId }), { idempotent: true }));
  } catch (e) {
    if (e instanceof ConnectorError && e.code === "not_found") return null;
    throw e;
  }
}

/** Okta deletes only INACTIVE hooks: deactivate first. Gone already is success. */
export async function removeOktaEventHook(client: Client, call: OktaCall, hookId: string): Promise<void> {
  try {
    await call(`deactivate event hook ${hookId}`, () => client.eventHookApi.deactivateEventHook({ eventHookId: hookId }), { idempotent: true });
    await call(`delete event hook ${hookId}`, () => client.eventHookApi.deleteEventHook({ eventHookId: hookId }), { idempotent: true });
  } catch (e) {
    if (e instanceof ConnectorError && e.code === "not_found") return;
    throw e;
  }
}
