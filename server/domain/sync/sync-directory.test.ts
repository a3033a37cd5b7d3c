// A full directory sync at the size the issue asks for (5,000 users, 500 groups), against the sandbox Okta
// over HTTP with the real connector, into the test database; then a no-op resync and a resync with changes.

import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { generateDirectory, type OktaSandbox, type OktaState } from "../../sandbox/okta/index.ts";
import {
  deleteSandboxGroup, directoryFingerprint, expectedDirectory, oktaTenant, sandboxOkta, storedMemberships, syncNow, syncServices,
} from "./sync-test-kit.ts";

const db = await testDatabase();
const services = syncServices(db);
let state: OktaState;
let okta: OktaSandbox;
let t: Awaited<ReturnType<typeof oktaTenant>>;
let ruleGroup: string;
let everyone: string;

beforeAll(async () => {
  state = generateDirectory({ users: 5000, groups: 500, memberships: 25_000, seed: 11, appGroupRatio: 0.1, deprovisionedRatio: 0.03 });
  // A BUILT_IN group (Okta's Everyone) with every user, and a group whose members a group rule assigns.
  everyone = state.addGroup({ name: "Everyone", type: "BUILT_IN", description: "All users in your organization" }, { log: false }).id;
  for (const uid of state.users.keys()) state.insertMembership(everyone, uid);
  ruleGroup = [...state.groups.values()].find((g) => g.type === "OKTA_GROUP")!.id;
  state.addGroupRule({ name: "Engineering auto-assign", groupIds: [ruleGroup] });
  okta = await sandboxOkta(state);
  t = await oktaTenant(services, "acme", okta);
});

