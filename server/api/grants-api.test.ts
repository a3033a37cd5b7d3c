// The web surface of time-bound access: revoke, give back, extend, notifications and the demo clock,
// through the tRPC procedures a page calls, with the refusals each must make and nothing written when refused.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { acmeOkta, callerAs, makeServices, syncedTenant } from "../testing/fixtures.ts";
import { personaEmails } from "../demo/acme-directory.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { saveMember } from "../domain/tenants/save-member.ts";
import { advanceDemoClock } from "../domain/demo/demo-clock.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
const driver = new LocalJobDriver(services, jobDefinitions);

type Caller = ReturnType<typeof callerAs>;
let t: Awaited<ReturnType<typeof syncedTenant>>;
let dana: Caller, sam: Caller, priya: Caller, alex: Caller, morgan: Caller;
let roleId: string;

const code = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));
const message = (p: Promise<unknown>) => p.then(() => "OK", (e: Error) => e.message);
const grantRow = (id: string) => db.prisma.grant.findUniqueOrThrow({ where: { id } });
const auditCount = () => db.prisma.auditEvent.count({ where: { tenantId: t.tenantId } });

async function memberCaller(email: string, name: string) {
  await saveMember(t.scope, { email, name, roles: [] });
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return callerAs(services, { id: user.id, email, name }, t.slug);
}

/** `who` asks for the role for an hour; Priya (the app owner) approves; the grant is active in Okta. */
async function activeGrant(who: Caller, durationMinutes = 60) {
  const request = await who.requests.create({ roleId, reason: "Reviewing the launch designs", durationMinutes });
  await priya.requests.decide({ requestId: request.id, decision: "APPROVE" });
  await driver.drain();
  const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: request.id } });
  expect(grant.status).toBe("ACTIVE");
  return { requestId: request.id, grantId: grant.id };
}

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  dana = callerAs(services, t.employee, t.slug);
  alex = callerAs(services, t.admin, t.slug);
  morgan = callerAs(services, t.auditor, t.slug);
  sam = await memberCaller(personaEmails.manager, "Sam Rivera");
  priya = await memberCaller(personaEmails.appOwner, "Priya Shah");
  const owner = await db.prisma.person.findFirstOrThrow({ where: { tenantId: t.tenantId, email: personaEmails.appOwner } });
  const group = await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "figma-editors" } });
  const app = await saveApp(t.scope, { name: "Figma", riskLevel: "LOW", ownerPersonIds: [owner.id] });
  roleId = (await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "APP_OWNER" }], allowedDurations: [60, 360] })).id;
  await driver.drain();
});

describe("revoke", () => {
  it("refuses a caller who is neither admin nor the app's owner, and a blank or oversized reason; nothing is written", async () => {
    const { grantId, requestId } = await activeGrant(sam);
    const before = [await auditCount(), JSON.stringify(await grantRow(grantId))];
    expect(await code(dana.grants.revoke({ grantId, reason: "I do not like it" }))).toBe("FORBIDDEN");
    expect(await code(morgan.grants.revoke({ grantId, reason: "Auditors only read" }))).toBe("FORBIDDEN");
    expect(await message(alex.grants.revoke({ grantId, reason: "   " }))).toMatch(/Say why the access is revoked/);
    expect(await code(alex.grants.revoke({ grantId, reason: "   " }))).toBe("BAD_REQUEST");
    expect(await message(alex.grants.revoke({ grantId, reason: "x".repeat(1001) }))).toMatch(/at most 1,000 characters/);
    expect(await code(alex.grants.revoke({ grantId: "x".repeat(65), reason: "Too long an id" }))).toBe("BAD_REQUEST");
    expect(await code(alex.grants.revoke({ grantId: "nope", reason: "No such grant" }))).toBe("NOT_FOUND");
    expect([await auditCount(), JSON.stringify(await grantRow(grantId))]).toEqual(before);
    // The pages offer the button to exactly those the operation allows.
    expect((await alex.requests.get({ requestId })).viewer.canRevoke).toBe(true);
    expect((await priya.requests.get({ requestId })).viewer.canRevoke).toBe(true);
    expect((await sam.requests.get({ requestId })).viewer.canRevoke).toBe(false);
    await alex.grants.revoke({ grantId, reason: "Contractor engagement ended" });
  });

  it("lets the app owner revoke from the request page; the grant ends with the reason and who", async () => {
    const { grantId, requestId } = await activeGrant(dana);
    const out = await priya.grants.revoke({ grantId, reason: "Design review is over" });
    expect(out).toMatchObject({ status: "ENDING", alreadyEnded: false });
    await driver.drain();
    const g = await grantRow(grantId);
    expect(g.status).toBe("ENDED");
    expect(g.endReason).toBe("revoked: Design review is over");
    expect(g.endedBy).toMatch(/Priya Shah|priya\.shah/);
    const detail = await dana.requests.get({ requestId });
    expect(detail.grant?.endedBy).toBe(g.endedBy);
    expect(detail.grant?.actions.find((a) => a.kind === "REMOVE_MEMBER")?.readBack).toMatchObject({ isMember: false });
    expect((await priya.grants.revoke({ grantId, reason: "Again" })).alreadyEnded).toBe(true);
  });
});

