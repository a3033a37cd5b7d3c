// Time-bound access that always ends: expiry timers, the sweep, give-back, extension, revocation,
// warnings and an IdP that fails at the moment of removal. Real PGlite/PostgreSQL, the real Okta SDK
// against the sandbox Okta, the sandbox Jira, the local job driver, and a clock the test moves.
import { describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { adfToText } from "../../sandbox/jira/index.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { reconcileGrants } from "./reconcile-grants.ts";
import { giveBackGrant } from "./give-back-grant.ts";
import { revokeGrant } from "./revoke-grant.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant } from "../services.ts";
import type { DomainError } from "../errors.ts";

const HOUR = 60 * 60_000;
const { db, services, okta, jira, driver, t, p, g } = await requestLoopWorld();

let n = 0;
/** A role on figma-editors (or another group) approved by the app owner, Liam. */
async function role(group = "figma-editors", extra: { privileged?: boolean } = {}) {
  const app = await saveApp(t.scope, { name: `Ends ${++n}`, riskLevel: "HIGH", ownerPersonIds: [p["liam.okafor"]!.id] });
  return saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [g[group]!.id], steps: [{ kind: "APP_OWNER" }], ...extra });
}
/** Request → approve → provisioned; returns the active grant. */
async function granted(roleId: string, who: string, durationMinutes?: number) {
  const req = await requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Needed for the Q4 launch work", durationMinutes, source: "web" });
  await decideApproval(t.scope, { requestId: req.id, deciderPersonId: p["liam.okafor"]!.id, decision: "APPROVE", channel: "web" });
  await driver.drain();
  const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
  expect(grant.status).toBe("ACTIVE");
  return grant;
}
const grantOf = (id: string) => db.prisma.grant.findUniqueOrThrow({ where: { id }, include: { actions: true } });
const inOkta = (group: string, who: string) => okta.state.isMember(g[group]!.externalId, p[who]!.externalId);
const auditFor = async (grantId: string) => (await db.prisma.auditEvent.findMany({ where: { subjectId: grantId }, orderBy: { seq: "asc" } })).map((e) => e.action);
const timerFor = (grantId: string) => db.prisma.job.findMany({ where: { name: "grant.expire", idempotencyKey: { startsWith: `expire:${grantId}:` }, status: "QUEUED" } });
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
async function advance(ms: number) {
  services.clock.advance(ms);
  await driver.drain();
}

