// The Okta event hook trigger end to end: set up through the connector (the sandbox Okta verifies it against
// the real route handlers behind an HTTP server), then sandbox changes are delivered, deduplicated by event
// uuid, queued, and the job refreshes the person and hands them to the lifecycle. Forged, malformed, oversized
// or misaddressed deliveries change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { serveRoute } from "../../testing/route-server.ts";
import { startOktaSandbox, DEFAULT_OKTA_TOKEN } from "../../sandbox/okta/index.ts";
import { buildAcmeDirectory } from "../../demo/acme-directory.ts";
import { handleOktaEventDelivery, handleOktaVerification, MAX_OKTA_HOOK_BYTES } from "../../api/webhooks/okta-event-hook-http.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import { forTenant } from "../services.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { saveConnection } from "../connections/save-connection.ts";
import type { OktaConfig } from "../connections/connection-config.ts";
import { setUpOktaEventHook } from "./set-up-okta-event-hook.ts";
import { OKTA_EVENT_JOB } from "./jobs.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await startOktaSandbox({ state: buildAcmeDirectory(), token: DEFAULT_OKTA_TOKEN, eventHooks: { retryDelayMs: 20 } });
afterAll(() => okta.stop());
const driver = new LocalJobDriver(services, jobDefinitions);
const receiver = await serveRoute((req) => {
  const connectionId = decodeURIComponent(new URL(req.url).pathname.split("/").pop()!);
  return req.method === "GET" ? handleOktaVerification(services, req, connectionId) : handleOktaEventDelivery(services, req, connectionId);
});
const hookUrl = (connectionId: string) => `${receiver.url}/api/hooks/okta/${connectionId}`;

let t: Awaited<ReturnType<typeof syncedTenant>>;
let other: { tenantId: string; connectionId: string };

/** The secret Okta holds for the hook (Gatehouse never shows it). */
const oktaSecret = () => okta.state.eventHooks.find((h) => h.status === "ACTIVE")!.channel.config.authScheme!.value;
const person = (login: string) => t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: login } } });
const sandboxUser = (login: string) => okta.state.getUser(`${login}@acme.example`)!;
const counts = async () => ({
  deliveries: await db.prisma.webhookDelivery.count({ where: { source: "okta" } }),
  jobs: await db.prisma.job.count({ where: { name: OKTA_EVENT_JOB } }),
  audits: await db.prisma.auditEvent.count(),
});
const post = (connectionId: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(hookUrl(connectionId), { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
const delivery = (events: unknown[]) => ({
  eventType: "com.okta.event_hook", eventTypeVersion: "1.0", cloudEventsVersion: "0.1", source: `${okta.url}/api/v1/eventHooks/whoTest`,
  eventId: crypto.randomUUID(), eventTime: new Date().toISOString(), contentType: "application/json", data: { events },
});
const profileEvent = (userId: string, uuid = crypto.randomUUID()) => ({ uuid, eventType: "user.account.update_profile", published: new Date().toISOString(), target: [{ id: userId, type: "User", alternateId: "x", displayName: "x" }] });

/** Everything Okta sent has been answered, and every job it queued has run. */
async function settle() {
  await okta.eventHooks.flush();
  await driver.drain();
}

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  await driver.drain(); // the first sync's after-sync work: the lifecycle baseline
  const b = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex", name: "Globex", adminEmail: "admin@globex.example" });
  const bScope = forTenant(services, b.id, { type: "cli", label: "test" });
  const { connection } = await saveConnection(bScope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
  other = { tenantId: b.id, connectionId: connection.id };
}, 120_000);

describe("setting up the Okta event hook", () => {
  it("creates, verifies and activates the hook in Okta, seals the secret, records the hook and audits it", async () => {
    const result = await setUpOktaEventHook(t.scope, { connectionId: t.connectionId }, { publicBaseUrl: receiver.url });
    expect(result).toMatchObject({ uri: hookUrl(t.connectionId), status: "ACTIVE", verified: true, rotated: false });
    expect(result.events).toEqual(expect.arrayContaining(["user.account.update_profile", "user.lifecycle.deactivate", "user.lifecycle.suspend", "group.user_membership.add"]));
    const hooks = okta.state.eventHooks;
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: result.hookId, status: "ACTIVE", verificationStatus: "VERIFIED" });
    const connection = await db.prisma.connection.findUniqueOrThrow({ where: { id: t.connectionId } });
    expect(connection.webhookSecretCipher).not.toBeNull();
    expect(connection.webhookSecretCipher).not.toContain(oktaSecret());
    expect((connection.config as OktaConfig).eventHook).toMatchObject({ id: result.hookId, verified: true, status: "ACTIVE" });
    const audit = await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, subjectId: t.connectionId }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["connection.webhook-secret.created", "connection.event-hook.registered"]));
    expect(JSON.stringify(audit)).not.toContain(oktaSecret());
  });

  it("set up again: a new secret and hook, the old hook removed from Okta", async () => {
    const before = okta.state.eventHooks[0]!.id;
    const again = await setUpOktaEventHook(t.scope, { connectionId: t.connectionId }, { publicBaseUrl: receiver.url });
    expect(again.rotated).toBe(true);
    expect(okta.state.eventHooks.map((h) => h.id)).toEqual([again.hookId]);
    expect(again.hookId).not.toBe(before);
  });

  it("a hook Okta cannot verify is not left behind, and the failure is recorded", async () => {
    const err = await setUpOktaEventHook(forTenant(services, other.tenantId, { type: "cli", label: "test" }), { connectionId: other.connectionId }, { publicBaseUrl: "http://127.0.0.1:1" }).catch((e) => e);
    expect(String(err.message)).toMatch(/Okta event hook not set up: Okta could not verify the event hook/);
    expect(okta.state.eventHooks).toHaveLength(1);
    const config = (await db.prisma.connection.findUniqueOrThrow({ where: { id: other.connectionId } })).config as OktaConfig;
    expect(config.eventHook).toMatchObject({ status: "FAILED", verified: false, id: null });
  });

  it("refuses another tenant's connection and non-Okta connections", async () => {
    await expect(setUpOktaEventHook(t.scope, { connectionId: other.connectionId }, { publicBaseUrl: receiver.url })).rejects.toThrow(/not found/);
  });
});

