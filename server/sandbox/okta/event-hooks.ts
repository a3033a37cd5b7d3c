// Okta event hooks in the sandbox (protocols.md §1 "Event hooks"): registration under /api/v1/eventHooks,
// the one-time verification GET (X-Okta-Verification-Challenge, 3 s, one retry), and delivery of System Log
// events to ACTIVE + VERIFIED hooks subscribed to their type, authenticated by the configured header only.
// Deliveries are at-least-once, as in Okta; tests control them: hold() / release(), flush() (sends what is
// held and awaits everything in flight), duplicateNext() and redeliver(eventId).

import { randomBytes, randomUUID } from "node:crypto";
import type { OktaLogEvent, OktaState } from "./state.ts";

export interface OktaEventHookHeader {
  key: string;
  value: string;
}

export interface OktaEventHook {
  id: string;
  status: "ACTIVE" | "INACTIVE";
  verificationStatus: "UNVERIFIED" | "VERIFIED";
  name: string;
  description: string | null;
  created: string;
  createdBy: string;
  lastUpdated: string;
  events: { type: "EVENT_TYPE"; items: string[]; filter: null };
  channel: {
    type: "HTTP";
    version: "1.0.0";
    /** authScheme.value is the shared secret: stored, sent with every request, never returned by the API. */
    config: { uri: string; headers: OktaEventHookHeader[]; authScheme: { type: "HEADER"; key: string; value: string } | null };
  };
}

/** An Okta API error the HTTP layer turns into Okta's error body. */
export class EventHookApiError extends Error {
  constructor(readonly status: number, readonly errorCode: string, readonly summary: string, readonly causes: string[] = []) {
    super(summary);
  }
}

export interface EventHookDeliveryAttempt {
  status: number | null;
  error: string | null;
  at: string;
}

/** One delivery as the sandbox made it: `redeliver(eventId)` sends the same bytes again. */
export interface EventHookDelivery {
  eventId: string;
  hookId: string;
  uri: string;
  body: string;
  headers: Record<string, string>;
  /** The System Log events it carries (Okta may batch; the sandbox sends one per delivery). */
  eventUuids: string[];
  eventTypes: string[];
  attempts: EventHookDeliveryAttempt[];
}

export interface EventHookOptions {
  /** Okta waits 3 s for the verification answer and for each delivery. */
  timeoutMs?: number;
  /** Wait before Okta's one retry of a failed delivery (default 1 000 ms). */
  retryDelayMs?: number;
}

/** Okta's limit per org (help docs). */
export const MAX_EVENT_HOOKS = 25;
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/i;

const validation = (cause: string) => new EventHookApiError(400, "E0000001", "Api validation failed: eventHook", [cause]);
const notFound = (id: string) => new EventHookApiError(404, "E0000007", `Not found: Resource not found: ${id} (EventHook)`);

function str(v: unknown, max: number): string | null {
  return typeof v === "string" && v.trim() !== "" && v.length <= max ? v : null;
}

/** Validates a create/replace body as Okta does (the subset the sandbox serves). */
function parseEventHookBody(raw: unknown): Pick<OktaEventHook, "name" | "description" | "events" | "channel"> {
  const body = (raw ?? {}) as Record<string, unknown>;
  const name = str(body.name, 255);
  if (!name) throw validation("name: The field cannot be left blank");
  const events = (body.events ?? {}) as Record<string, unknown>;
  if (events.type !== "EVENT_TYPE") throw validation("events.type: must be EVENT_TYPE");
  const items = events.items;
  if (!Array.isArray(items) || items.length === 0) throw validation("events.items: at least one event type is required");
  for (const item of items) if (typeof item !== "string" || !EVENT_TYPE.test(item)) throw validation(`events.items: ${String(item)} is not an event type`);
  const channel = (body.channel ?? {}) as Record<string, unknown>;
  if (channel.type !== "HTTP") throw validation("channel.type: must be HTTP");
  if (channel.version !== "1.0.0") throw validation("channel.version: must be 1.0.0");
  const config = (channel.config ?? {}) as Record<string, unknown>;
  const uri = str(config.uri, 1024);
  let parsed: URL | null = null;
  try {
    parsed = uri ? new URL(uri) : null;
  } catch {
    parsed = null;
  }
  // Okta requires https; the sandbox also accepts http so it can reach a local app.
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) throw validation("channel.config.uri: must be an absolute https URL");
  const headersIn = config.headers ?? [];
  if (!Array.isArray(headersIn)) throw validation("channel.config.headers: must be a list of {key, value}");
  const headers = headersIn.map((h: { key?: unknown; value?: unknown }) => {
    const key = str(h?.key, 255);
    if (!key || typeof h.value !== "string") throw validation("channel.config.headers: each header needs a key and a value");
    return { key, value: h.value };
  });
  let authScheme: OktaEventHook["channel"]["config"]["authScheme"] = null;
  if (config.authScheme !== undefined && config.authScheme !== null) {
    const a = config.authScheme as Record<string, unknown>;
    const key = str(a.key, 255);
    const value = str(a.value, 1024);
    if (a.type !== "HEADER" || !key || !value) throw validation("channel.config.authScheme: needs type HEADER, a key and a value");
    authScheme = { type: "HEADER", key, value };
  }
  return {
    name,
    description: typeof body.description === "string" ? body.description : null,
    events: { type: "EVENT_TYPE", items: [...new Set(items as string[])], filter: null },
    channel: { type: "HTTP", version: "1.0.0", config: { uri: parsed.toString(), headers, authScheme } },
  };
}