describe("expiry", () => {
  it.each([[60, "1 hour"], [360, "6 hours"], [1440, "1 day"]])("removes a %i-minute grant at its expiry, reads it back and records it everywhere", async (minutes) => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee", minutes);
    expect(grant.expiresAt!.getTime() - grant.activatedAt!.getTime()).toBe(minutes * 60_000);
    expect(await timerFor(grant.id)).toHaveLength(1);
    expect(inOkta("figma-editors", "dana.lee")).toBe(true);

    await advance(minutes * 60_000 - 60_000);
    await reconcileGrants(services);
    expect((await grantOf(grant.id)).status).toBe("ACTIVE");
    expect(inOkta("figma-editors", "dana.lee")).toBe(true);

    await advance(60_000);
    const ended = await grantOf(grant.id);
    expect(ended.status).toBe("ENDED");
    expect(ended.endReason).toBe("expired");
    const removal = ended.actions.find((a) => a.kind === "REMOVE_MEMBER")!;
    expect(removal.status).toBe("SUCCEEDED");
    expect(removal.readBack).toMatchObject({ isMember: false });
    expect(inOkta("figma-editors", "dana.lee")).toBe(false);
    expect(await db.prisma.membership.findFirst({ where: { groupId: g["figma-editors"]!.id, personId: p["dana.lee"]!.id } })).toBeNull();
    expect(await auditFor(grant.id)).toEqual(["grant.created", "grant.activated", "grant.ending", "grant.ended"]);

    const request = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: grant.requestId! } });
    const issue = jira.getIssue(request.jiraIssueKey!)!;
    expect(issue.status).toBe("Access removed");
    expect(jira.comments(request.jiraIssueKey!).map((c) => adfToText(c.body)).join("\n")).toMatch(/Access removed: Dana Lee no longer has/);
    const notices = await db.prisma.notification.findMany({ where: { grantId: grant.id }, orderBy: { createdAt: "asc" } });
    expect(notices.map((x) => x.kind)).toEqual(["grant.expiring", "grant.ended"]);
  });

  it("gives back early: access removed now, the timer cancelled, nothing happens at the old expiry", async () => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee", 360);
    await giveBackGrant(forTenant(services, t.tenantId, { type: "user", label: "Dana Lee" }), { grantId: grant.id, holderPersonId: p["dana.lee"]!.id });
    expect(await timerFor(grant.id)).toHaveLength(0);
    await driver.drain();
    expect((await grantOf(grant.id)).status).toBe("ENDED");
    expect((await grantOf(grant.id)).endReason).toBe("given_back");
    expect(inOkta("figma-editors", "dana.lee")).toBe(false);
    const events = await auditFor(grant.id);
    await advance(7 * HOUR);
    expect(await auditFor(grant.id)).toEqual(events);
    // Someone else's grant is not yours to give back.
    const other = await granted(r.id, "ava.nguyen", 60);
    const e = await refusal(giveBackGrant(t.scope, { grantId: other.id, holderPersonId: p["dana.lee"]!.id }));
    expect(e.code).toBe("NOT_FOUND");
  });

  it("extends before expiry without a gap: the expiry moves, the old timer never fires", async () => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee", 60);
    await advance(50 * 60_000);
    const ext = await requestAccess(t.scope, { roleId: r.id, requesterPersonId: p["dana.lee"]!.id, reason: "Launch slipped by a few hours", durationMinutes: 360, extendsGrantId: grant.id, source: "web" });
    expect(ext.extendsGrantId).toBe(grant.id);
    await decideApproval(t.scope, { requestId: ext.id, deciderPersonId: p["liam.okafor"]!.id, decision: "APPROVE", channel: "web" });
    const moved = await grantOf(grant.id);
    expect(moved.expiresAt!.getTime()).toBe(grant.expiresAt!.getTime() + 360 * 60_000);
    expect(await timerFor(grant.id)).toHaveLength(1);
    await advance(20 * 60_000); // past the old expiry
    expect((await grantOf(grant.id)).status).toBe("ACTIVE");
    expect(inOkta("figma-editors", "dana.lee")).toBe(true);
    expect((await db.prisma.identityAction.count({ where: { grantId: grant.id, kind: "REMOVE_MEMBER" } }))).toBe(0);
    await advance(6 * HOUR);
    expect((await grantOf(grant.id)).status).toBe("ENDED");
    expect(inOkta("figma-editors", "dana.lee")).toBe(false);
  });

  it("refuses to extend what is not active or does not expire", async () => {
    const r = await role();
    const forever = await granted(r.id, "ava.nguyen");
    const e = await refusal(requestAccess(t.scope, { roleId: r.id, requesterPersonId: p["ava.nguyen"]!.id, reason: "Keep it a while longer", durationMinutes: 60, extendsGrantId: forever.id, source: "web" }));
    expect(e.message).toMatch(/does not expire/);
    const other = await role();
    const wrong = await refusal(requestAccess(t.scope, { roleId: other.id, requesterPersonId: p["ava.nguyen"]!.id, reason: "Keep it a while longer", durationMinutes: 60, extendsGrantId: forever.id, source: "web" }));
    expect(wrong.code).toBe("CONFLICT");
  });

  it("never re-grants through an extension whose access ended while it waited", async () => {
    const r = await role("zendesk-admins");
    const grant = await granted(r.id, "dana.lee", 60);
    const ext = await requestAccess(t.scope, { roleId: r.id, requesterPersonId: p["dana.lee"]!.id, reason: "The review slipped by a day", durationMinutes: 60, extendsGrantId: grant.id, source: "web" });
    await giveBackGrant(t.scope, { grantId: grant.id, holderPersonId: p["dana.lee"]!.id });
    await driver.drain();
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: ext.id } })).status).toBe("CANCELLED");
    const e = await refusal(decideApproval(t.scope, { requestId: ext.id, deciderPersonId: p["liam.okafor"]!.id, decision: "APPROVE", channel: "web" }));
    expect(e.code).toBe("CONFLICT");
    expect(await db.prisma.grant.count({ where: { roleId: r.id, status: { in: ["PENDING", "ACTIVE"] } } })).toBe(0);
    expect(inOkta("zendesk-admins", "dana.lee")).toBe(false);
  });

  it("removes what expired while the app was down, at the next start (the sweep)", async () => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee", 60);
    // The app is down across the expiry and its timer is lost with it.
    await db.prisma.job.deleteMany({ where: { name: "grant.expire" } });
    services.clock.advance(3 * HOUR);
    expect((await grantOf(grant.id)).status).toBe("ACTIVE");
    await reconcileGrants(services);
    await driver.drain();
    expect((await grantOf(grant.id)).status).toBe("ENDED");
    expect(inOkta("figma-editors", "dana.lee")).toBe(false);
  });

  it("retries an IdP that fails at expiry until the access is removed, never forgetting it", async () => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee", 60);
    okta.faults.inject({ status: 500, times: Infinity, match: (m, path) => m === "DELETE" && path.includes("/users/") });
    await advance(HOUR);
    let now = await grantOf(grant.id);
    expect(now.status).toBe("ENDING");
    expect(now.actions.find((a) => a.kind === "REMOVE_MEMBER")!.lastError).toBeTruthy();
    expect(inOkta("figma-editors", "dana.lee")).toBe(true);
    await advance(5 * 60_000);
    expect((await grantOf(grant.id)).status).toBe("ENDING");
    // The job layer gives up after its retries (as if hours had passed): the sweep never does.
    await db.prisma.job.deleteMany({ where: { name: { in: ["grant.expire", "grant.deprovision"] } } });
    await reconcileGrants(services);
    expect(await db.prisma.job.count({ where: { name: "grant.deprovision", status: "QUEUED" } })).toBeGreaterThan(0);
    okta.faults.clear();
    okta.faults.inject({ status: 429, times: 1, match: (m) => m === "DELETE" });
    await advance(60_000);
    await reconcileGrants(services);
    await driver.drain();
    await advance(60_000);
    now = await grantOf(grant.id);
    expect(now.status).toBe("ENDED");
    expect(inOkta("figma-editors", "dana.lee")).toBe(false);
  });

  it("a directory sync after expiry does not bring the access back, even from a listing made before the removal", async () => {
    const r = await role("hubspot-users");
    const grant = await granted(r.id, "dana.lee", 60);
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    await db.prisma.syncRun.update({ where: { id: run.id }, data: { startedAt: services.clock.now() } });
    await advance(HOUR);
    expect((await grantOf(grant.id)).status).toBe("ENDED");
    // The sync's member listing predates the removal: simulate it by the IdP still answering with the member.
    okta.state.addMembership(g["hubspot-users"]!.externalId, p["dana.lee"]!.externalId);
    await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
    expect(await db.prisma.membership.findFirst({ where: { groupId: g["hubspot-users"]!.id, personId: p["dana.lee"]!.id } })).toBeNull();
    okta.state.removeMembership(g["hubspot-users"]!.externalId, p["dana.lee"]!.externalId);
  });

  it("keeps a group another live grant still gives", async () => {
    const a = await role("datadog-users");
    const b = await role("datadog-users");
    const short = await granted(a.id, "ava.nguyen", 60);
    await granted(b.id, "ava.nguyen");
    await advance(HOUR);
    const ended = await grantOf(short.id);
    expect(ended.status).toBe("ENDED");
    expect(ended.actions.find((x) => x.kind === "REMOVE_MEMBER")!.readBack).toMatchObject({ kept: true });
    expect(inOkta("datadog-users", "ava.nguyen")).toBe(true);
  });
});