describe("a full sync of 5,000 users and 500 groups", () => {
  it("stores what the IdP lists: people (not deprovisioned ones), groups, memberships and managers", { timeout: 180_000 }, async () => {
    const expected = expectedDirectory(state);
    expect(expected.listed.size).toBeLessThan(state.users.size); // some users are deprovisioned
    const started = performance.now();
    const run = await syncNow(services, t);
    console.info(`sync of ${state.users.size} users / ${state.groups.size} groups / ${state.membershipCount} memberships: ${Math.round(performance.now() - started)} ms`);

    expect(run).toMatchObject({ status: "SUCCEEDED", phase: "done", error: null, usersSeen: expected.listed.size, groupsSeen: state.groups.size });
    expect(run.created).toBe(expected.listed.size + state.groups.size + expected.memberships.size);
    expect(run.updated).toBe(0);
    expect(run.removed).toBe(0);

    const people = await db.prisma.person.findMany({ where: { tenantId: t.tenantId } });
    expect(new Set(people.map((p) => p.externalId))).toEqual(expected.listed);
    const groups = await db.prisma.group.findMany({ where: { tenantId: t.tenantId } });
    expect(new Set(groups.map((g) => g.externalId))).toEqual(expected.groups);
    expect(await storedMemberships(db.prisma, t.tenantId)).toEqual(expected.memberships);

    // Each person mirrors the Okta profile.
    for (const p of people) {
      const u = state.users.get(p.externalId)!;
      expect([p.login, p.email, p.firstName, p.lastName, p.department, p.title, p.location, p.status]).toEqual([
        u.profile.login, u.profile.email, u.profile.firstName, u.profile.lastName, u.profile.department, u.profile.title, u.profile.city, u.status,
      ]);
    }

    // Groups Okta will not let us change are unmanaged, with the reason.
    const byExt = new Map(groups.map((g) => [g.externalId, g]));
    for (const og of state.groups.values()) {
      const g = byExt.get(og.id)!;
      expect(g.type).toBe(og.type);
      const unmanaged = og.type !== "OKTA_GROUP" || og.id === ruleGroup;
      expect(g.managed).toBe(!unmanaged);
      expect(g.unmanagedReason ? "reason" : null).toBe(unmanaged ? "reason" : null);
      expect(g.memberCount).toBe([...(state.memberships.get(og.id) ?? [])].filter((u) => expected.listed.has(u)).length);
    }
    expect(byExt.get(everyone)!.unmanagedReason).toMatch(/BUILT_IN/);
    expect(byExt.get(ruleGroup)!.unmanagedReason).toMatch(/group rule "Engineering auto-assign"/);
    expect(groups.filter((g) => g.type === "APP_GROUP").length).toBeGreaterThan(10);
    expect(groups.filter((g) => g.type === "APP_GROUP").every((g) => !g.managed && /APP_GROUP/.test(g.unmanagedReason!))).toBe(true);

    // Managers (named by Okta user id) are resolved to people; a deprovisioned manager is not stored, so no one.
    const idOf = new Map(people.map((p) => [p.externalId, p.id]));
    let resolved = 0;
    for (const p of people) {
      const managerExt = state.users.get(p.externalId)!.profile.managerId ?? null;
      expect(p.managerExternalId).toBe(managerExt);
      expect(p.managerId).toBe(managerExt ? idOf.get(managerExt) ?? null : null);
      if (p.managerId) resolved++;
    }
    expect(resolved).toBeGreaterThan(4000);
  });

  it("changes nothing when synced again", async () => {
    const before = await directoryFingerprint(db.prisma, t.tenantId);
    const run = await syncNow(services, t);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, removed: 0 });
    expect(await directoryFingerprint(db.prisma, t.tenantId)).toBe(before);
  });

  it("picks up a profile change, a removed membership, a deprovisioned user and a deleted group", async () => {
    const listed = [...expectedDirectory(state).listed];
    const [moved, leaver] = [listed[10]!, listed[20]!];
    const newDept = state.users.get(moved)!.profile.department === "Legal" ? "Finance" : "Legal";
    state.updateUserProfile(moved, { department: newDept });
    state.setStatus(leaver, "DEPROVISIONED");
    const doomed = [...state.groups.values()].find((g) => g.type === "OKTA_GROUP" && g.id !== ruleGroup && (state.memberships.get(g.id)?.size ?? 0) > 3)!;
    // A membership of someone still listed, in a group that stays.
    const keptGroup = [...state.groups.values()].find((g) => g.id !== doomed.id && g.type === "OKTA_GROUP" && [...state.memberships.get(g.id)!].some((u) => u !== leaver && listed.includes(u)))!;
    const left = [...state.memberships.get(keptGroup.id)!].find((u) => u !== leaver && u !== moved && listed.includes(u))!;
    state.removeMembership(keptGroup.id, left);
    const dbGroup = await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId, externalId: doomed.id } });
    expect(await db.prisma.membership.count({ where: { groupId: dbGroup.id } })).toBeGreaterThan(0);
    deleteSandboxGroup(state, doomed.id);

    const run = await syncNow(services, t);
    expect(run).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 1 });
    // removed: the membership, the person no longer listed, the group.
    expect(run.removed).toBe(3);

    const person = (ext: string) => db.prisma.person.findFirstOrThrow({ where: { tenantId: t.tenantId, externalId: ext } });
    expect((await person(moved)).department).toBe(newDept);
    expect((await person(leaver)).status).toBe("DEPROVISIONED");
    const keptDb = await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId, externalId: keptGroup.id } });
    expect(await db.prisma.membership.count({ where: { groupId: keptDb.id, personId: (await person(left)).id } })).toBe(0);
    const gone = await db.prisma.group.findUniqueOrThrow({ where: { id: dbGroup.id } });
    expect(gone.removedAt).not.toBeNull();
    expect(gone.memberCount).toBe(0);
    expect(await db.prisma.membership.count({ where: { groupId: dbGroup.id } })).toBe(0);

    // Everything else is as Okta says (a deprovisioned user keeps the group memberships Okta still lists).
    const expected = expectedDirectory(state);
    for (const [gid, members] of state.memberships) if (members.has(leaver) && state.groups.has(gid)) expected.memberships.add(`${gid}|${leaver}`);
    expect(await storedMemberships(db.prisma, t.tenantId)).toEqual(expected.memberships);

    // And a further sync is a no-op again.
    const before = await directoryFingerprint(db.prisma, t.tenantId);
    expect(await syncNow(services, t)).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, removed: 0 });
    expect(await directoryFingerprint(db.prisma, t.tenantId)).toBe(before);
  });
});