export class OktaEventHooks {
  /** Every delivery made, oldest first (the last 500). */
  readonly deliveries: EventHookDelivery[] = [];
  private readonly held: EventHookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private holding = false;
  private duplicates = 0;
  private stopped = false;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly state: OktaState,
    private readonly origin: () => string,
    options: EventHookOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.unsubscribe = state.onLogEvent((e) => this.publish(e));
  }

  // ---------- the API (/api/v1/eventHooks) ----------

  list(): OktaEventHook[] {
    return this.state.eventHooks;
  }

  get(id: string): OktaEventHook {
    const hook = this.state.eventHooks.find((h) => h.id === id);
    if (!hook) throw notFound(id);
    return hook;
  }

  create(body: unknown, createdBy: string): OktaEventHook {
    const input = parseEventHookBody(body);
    if (this.state.eventHooks.length >= MAX_EVENT_HOOKS) throw validation(`You have reached the maximum of ${MAX_EVENT_HOOKS} event hooks`);
    const ts = this.state.clock().toISOString();
    const hook: OktaEventHook = {
      id: `who${randomBytes(12).toString("base64url").replace(/[-_]/g, "x").slice(0, 17)}`,
      status: "ACTIVE", verificationStatus: "UNVERIFIED", created: ts, createdBy, lastUpdated: ts, ...input,
    };
    this.state.eventHooks.push(hook);
    this.state.touch();
    return hook;
  }

  /** PUT: replaces name, events and channel; a changed URI or secret must be verified again. */
  replace(id: string, body: unknown): OktaEventHook {
    const hook = this.get(id);
    const input = parseEventHookBody(body);
    const before = JSON.stringify(hook.channel);
    Object.assign(hook, input, { lastUpdated: this.state.clock().toISOString() });
    if (JSON.stringify(hook.channel) !== before) hook.verificationStatus = "UNVERIFIED";
    this.state.touch();
    return hook;
  }

  setStatus(id: string, status: OktaEventHook["status"]): OktaEventHook {
    const hook = this.get(id);
    hook.status = status;
    hook.lastUpdated = this.state.clock().toISOString();
    this.state.touch();
    return hook;
  }

  remove(id: string): void {
    const hook = this.get(id);
    if (hook.status === "ACTIVE") throw validation("Cannot delete an ACTIVE event hook: deactivate it first");
    this.state.eventHooks.splice(this.state.eventHooks.indexOf(hook), 1);
    this.state.touch();
  }

  /**
   * The one-time verification: GET the URI with a challenge (and the configured headers), expecting
   * 200 {"verification": "<challenge>"} within 3 s; one retry; else 400 E0000001.
   */
  async verify(id: string): Promise<OktaEventHook> {
    const hook = this.get(id);
    const reasons: string[] = [];
    for (let attempt = 0; attempt < 2 && !this.stopped; attempt++) {
      const challenge = randomBytes(24).toString("base64url");
      const ac = this.abortable();
      try {
        const res = await fetch(hook.channel.config.uri, {
          method: "GET",
          headers: { ...this.hookHeaders(hook), Accept: "application/json", "X-Okta-Verification-Challenge": challenge },
          signal: ac.signal,
        });
        const text = await res.text();
        if (res.status !== 200) {
          reasons.push(`the endpoint answered ${res.status}`);
          continue;
        }
        let answer: unknown;
        try {
          answer = JSON.parse(text);
        } catch {
          answer = null;
        }
        if ((answer as { verification?: unknown } | null)?.verification === challenge) {
          hook.verificationStatus = "VERIFIED";
          hook.lastUpdated = this.state.clock().toISOString();
          this.state.touch();
          return hook;
        }
        reasons.push("the response did not echo the verification challenge");
      } catch (e) {
        reasons.push(ac.timedOut ? `no answer within ${this.timeoutMs} ms` : `the endpoint could not be reached (${(e as Error).message})`);
      } finally {
        ac.done();
      }
    }
    throw new EventHookApiError(400, "E0000001", "Unable to verify event hook", reasons.map((r) => `Verification of ${hook.channel.config.uri} failed: ${r}`));
  }

  /** The API shape: the secret (authScheme.value) is never returned. */
  json(hook: OktaEventHook) {
    const origin = this.origin();
    const self = `${origin}/api/v1/eventHooks/${hook.id}`;
    const { authScheme } = hook.channel.config;
    return {
      ...hook,
      channel: { ...hook.channel, config: { ...hook.channel.config, authScheme: authScheme ? { type: authScheme.type, key: authScheme.key } : null } },
      _links: {
        self: { href: self, hints: { allow: ["GET", "PUT", "DELETE"] } },
        verify: { href: `${self}/lifecycle/verify`, hints: { allow: ["POST"] } },
        ...(hook.status === "ACTIVE"
          ? { deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ["POST"] } } }
          : { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ["POST"] } } }),
      },
    };
  }

  // ---------- delivery ----------

  /** Deliveries waiting to be sent (hold() is on), plus those in flight. */
  get pending(): number {
    return this.held.length + this.inFlight.size;
  }

  /** From now on, deliveries wait until release() or flush(). */
  hold(): void {
    this.holding = true;
  }

  /** Stops holding and sends what was held. */
  release(): void {
    this.holding = false;
    this.sendHeld();
  }

  /** Sends what is held (holding stays as it was) and resolves when every delivery, retries included, is done. */
  async flush(): Promise<void> {
    this.sendHeld();
    await this.settled();
  }

  /** Resolves when every delivery in flight is done (held ones stay held). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** The next `times` deliveries are sent twice (Okta's at-least-once delivery). */
  duplicateNext(times = 1): void {
    this.duplicates += times;
  }

  /** Sends a delivery again, byte for byte (same eventId); returns the receiver's answer. */
  async redeliver(eventId: string): Promise<{ status: number; body: string }> {
    const record = this.deliveries.find((d) => d.eventId === eventId);
    if (!record) throw new Error(`No event hook delivery ${eventId}`);
    const res = await fetch(record.uri, { method: "POST", headers: record.headers, body: record.body, signal: AbortSignal.timeout(this.timeoutMs) });
    const body = await res.text();
    record.attempts.push({ status: res.status, error: null, at: new Date().toISOString() });
    return { status: res.status, body };
  }

  /** Deliveries that carried a System Log event of this type (newest last). */
  deliveriesOf(eventType: string): EventHookDelivery[] {
    return this.deliveries.filter((d) => d.eventTypes.includes(eventType));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.held.length = 0;
    for (const ac of this.aborts) ac.abort();
  }

  private publish(event: OktaLogEvent): void {
    if (this.stopped) return;
    for (const hook of this.state.eventHooks) {
      if (hook.status !== "ACTIVE" || hook.verificationStatus !== "VERIFIED" || !hook.events.items.includes(event.eventType)) continue;
      const eventId = randomUUID();
      const body = JSON.stringify({
        eventType: "com.okta.event_hook",
        eventTypeVersion: "1.0",
        cloudEventsVersion: "0.1",
        source: `${this.origin()}/api/v1/eventHooks/${hook.id}`,
        eventId,
        eventTime: this.state.clock().toISOString(),
        contentType: "application/json",
        data: { events: [event] },
      });
      const record: EventHookDelivery = {
        eventId, hookId: hook.id, uri: hook.channel.config.uri, body,
        headers: { ...this.hookHeaders(hook), "Content-Type": "application/json", Accept: "application/json" },
        eventUuids: [event.uuid], eventTypes: [event.eventType], attempts: [],
      };
      this.deliveries.push(record);
      if (this.deliveries.length > 500) this.deliveries.shift();
      if (this.holding) this.held.push(record);
      else this.send(record);
    }
  }

  private sendHeld(): void {
    for (const record of this.held.splice(0)) this.send(record);
  }

  private send(record: EventHookDelivery): void {
    const twice = this.duplicates > 0;
    if (twice) this.duplicates--;
    const run = async () => {
      await this.deliver(record);
      if (twice) await this.deliver(record);
    };
    const p = run().catch(() => undefined); // deliver() records failures; nothing may reject unobserved
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** One delivery with Okta's one retry after a timeout, a network error, 429 or 5xx. */
  private async deliver(record: EventHookDelivery): Promise<void> {
    for (let attempt = 0; attempt < 2 && !this.stopped; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.retryDelayMs).unref?.());
      if (this.stopped) return;
      const ac = this.abortable();
      try {
        const res = await fetch(record.uri, { method: "POST", headers: record.headers, body: record.body, signal: ac.signal });
        await res.arrayBuffer().catch(() => undefined);
        record.attempts.push({ status: res.status, error: null, at: new Date().toISOString() });
        if (res.status < 500 && res.status !== 429) return;
      } catch (e) {
        record.attempts.push({ status: null, error: ac.timedOut ? `no answer within ${this.timeoutMs} ms` : (e as Error).message, at: new Date().toISOString() });
      } finally {
        ac.done();
      }
    }
  }

  private hookHeaders(hook: OktaEventHook): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const h of hook.channel.config.headers) headers[h.key] = h.value;
    const auth = hook.channel.config.authScheme;
    if (auth) headers[auth.key] = auth.value;
    headers["User-Agent"] = "Okta-Integrations";
    return headers;
  }

  /** An abort signal that fires after timeoutMs or on stop(). */
  private abortable() {
    const ac = new AbortController();
    const handle = { signal: ac.signal, timedOut: false, done: () => { clearTimeout(timer); this.aborts.delete(ac); } };
    const timer = setTimeout(() => { handle.timedOut = true; ac.abort(); }, this.timeoutMs);
    timer.unref?.();
    this.aborts.add(ac);
    return handle;
  }
}