describe("warnings", () => {
  it("warns a day ahead for day-long grants and 15 minutes ahead for shorter ones, once", async () => {
    const r = await role();
    const day = await granted(r.id, "dana.lee", 2 * 1440);
    const r3 = await role();
    const oneDay = await granted(r3.id, "dana.lee", 1440);
    const r2 = await role();
    const hour = await granted(r2.id, "dana.lee", 60);
    const notices = (grantId: string) => db.prisma.notification.count({ where: { grantId, kind: "grant.expiring" } });
    await advance(44 * 60_000);
    await reconcileGrants(services);
    expect(await notices(hour.id)).toBe(0);
    await advance(2 * 60_000);
    await reconcileGrants(services);
    await reconcileGrants(services);
    expect(await notices(hour.id)).toBe(1);
    expect(await notices(day.id)).toBe(0);
    expect(await notices(oneDay.id)).toBe(0); // a one-day grant is not "ending" the moment it starts
    await advance(23.5 * HOUR);
    await reconcileGrants(services);
    expect(await notices(day.id)).toBe(1);
    const [n1] = await db.prisma.notification.findMany({ where: { grantId: day.id, kind: "grant.expiring" } });
    expect(n1!.title).toMatch(/ends in 2[0-4] hours/);
    expect(n1!.link).toBe("/my-access");
  });
});

