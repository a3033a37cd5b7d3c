// The sandbox Okta's event hooks over real HTTP, registered through the real SDK: verification handshake
// (challenge echoed, one retry, 400 E0000001 otherwise), delivery of System Log events to ACTIVE + VERIFIED
// hooks in Okta's body shape, and the test controls (hold/flush, duplicateNext, redeliver).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OktaState, startOktaSandbox, type OktaSandbox } from "./index.ts";

interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver whose answers the test chooses; it records every request. */
async function receiver() {
  const received: Received[] = [];
  let answer: (r: Received, res: http.ServerResponse) => void = (r, res) => {
    if (r.method === "GET") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ verification: r.headers["x-okta-verification-challenge"] }));
    } else {
      res.writeHead(204);
      res.end();
    }
  };
  const defaultAnswer = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method ?? "GET", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    reset() {
      received.length = 0;
      answer = defaultAnswer;
    },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

let sb: OktaSandbox;
let client: Client;
let rx: Awaited<ReturnType<typeof receiver>>;
const SECRET = "s3cret-shared-header-value";
const EVENTS = ["user.lifecycle.create", "user.lifecycle.deactivate", "user.lifecycle.suspend", "group.user_membership.add", "group.user_membership.remove", "user.account.update_profile"];

const hookBody = (uri: string, events = EVENTS) => ({
  name: "Gatehouse",
  events: { type: "EVENT_TYPE", items: events },
  channel: { type: "HTTP", version: "1.0.0", config: { uri, headers: [{ key: "X-Gatehouse-Tenant", value: "acme" }], authScheme: { type: "HEADER", key: "Authorization", value: SECRET } } },
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { Authorization: `SSWS ${sb.token}`, Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** A registered, verified, active hook pointing at the receiver. */
async function verifiedHook(events = EVENTS) {
  const created = await client.eventHookApi.createEventHook({ eventHook: hookBody(rx.url, events) as never });
  await client.eventHookApi.verifyEventHook({ eventHookId: created.id! });
  rx.reset();
  return created.id!;
}

beforeAll(async () => {
  sb = await startOktaSandbox({ eventHooks: { timeoutMs: 300, retryDelayMs: 10 } });
  client = new Client({ orgUrl: sb.url, token: sb.token, cacheMiddleware: null } as never);
  rx = await receiver();
});
afterAll(async () => {
  await sb.stop();
  await rx.close();
});
beforeEach(async () => {
  // Each test starts with no hooks (deactivate, then delete, as Okta requires).
  for (const h of [...sb.eventHooks.list()]) {
    sb.eventHooks.setStatus(h.id, "INACTIVE");
    sb.eventHooks.remove(h.id);
  }
  sb.eventHooks.release();
  await sb.eventHooks.flush();
  rx.reset();
});

describe("sandbox Okta event hooks: registration", () => {
  it("creates an ACTIVE, UNVERIFIED hook through the SDK; lists and reads it; never returns the secret", async () => {
    const created = await client.eventHookApi.createEventHook({ eventHook: hookBody(rx.url) as never });
    expect(created.id).toMatch(/^who/);
    expect(created.status).toBe("ACTIVE");
    expect(created.verificationStatus).toBe("UNVERIFIED");
    expect(created.events.items).toEqual(EVENTS);
    expect(created.channel.config.uri).toBe(rx.url);
    expect(created.channel.config.authScheme).toMatchObject({ type: "HEADER", key: "Authorization" });
    const listed = await api("GET", "/api/v1/eventHooks");
    expect(listed.status).toBe(200);
    expect(listed.json.map((h: { id: string }) => h.id)).toEqual([created.id]);
    expect(JSON.stringify(listed.json)).not.toContain(SECRET);
    const one = await api("GET", `/api/v1/eventHooks/${created.id}`);
    expect(one.json._links.verify.href).toBe(`${sb.url}/api/v1/eventHooks/${created.id}/lifecycle/verify`);
    expect(JSON.stringify(one.json)).not.toContain(SECRET);
  });

  it("refuses malformed registrations with 400 E0000001, unknown ids with 404, and deleting an ACTIVE hook", async () => {
    const noName = await api("POST", "/api/v1/eventHooks", { ...hookBody(rx.url), name: "" });
    expect(noName.status).toBe(400);
    expect(noName.json.errorCode).toBe("E0000001");
    expect((await api("POST", "/api/v1/eventHooks", hookBody("not a url"))).status).toBe(400);
    expect((await api("POST", "/api/v1/eventHooks", { ...hookBody(rx.url), events: { type: "EVENT_TYPE", items: [] } })).status).toBe(400);
    expect((await api("POST", "/api/v1/eventHooks", "{not json")).status).toBe(400);
    expect((await api("GET", "/api/v1/eventHooks/who0000000000000000")).json.errorCode).toBe("E0000007");
    const created = await api("POST", "/api/v1/eventHooks", hookBody(rx.url));
    expect((await api("DELETE", `/api/v1/eventHooks/${created.json.id}`)).status).toBe(400);
    expect((await api("POST", `/api/v1/eventHooks/${created.json.id}/lifecycle/deactivate`)).json.status).toBe("INACTIVE");
    expect((await api("DELETE", `/api/v1/eventHooks/${created.json.id}`)).status).toBe(204);
    expect((await api("GET", `/api/v1/eventHooks/${created.json.id}`)).status).toBe(404);
  });

  it("requires the API token", async () => {
    const res = await fetch(`${sb.url}/api/v1/eventHooks`, { headers: { Authorization: "SSWS wrong" } });
    expect(res.status).toBe(401);
  });

  it("keeps hooks in the persisted state", async () => {
    const id = await verifiedHook();
    const copy = OktaState.fromJSON(JSON.parse(JSON.stringify(sb.state.toJSON())));
    expect(copy.eventHooks.map((h) => [h.id, h.verificationStatus])).toEqual([[id, "VERIFIED"]]);
  });
});

describe("sandbox Okta event hooks: verification", () => {
  it("sends GET with the challenge, the Authorization secret, custom headers and User-Agent Okta-Integrations; an echo verifies", async () => {
    const created = await client.eventHookApi.createEventHook({ eventHook: hookBody(rx.url) as never });
    rx.reset();
    const verified = await client.eventHookApi.verifyEventHook({ eventHookId: created.id! });
    expect(verified.verificationStatus).toBe("VERIFIED");
    expect(rx.received).toHaveLength(1);
    const [get] = rx.received;
    expect(get!.method).toBe("GET");
    expect(get!.headers["x-okta-verification-challenge"]).toMatch(/\S{16,}/);
    expect(get!.headers.authorization).toBe(SECRET);
    expect(get!.headers["x-gatehouse-tenant"]).toBe("acme");
    expect(get!.headers["user-agent"]).toBe("Okta-Integrations");
  });

  it("fails with 400 E0000001 'Unable to verify event hook' after one retry when the challenge is not echoed", async () => {
    const created = await api("POST", "/api/v1/eventHooks", hookBody(rx.url));
    rx.reset();
    rx.answerWith((_r, res) => { res.writeHead(200, { "Content-Type": "application/json" }); res.end(JSON.stringify({ verification: "wrong" })); });
    const res = await api("POST", `/api/v1/eventHooks/${created.json.id}/lifecycle/verify`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: "E0000001", errorSummary: "Unable to verify event hook" });
    expect(rx.received).toHaveLength(2);
    expect((await api("GET", `/api/v1/eventHooks/${created.json.id}`)).json.verificationStatus).toBe("UNVERIFIED");
  });

  it("fails when the endpoint answers 401 or does not answer in time (the SDK sees a 400)", async () => {
    const created = await client.eventHookApi.createEventHook({ eventHook: hookBody(rx.url) as never });
    rx.answerWith((_r, res) => { res.writeHead(401); res.end(); });
    await expect(client.eventHookApi.verifyEventHook({ eventHookId: created.id! })).rejects.toMatchObject({ status: 400, errorCode: "E0000001" });
    rx.reset();
    rx.answerWith(() => { /* never answers: the sandbox times out (300 ms here, 3 s in Okta) */ });
    const res = await api("POST", `/api/v1/eventHooks/${created.id}/lifecycle/verify`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.errorCauses)).toMatch(/no answer within 300 ms/);
    expect(rx.received).toHaveLength(2);
  });
});

describe("sandbox Okta event hooks: delivery", () => {
  it("delivers a profile update in Okta's body shape with the Authorization secret", async () => {
    const hookId = await verifiedHook();
    const u = sb.state.addUser({ login: "pat.delivery@acme.example", department: "Sales" }, { log: false });
    const event = sb.state.updateUserProfile(u.id, { department: "Marketing" }) && sb.state.logs.at(-1)!;
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(1);
    const post = rx.received[0]!;
    expect(post.method).toBe("POST");
    expect(post.headers.authorization).toBe(SECRET);
    expect(post.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(post.body);
    expect(body).toMatchObject({
      eventType: "com.okta.event_hook", eventTypeVersion: "1.0", cloudEventsVersion: "0.1", contentType: "application/json",
      source: `${sb.url}/api/v1/eventHooks/${hookId}`,
    });
    expect(body.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(body.eventTime)).not.toBeNaN();
    expect(body.data.events).toHaveLength(1);
    expect(body.data.events[0]).toMatchObject({ uuid: event.uuid, eventType: "user.account.update_profile", target: [{ id: u.id, type: "User" }] });
  });

  it("sends create, suspend, deactivate and membership events (User + UserGroup targets), and only subscribed types", async () => {
    await verifiedHook();
    const g = sb.state.addGroup({ name: "hook-group" }, { log: false });
    const u = sb.state.addUser({ login: "lee.lifecycle@acme.example" });
    await api("PUT", `/api/v1/groups/${g.id}/users/${u.id}`);
    await api("POST", `/api/v1/users/${u.id}/lifecycle/suspend`);
    sb.state.setStatus(u.id, "DEPROVISIONED");
    sb.state.recordLogin(u.id); // user.session.start: not subscribed
    await sb.eventHooks.flush();
    const events = rx.received.map((r) => JSON.parse(r.body).data.events[0]);
    expect(events.map((e) => e.eventType)).toEqual(["user.lifecycle.create", "group.user_membership.add", "user.lifecycle.suspend", "user.lifecycle.deactivate"]);
    expect(events[1].target.map((t: { type: string }) => t.type)).toEqual(["User", "UserGroup"]);
  });

  it("does not deliver to UNVERIFIED or INACTIVE hooks", async () => {
    const created = await api("POST", "/api/v1/eventHooks", hookBody(rx.url));
    const u = sb.state.addUser({ login: "una.verified@acme.example" });
    const hookId = await verifiedHook();
    await api("POST", `/api/v1/eventHooks/${hookId}/lifecycle/deactivate`);
    sb.state.updateUserProfile(u.id, { title: "Nobody hears" });
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(0);
    expect(created.json.verificationStatus).toBe("UNVERIFIED");
  });

  it("holds deliveries until flush(), duplicates on request, and redelivers an eventId byte for byte", async () => {
    await verifiedHook();
    const u = sb.state.addUser({ login: "hold.me@acme.example" }, { log: false });
    sb.eventHooks.hold();
    sb.state.updateUserProfile(u.id, { title: "One" });
    await sb.eventHooks.settled();
    expect(rx.received).toHaveLength(0);
    expect(sb.eventHooks.pending).toBe(1);
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(1);
    sb.eventHooks.release();

    sb.eventHooks.duplicateNext();
    sb.state.updateUserProfile(u.id, { title: "Two" });
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(3);
    expect(rx.received[1]!.body).toBe(rx.received[2]!.body);

    const { eventId } = sb.eventHooks.deliveriesOf("user.account.update_profile").at(-1)!;
    expect(await sb.eventHooks.redeliver(eventId)).toMatchObject({ status: 204 });
    expect(rx.received[3]!.body).toBe(rx.received[2]!.body);
  });

  it("retries a delivery once after a 500 or no answer, then gives up", async () => {
    await verifiedHook();
    const u = sb.state.addUser({ login: "retry.me@acme.example" }, { log: false });
    let calls = 0;
    rx.answerWith((_r, res) => { calls++; res.writeHead(calls === 1 ? 500 : 204); res.end(); });
    sb.state.updateUserProfile(u.id, { title: "Retried" });
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(2);
    expect(sb.eventHooks.deliveries.at(-1)!.attempts.map((a) => a.status)).toEqual([500, 204]);

    rx.reset();
    rx.answerWith(() => { /* never answers */ });
    sb.state.updateUserProfile(u.id, { title: "Lost" });
    await sb.eventHooks.flush();
    expect(rx.received).toHaveLength(2);
    expect(sb.eventHooks.deliveries.at(-1)!.attempts.map((a) => a.error)).toEqual(["no answer within 300 ms", "no answer within 300 ms"]);
  });

  it("a receiver that is down costs nothing but a recorded failure", async () => {
    const created = await client.eventHookApi.createEventHook({ eventHook: hookBody(rx.url) as never });
    await client.eventHookApi.verifyEventHook({ eventHookId: created.id! });
    await client.eventHookApi.replaceEventHook({ eventHookId: created.id!, eventHook: hookBody("http://127.0.0.1:1/hook") as never });
    // A changed URI must be verified again: no delivery until then.
    expect((await api("GET", `/api/v1/eventHooks/${created.id}`)).json.verificationStatus).toBe("UNVERIFIED");
    sb.state.eventHooks[0]!.verificationStatus = "VERIFIED";
    const u = sb.state.addUser({ login: "down.under@acme.example" }, { log: false });
    sb.state.updateUserProfile(u.id, { title: "Unreachable" });
    await sb.eventHooks.flush();
    expect(sb.eventHooks.deliveries.at(-1)!.attempts).toHaveLength(2);
    expect(sb.eventHooks.deliveries.at(-1)!.attempts.every((a) => a.status === null && a.error)).toBe(true);
  });
});

describe("sandbox Okta: profile updates over HTTP (Okta's updateUser)", () => {
  it("POST /api/v1/users/{id} merges the profile, logs user.account.update_profile and delivers it", async () => {
    await verifiedHook();
    const u = sb.state.addUser({ login: "upd.http@acme.example", department: "Sales", title: "AE" }, { log: false });
    const updated = await client.userApi.updateUser({ userId: u.id, user: { profile: { department: "Marketing" } } as never });
    expect(updated.profile).toMatchObject({ department: "Marketing", title: "AE", login: "upd.http@acme.example" });
    await sb.eventHooks.flush();
    expect(rx.received.map((r) => JSON.parse(r.body).data.events[0].eventType)).toEqual(["user.account.update_profile"]);
    expect((await api("POST", `/api/v1/users/${u.id}`, { nope: 1 })).status).toBe(400);
    expect((await api("POST", "/api/v1/users/00unknown0000000000", { profile: {} })).status).toBe(404);
  });
});