export interface EventHookRoute {
  method: string;
  template: string;
  run(params: string[], body: unknown, actorId: string): { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
}

/** Routes of /api/v1/eventHooks, registered on the sandbox's route table by server.ts. */
export function eventHookRoutes(hooks: OktaEventHooks): EventHookRoute[] {
  return [
    { method: "GET", template: "/api/v1/eventHooks", run: () => ({ status: 200, body: hooks.list().map((h) => hooks.json(h)) }) },
    {
      method: "POST", template: "/api/v1/eventHooks",
      run: (_p: string[], body: unknown, actorId: string) => ({ status: 200, body: hooks.json(hooks.create(body, actorId)) }),
    },
    { method: "GET", template: "/api/v1/eventHooks/{id}", run: ([id]: string[]) => ({ status: 200, body: hooks.json(hooks.get(id!)) }) },
    { method: "PUT", template: "/api/v1/eventHooks/{id}", run: ([id]: string[], body: unknown) => ({ status: 200, body: hooks.json(hooks.replace(id!, body)) }) },
    {
      method: "DELETE", template: "/api/v1/eventHooks/{id}",
      run: ([id]: string[]) => {
        hooks.remove(id!);
        return { status: 204, body: undefined };
      },
    },
    { method: "POST", template: "/api/v1/eventHooks/{id}/lifecycle/verify", run: async ([id]: string[]) => ({ status: 200, body: hooks.json(await hooks.verify(id!)) }) },
    { method: "POST", template: "/api/v1/eventHooks/{id}/lifecycle/activate", run: ([id]: string[]) => ({ status: 200, body: hooks.json(hooks.setStatus(id!, "ACTIVE")) }) },
    { method: "POST", template: "/api/v1/eventHooks/{id}/lifecycle/deactivate", run: ([id]: string[]) => ({ status: 200, body: hooks.json(hooks.setStatus(id!, "INACTIVE")) }) },
  ];
}