describe("revocation", () => {
  it("an admin revokes with a reason; an app owner may; anyone else may not", async () => {
    const r = await role("netsuite-users");
    const grant = await granted(r.id, "dana.lee");
    const asOwner = forTenant(services, t.tenantId, { type: "user", label: "Liam Okafor" });
    const e = await refusal(revokeGrant(t.scope, { grantId: grant.id, reason: "x", channel: "web", revokerPersonId: p["ava.nguyen"]!.id, asAdmin: false }));
    expect(e.code).toBe("FORBIDDEN");
    const blank = await refusal(revokeGrant(t.scope, { grantId: grant.id, reason: "  ", channel: "web", asAdmin: true }));
    expect(String(blank)).toMatch(/Say why/);
    expect((await grantOf(grant.id)).status).toBe("ACTIVE");
    const res = await revokeGrant(asOwner, { grantId: grant.id, reason: "Left the launch team", channel: "web", revokerPersonId: p["liam.okafor"]!.id, asAdmin: false });
    expect(res).toMatchObject({ status: "ENDING", alreadyEnded: false });
    expect(await revokeGrant(t.scope, { grantId: grant.id, reason: "again", channel: "cli", asAdmin: true })).toMatchObject({ alreadyEnded: true });
    await driver.drain();
    const ended = await grantOf(grant.id);
    expect(ended.status).toBe("ENDED");
    expect(ended.endReason).toBe("revoked: Left the launch team");
    expect(ended.endedBy).toBe("Liam Okafor (via web)");
    expect(inOkta("netsuite-users", "dana.lee")).toBe(false);
  });

  it("cannot reach another tenant's grant", async () => {
    const r = await role();
    const grant = await granted(r.id, "dana.lee");
    const other = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex", name: "Globex", adminEmail: "admin@globex.example" });
    const globex = forTenant(services, other.id, { type: "cli", label: "test" });
    expect((await refusal(revokeGrant(globex, { grantId: grant.id, reason: "not yours", channel: "cli", asAdmin: true }))).code).toBe("NOT_FOUND");
    expect((await grantOf(grant.id)).status).toBe("ACTIVE");
  });
});