describe("the hook endpoint", () => {
  it("answers the verification GET by echoing the challenge, with the right secret only", async () => {
    const get = (headers: Record<string, string>) => fetch(hookUrl(t.connectionId), { headers: { "User-Agent": "Okta-Integrations", ...headers } });
    const ok = await get({ Authorization: oktaSecret(), "X-Okta-Verification-Challenge": "abc123" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ verification: "abc123" });
    expect((await get({ Authorization: "wrong", "X-Okta-Verification-Challenge": "abc123" })).status).toBe(401);
    expect((await get({ "X-Okta-Verification-Challenge": "abc123" })).status).toBe(401);
    expect((await get({ Authorization: oktaSecret() })).status).toBe(400);
    expect((await fetch(hookUrl("no-such-connection"), { headers: { Authorization: oktaSecret(), "X-Okta-Verification-Challenge": "x" } })).status).toBe(404);
  });

  it("refuses a wrong or missing secret (401), an unknown or disabled connection (404), malformed (400) and oversized (413) bodies, writing nothing", async () => {
    const dana = sandboxUser("dana.lee");
    const good = delivery([profileEvent(dana.id)]);
    const before = await counts();
    expect((await post(t.connectionId, good, { Authorization: "not-the-secret" })).status).toBe(401);
    expect((await post(t.connectionId, good)).status).toBe(401);
    expect((await post(t.connectionId, good, { Authorization: `${oktaSecret()}x` })).status).toBe(401);
    // This tenant's secret does not open the other tenant's hook.
    expect((await post(other.connectionId, good, { Authorization: oktaSecret() })).status).toBe(401);
    expect((await post("c0nnection-that-does-not-exist", good, { Authorization: oktaSecret() })).status).toBe(404);
    await db.prisma.connection.update({ where: { id: t.connectionId }, data: { enabled: false } });
    expect((await post(t.connectionId, good, { Authorization: oktaSecret() })).status).toBe(404);
    await db.prisma.connection.update({ where: { id: t.connectionId }, data: { enabled: true } });
    expect((await post(t.connectionId, "{not json", { Authorization: oktaSecret() })).status).toBe(400);
    expect((await post(t.connectionId, { eventType: "something.else", data: { events: [] } }, { Authorization: oktaSecret() })).status).toBe(400);
    expect((await post(t.connectionId, { ...good, data: { events: [{ eventType: "user.account.update_profile" }] } }, { Authorization: oktaSecret() })).status).toBe(400);
    const huge = JSON.stringify({ ...good, padding: "x".repeat(MAX_OKTA_HOOK_BYTES) });
    expect((await post(t.connectionId, huge, { Authorization: oktaSecret() })).status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("answers 204 and queues one job per new event, ignoring events about nobody", async () => {
    const noah = sandboxUser("noah.patel");
    const before = await counts();
    const started = performance.now();
    const res = await post(t.connectionId, delivery([profileEvent(noah.id), { uuid: crypto.randomUUID(), eventType: "user.session.start", target: [] }]), { Authorization: oktaSecret() });
    expect(res.status).toBe(204);
    // No IdP call inline: a database round trip or two (generous bound for a loaded CI machine).
    expect(performance.now() - started).toBeLessThan(1000);
    expect(okta.stats.requests.filter((r) => r.at >= Date.now() - (performance.now() - started) - 5)).toHaveLength(0);
    const after = await counts();
    expect(after.deliveries - before.deliveries).toBe(2);
    expect(after.jobs - before.jobs).toBe(1);
    await driver.drain();
  });
});

describe("changes in Okta reach the lifecycle", () => {
  it("a department change in the sandbox → delivered → job → Person updated and a MOVER lifecycle event from the hook", async () => {
    const ava = sandboxUser("ava.nguyen");
    okta.state.updateUserProfile(ava.id, { department: "Data Platform", title: "Data Engineer" });
    expect(okta.state.logs.at(-1)!.eventType).toBe("user.account.update_profile");
    await settle();
    const p = await person("ava.nguyen");
    expect(p).toMatchObject({ department: "Data Platform", title: "Data Engineer" });
    const events = await t.scope.tdb.lifecycleEvent.findMany({ where: { personId: p.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "MOVER", source: "hook" });
    expect(events[0]!.changes).toMatchObject({ department: ["Engineering", "Data Platform"] });
    const refreshed = await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "directory.person.refreshed", subjectId: p.id } });
    expect(refreshed.at(-1)!.data).toMatchObject({ source: "okta-event-hook", eventType: "user.account.update_profile", updated: true });
  });

  it("the same event delivered twice (and redelivered later) acts once: one job, one person update, one lifecycle event", async () => {
    const mateo = sandboxUser("mateo.garcia");
    okta.eventHooks.duplicateNext();
    okta.state.updateUserProfile(mateo.id, { department: "Platform" });
    const uuid = okta.state.logs.at(-1)!.uuid;
    await okta.eventHooks.flush();
    const { eventId } = okta.eventHooks.deliveries.at(-1)!;
    expect((await okta.eventHooks.redeliver(eventId)).status).toBe(204);
    await driver.drain();
    expect(okta.eventHooks.deliveries.at(-1)!.attempts.filter((a) => a.status === 204)).toHaveLength(3);
    expect(await db.prisma.job.count({ where: { name: OKTA_EVENT_JOB, idempotencyKey: { endsWith: uuid } } })).toBe(1);
    expect(await db.prisma.webhookDelivery.count({ where: { source: "okta", deliveryId: uuid } })).toBe(1);
    const p = await person("mateo.garcia");
    expect(p.department).toBe("Platform");
    const refreshed = await db.prisma.auditEvent.findMany({ where: { action: "directory.person.refreshed", subjectId: p.id } });
    expect(refreshed.filter((a) => (a.data as { eventUuid?: string }).eventUuid === uuid)).toHaveLength(1);
    expect(await t.scope.tdb.lifecycleEvent.count({ where: { personId: p.id } })).toBe(1);
  });

  it("a suspension and a deactivation in Okta are delivered and make leavers", async () => {
    const chloe = sandboxUser("chloe.dubois");
    const hana = sandboxUser("hana.sato");
    okta.state.setStatus(chloe.id, "SUSPENDED");
    expect(okta.state.logs.at(-1)!.eventType).toBe("user.lifecycle.suspend");
    okta.state.setStatus(hana.id, "DEPROVISIONED");
    expect(okta.state.logs.at(-1)!.eventType).toBe("user.lifecycle.deactivate");
    await settle();
    expect((await person("chloe.dubois")).status).toBe("SUSPENDED");
    expect((await person("hana.sato")).status).toBe("DEPROVISIONED");
    const kinds = await t.scope.tdb.lifecycleEvent.findMany({ where: { personId: { in: [(await person("chloe.dubois")).id, (await person("hana.sato")).id] } }, select: { kind: true, source: true } });
    expect(kinds).toEqual([{ kind: "LEAVER", source: "hook" }, { kind: "LEAVER", source: "hook" }]);
  });

  it("a membership change is stored as Okta reports it (read back), with the group's count", async () => {
    const ethan = sandboxUser("ethan.brooks");
    const group = [...okta.state.groups.values()].find((g) => g.profile.name === "figma-editors")!;
    const stored = await t.scope.tdb.group.findFirstOrThrow({ where: { externalId: group.id } });
    okta.state.addMembership(group.id, ethan.id);
    await settle();
    const p = await person("ethan.brooks");
    expect(await t.scope.tdb.membership.findUnique({ where: { groupId_personId: { groupId: stored.id, personId: p.id } } })).not.toBeNull();
    expect((await t.scope.tdb.group.findUniqueOrThrow({ where: { id: stored.id } })).memberCount).toBe(stored.memberCount + 1);
    okta.state.removeMembership(group.id, ethan.id);
    await settle();
    expect(await t.scope.tdb.membership.findUnique({ where: { groupId_personId: { groupId: stored.id, personId: p.id } } })).toBeNull();
    expect((await t.scope.tdb.group.findUniqueOrThrow({ where: { id: stored.id } })).memberCount).toBe(stored.memberCount);
  });

  it("a new user in Okta becomes a person, with the manager resolved", async () => {
    const sam = sandboxUser("sam.rivera");
    okta.state.addUser({ login: "nina.hook@acme.example", firstName: "Nina", lastName: "Hook", department: "Engineering", title: "Software Engineer", city: "Remote", manager: "sam.rivera@acme.example", managerId: sam.id });
    await settle();
    const nina = await person("nina.hook");
    expect(nina).toMatchObject({ department: "Engineering", managerId: (await person("sam.rivera")).id, status: "ACTIVE" });
  });

  it("Okta answering 500 or 429 to getUser makes the job retry later; it then succeeds", async () => {
    const zoe = sandboxUser("zoe.martin");
    okta.eventHooks.hold();
    okta.state.updateUserProfile(zoe.id, { title: "Design Engineer" });
    await okta.eventHooks.flush();
    okta.eventHooks.release();
    okta.faults.inject({ status: 500, times: 3, match: (m, path) => m === "GET" && path === `/api/v1/users/${zoe.id}` });
    await driver.drain();
    const job = await db.prisma.job.findFirstOrThrow({ where: { name: OKTA_EVENT_JOB, payload: { path: ["userExternalId"], equals: zoe.id } }, orderBy: { createdAt: "desc" } });
    expect(job).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(job.lastError).toMatch(/unavailable \(500/);
    expect((await person("zoe.martin")).title).not.toBe("Design Engineer");

    okta.faults.inject({ status: 429, times: 3, match: (m, path) => m === "GET" && path === `/api/v1/users/${zoe.id}` });
    services.clock.advance(60_000);
    await driver.drain();
    const again = await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(again).toMatchObject({ status: "QUEUED", attempts: 2 });
    expect(again.lastError).toMatch(/rate limit/);

    services.clock.advance(10 * 60_000);
    await driver.drain();
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("SUCCEEDED");
    expect((await person("zoe.martin")).title).toBe("Design Engineer");
  });
});

describe("wiring", () => {
  it("the Next.js route's GET and POST exports answer through the app's runtime", async () => {
    globalThis.__gatehouseRuntime = Promise.resolve({ services } as never);
    const route = await import("../../../app/api/hooks/okta/[connectionId]/route.ts");
    const params = { params: Promise.resolve({ connectionId: t.connectionId }) };
    const get = await route.GET(new Request(hookUrl(t.connectionId), { headers: { Authorization: oktaSecret(), "X-Okta-Verification-Challenge": "via-route" } }), params);
    expect(await get.json()).toEqual({ verification: "via-route" });
    const before = await counts();
    const refused = await route.POST(new Request(hookUrl(t.connectionId), { method: "POST", headers: { Authorization: "forged" }, body: JSON.stringify(delivery([profileEvent(sandboxUser("dana.lee").id)])) }), params);
    expect(refused.status).toBe(401);
    expect(await counts()).toEqual(before);
    const accepted = await route.POST(new Request(hookUrl(t.connectionId), { method: "POST", headers: { Authorization: oktaSecret() }, body: JSON.stringify(delivery([profileEvent(sandboxUser("dana.lee").id)])) }), params);
    expect(accepted.status).toBe(204);
    await driver.drain();
  });

  it("the demo start keeps a live hook at its address, and sets it up again when it is not", async () => {
    const { connectDemoOktaEventHook } = await import("../../demo/demo-okta-event-hook.ts");
    expect(await connectDemoOktaEventHook(services, okta, receiver.url)).toEqual({ registered: false });
    okta.eventHooks.setStatus(okta.state.eventHooks[0]!.id, "INACTIVE");
    const again = await connectDemoOktaEventHook(services, okta, receiver.url);
    expect(again).toMatchObject({ registered: true });
    expect(okta.state.eventHooks.map((h) => [h.id, h.status, h.verificationStatus])).toEqual([[again.hookId, "ACTIVE", "VERIFIED"]]);
  });
});