describe("give back and extend", () => {
  it("refuses giving back someone else's grant as not found, and writes nothing", async () => {
    const { grantId } = await activeGrant(sam);
    const before = [await auditCount(), JSON.stringify(await grantRow(grantId))];
    expect(await code(dana.grants.giveBack({ grantId }))).toBe("NOT_FOUND");
    expect(await code(alex.grants.giveBack({ grantId, note: "admins revoke instead" }))).toBe("NOT_FOUND");
    expect(await code(sam.grants.giveBack({ grantId, note: "x".repeat(1001) }))).toBe("BAD_REQUEST");
    expect([await auditCount(), JSON.stringify(await grantRow(grantId))]).toEqual(before);
    await sam.grants.giveBack({ grantId });
  });

  it("extends through the same policy, shows it pending, then gives back early into the history", async () => {
    const { grantId } = await activeGrant(dana);
    const mine = await dana.grants.mine();
    const current = mine.current.find((g) => g.id === grantId)!;
    expect(current.viewer).toEqual({ canRevoke: false, canGiveBack: true, canExtend: true });
    expect(current.role.allowedDurations).toEqual([60, 360]);

    const ext = await dana.requests.create({ roleId, reason: "The review slipped by a day", durationMinutes: 360, extendsGrantId: grantId });
    expect(ext.status).toBe("PENDING");
    const pending = (await dana.grants.mine()).current.find((g) => g.id === grantId)!;
    expect(pending.pendingExtension?.id).toBe(ext.id);
    expect(pending.viewer.canExtend).toBe(false);
    expect(await message(dana.requests.create({ roleId, reason: "The review slipped by a day", durationMinutes: 60, extendsGrantId: grantId })))
      .toMatch(/already an open extension request/);

    const before = (await grantRow(grantId)).expiresAt!;
    await priya.requests.decide({ requestId: ext.id, decision: "APPROVE" });
    expect((await grantRow(grantId)).expiresAt!.getTime()).toBe(before.getTime() + 360 * 60_000);

    await dana.grants.giveBack({ grantId, note: "Done early" });
    await driver.drain();
    const after = await dana.grants.mine();
    expect(after.current.map((g) => g.id)).not.toContain(grantId);
    expect(after.history.find((g) => g.id === grantId)).toMatchObject({ status: "ENDED", endReason: "given_back: Done early", viewer: { canGiveBack: false, canExtend: false } });
  });
});

describe("person page", () => {
  it("lists a person's live grants to those who may see the person, with revoke for admins only", async () => {
    const { grantId } = await activeGrant(sam);
    const samPerson = (await sam.me.get()).membership.personId!;
    const asAdmin = await alex.grants.ofPerson({ personId: samPerson });
    expect(asAdmin.find((g) => g.id === grantId)?.viewer.canRevoke).toBe(true);
    const asAuditor = await morgan.grants.ofPerson({ personId: samPerson });
    expect(asAuditor.find((g) => g.id === grantId)?.viewer.canRevoke).toBe(false);
    expect(await code(dana.grants.ofPerson({ personId: samPerson }))).toBe("NOT_FOUND");
    // Sam manages Dana: he sees her grants.
    const danaPerson = (await dana.me.get()).membership.personId!;
    expect(await code(sam.grants.ofPerson({ personId: danaPerson }))).toBe("OK");
    await alex.grants.revoke({ grantId, reason: "Cleaning up after the test" });
  });
});

describe("notifications", () => {
  it("lists only mine, newest first; marking another person's notice is not found and changes nothing", async () => {
    const mine = await dana.notifications.list();
    expect(mine.notifications.length).toBeGreaterThan(0);
    expect(mine.unread).toBe(mine.notifications.filter((n) => !n.readAt).length);
    const times = mine.notifications.map((n) => n.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const samNotice = (await sam.notifications.list()).notifications[0]!;
    expect(mine.notifications.map((n) => n.id)).not.toContain(samNotice.id);
    expect(await code(dana.notifications.markRead({ ids: [samNotice.id] }))).toBe("NOT_FOUND");
    expect(await code(dana.notifications.markRead({ ids: [mine.notifications[0]!.id, samNotice.id] }))).toBe("NOT_FOUND");
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: mine.notifications[0]!.id } })).readAt).toBeNull();
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: samNotice.id } })).readAt).toBeNull();
    expect(await code(dana.notifications.markRead({ ids: [] }))).toBe("BAD_REQUEST");

    await dana.notifications.markRead({ ids: [mine.notifications[0]!.id] });
    expect((await dana.notifications.list()).unread).toBe(mine.unread - 1);
    await dana.notifications.markRead({ all: true });
    expect((await dana.notifications.list()).unread).toBe(0);
    expect((await sam.notifications.list()).unread).toBeGreaterThan(0);
  });
});

describe("demo clock", () => {
  it("is refused outside demo mode, and to non-admins", async () => {
    expect(await code(alex.demo.advanceClock({ minutes: 60 }))).toBe("PRECONDITION_FAILED");
    expect(await code(dana.demo.advanceClock({ minutes: 60 }))).toBe("FORBIDDEN");
    expect(await code(alex.demo.advanceClock({ minutes: 0 }))).toBe("BAD_REQUEST");
    expect((await dana.demo.clock()).movable).toBe(false);
  });

  it("in demo mode moves time and sweeps: a 1-hour grant is removed, read back, and its holder told", async () => {
    const { grantId } = await activeGrant(dana);
    await advanceDemoClock(services, { minutes: 45, demo: true });
    await driver.drain();
    const warned = await dana.notifications.list();
    expect(warned.notifications[0]).toMatchObject({ kind: "grant.expiring", readAt: null });
    expect((await grantRow(grantId)).warnedAt).not.toBeNull();

    await advanceDemoClock(services, { minutes: 16, demo: true });
    await driver.drain();
    const g = await db.prisma.grant.findUniqueOrThrow({ where: { id: grantId }, include: { actions: true } });
    expect(g.status).toBe("ENDED");
    expect(g.endReason).toBe("expired");
    expect(g.actions.find((a) => a.kind === "REMOVE_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: { isMember: false } });
    expect((await dana.notifications.list()).notifications[0]).toMatchObject({ kind: "grant.ended" });
  });
});
