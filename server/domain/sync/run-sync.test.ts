// The directory sync's failure paths and plumbing, against the sandbox Okta over HTTP and the test database:
// resuming from the saved cursor, a 429, a revoked token, the local job driver, and tenant isolation.

import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { ConnectorError } from "../../connectors/types.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import { seal } from "../../lib/secrets.ts";
import { generateDirectory, type OktaSandbox, type OktaState } from "../../sandbox/okta/index.ts";
import { runSync } from "./run-sync.ts";
import { startSync, SYNC_JOB } from "./start-sync.ts";
import { syncCursor } from "./sync-cursor.ts";
import { isEmbeddedSuperuser, replaceListedMemberships } from "./sync-sql.ts";
import {
  deleteSandboxGroup, directoryFingerprint, expectedDirectory, oktaTenant, sandboxOkta, storedMemberships, syncNow, syncServices,
} from "./sync-test-kit.ts";

const db = await testDatabase();
const services = syncServices(db);
const directory = (seed: number) => generateDirectory({ users: 900, groups: 40, memberships: 4000, seed });

const USERS = "GET /api/v1/users";
const GROUPS = "GET /api/v1/groups";
const MEMBERS = "GET /api/v1/groups/{groupId}/users";

/** The run as stored, and what a complete sync of `state` must have stored for the tenant. */
async function expectComplete(tenantId: string, state: OktaState) {
  const expected = expectedDirectory(state);
  expect(await db.prisma.person.count({ where: { tenantId, status: { not: "DEPROVISIONED" } } })).toBe(expected.listed.size);
  expect(await db.prisma.group.count({ where: { tenantId, removedAt: null } })).toBe(expected.groups.size);
  expect(await storedMemberships(db.prisma, tenantId)).toEqual(expected.memberships);
  return expected;
}

describe("resuming an interrupted sync", () => {
  let state: OktaState;
  let okta: OktaSandbox;
  beforeAll(async () => {
    state = directory(3);
    okta = await sandboxOkta(state);
  });
  beforeEach(() => {
    okta.faults.clear();
    okta.stats.reset();
  });

  it("keeps the members already listed when a group's listing fails for good, and resumes after them", async () => {
    const t = await oktaTenant(services, "resume-members", okta);
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    // The 25th group in the order the sync walks them (by external id, in the database's collation)
    // answers 500 for longer than the connector retries.
    const order = (await db.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM unnest(${[...state.groups.keys()]}::text[]) AS t(id) ORDER BY id`).map((r) => r.id);
    const broken = order[24]!;
    okta.faults.inject({ status: 500, times: Infinity, match: (m, p) => m === "GET" && p === `/api/v1/groups/${broken}/users` });

    const failure = await runSync(services, { tenantId: t.tenantId, syncRunId: run.id }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ retryable: true, code: "unavailable" });

    const stuck = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stuck.status).toBe("RUNNING");
    expect(stuck.error).toMatch(/^Will retry: Okta is unavailable \(500 .*list members of group .* \(gave up after 3 attempts\)$/);
    // Every group before the broken one was written, and the cursor points exactly after them.
    expect(syncCursor.parse(stuck.cursor)).toEqual({ phase: "memberships", groupIndex: 24 });
    expect(stuck.groupsDone).toBe(24);
    const writtenGroups = await db.prisma.group.findMany({ where: { tenantId: t.tenantId }, orderBy: { externalId: "asc" }, select: { id: true } });
    expect(await db.prisma.membership.count({ where: { groupId: { in: writtenGroups.slice(0, 24).map((g) => g.id) } } })).toBeGreaterThan(0);
    expect(await db.prisma.membership.count({ where: { groupId: { in: writtenGroups.slice(24).map((g) => g.id) } } })).toBe(0);
    // The connection is not marked broken for a retryable failure.
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: t.connectionId } })).status).toBe("HEALTHY");

    okta.faults.clear();
    okta.stats.reset();
    const done = await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
    // Neither users nor groups were listed again; only the groups from the cursor on.
    expect(okta.stats.count(USERS)).toBe(0);
    expect(okta.stats.count(GROUPS)).toBe(0);
    expect(okta.stats.count(MEMBERS)).toBe(order.length - 24);

    const expected = await expectComplete(t.tenantId, state);
    const listedMembers = [...state.memberships.values()].reduce((n, s) => n + s.size, 0);
    expect(done).toMatchObject({
      status: "SUCCEEDED", error: null, usersSeen: expected.listed.size, groupsSeen: order.length, groupsDone: order.length,
      membershipsSeen: listedMembers, created: expected.listed.size + order.length + expected.memberships.size, updated: 0, removed: 0,
    });
  });

  it("keeps the user pages already fetched when the next one fails, and resumes from that page", async () => {
    const t = await oktaTenant(services, "resume-users", okta);
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    let userPages = 0;
    okta.faults.inject({ status: 503, times: Infinity, match: (m, p) => m === "GET" && p === "/api/v1/users" && ++userPages >= 3 });

    await expect(runSync(services, { tenantId: t.tenantId, syncRunId: run.id }, { pageSize: { users: 100 } })).rejects.toMatchObject({ retryable: true });
    const stuck = await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const cursor = syncCursor.parse(stuck.cursor);
    expect(cursor).toMatchObject({ phase: "users", next: expect.stringContaining(`${okta.url}/api/v1/users?`) });
    expect(stuck.usersSeen).toBe(200);
    expect(await db.prisma.person.count({ where: { tenantId: t.tenantId } })).toBe(200);

    okta.faults.clear();
    okta.stats.reset();
    const done = await runSync(services, { tenantId: t.tenantId, syncRunId: run.id }, { pageSize: { users: 100 } });
    const expected = await expectComplete(t.tenantId, state);
    // The two pages already stored were not fetched again.
    expect(okta.stats.count(USERS)).toBe(Math.ceil(expected.listed.size / 100) - 2);
    expect(done).toMatchObject({ status: "SUCCEEDED", usersSeen: expected.listed.size, updated: 0, removed: 0 });
  });

  it("treats a 429 as a pause, not a failure", async () => {
    const t = await oktaTenant(services, "rate-limited", okta);
    okta.faults.inject({ status: 429, times: 1, match: (m, p) => p.startsWith("/api/v1/groups/") && p.endsWith("/users") });
    const run = await syncNow(services, t);
    expect(okta.stats.requests.some((r) => r.status === 429)).toBe(true);
    expect(run).toMatchObject({ status: "SUCCEEDED", error: null });
    await expectComplete(t.tenantId, state);
  });

  it("fails the run, flags the connection and writes an audit event when the token is revoked", async () => {
    const t = await oktaTenant(services, "revoked", okta);
    const sealed = seal(JSON.stringify({ token: "00revoked-token" }));
    await db.prisma.connection.update({ where: { id: t.connectionId }, data: { secretCipher: sealed.cipher, secretKeyId: sealed.keyId } });

    const run = await syncNow(services, t);
    expect(run.status).toBe("FAILED");
    expect(run.error).toBe("Okta rejected the API token (E0000011 Invalid token provided) while trying to list users");
    expect(run.finishedAt).not.toBeNull();
    const connection = await db.prisma.connection.findUniqueOrThrow({ where: { id: t.connectionId } });
    expect(connection).toMatchObject({ status: "ERROR", lastError: run.error });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "directory.sync.failed" } });
    expect(audit).toMatchObject({ subjectType: "connection", subjectId: t.connectionId, data: { syncRunId: run.id, error: run.error } });
    expect(await db.prisma.person.count({ where: { tenantId: t.tenantId } })).toBe(0);
    // A failed run is final: running it again does nothing.
    okta.stats.reset();
    expect(await runSync(services, { tenantId: t.tenantId, syncRunId: run.id })).toMatchObject({ status: "FAILED" });
    expect(okta.stats.total).toBe(0);
  });
});

describe("the local job driver", () => {
  it("runs a queued sync to the end, and a second start while queued returns the same run", async () => {
    const state = directory(5);
    const okta = await sandboxOkta(state);
    const t = await oktaTenant(services, "jobs", okta);
    const first = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    expect(first).toMatchObject({ alreadyRunning: false, run: { status: "QUEUED" } });
    const again = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    expect(again).toMatchObject({ alreadyRunning: true, run: { id: first.run.id } });
    const jobs = await db.prisma.job.findMany({ where: { name: SYNC_JOB, tenantId: t.tenantId } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: "QUEUED", payload: { tenantId: t.tenantId, syncRunId: first.run.id } });

    // (The driver also picks up the jobs queued by earlier tests' startSync; their runs are already over.)
    expect(await new LocalJobDriver(services, jobDefinitions).drain()).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.job.findUniqueOrThrow({ where: { id: jobs[0]!.id } })).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: first.run.id } })).toMatchObject({ status: "SUCCEEDED" });
    await expectComplete(t.tenantId, state);
    // Once finished, a new start is a new run.
    expect(await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" })).toMatchObject({ alreadyRunning: false });
  });

  it("closes a run the driver gave up on, so that the next start is a new run", async () => {
    const okta = await sandboxOkta(directory(7));
    const t = await oktaTenant(services, "gave-up", okta);
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    // What the local driver leaves after the last retry of a sync that kept failing.
    await db.prisma.syncRun.update({ where: { id: run.id }, data: { status: "RUNNING", error: "Will retry: Okta is unavailable (503)" } });
    await db.prisma.job.updateMany({ where: { idempotencyKey: `sync:${run.id}` }, data: { status: "FAILED", attempts: 6, lastError: "Okta is unavailable (503)" } });

    const next = await startSync(t.scope, { connectionId: t.connectionId, trigger: "schedule" });
    expect(next.alreadyRunning).toBe(false);
    expect(next.run.id).not.toBe(run.id);
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: "FAILED", error: "Gave up after 6 attempts: Okta is unavailable (503)", finishedAt: expect.any(Date),
    });
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: t.connectionId } })).toMatchObject({ status: "ERROR" });
    expect(await db.prisma.auditEvent.count({ where: { tenantId: t.tenantId, action: "directory.sync.failed", subjectId: t.connectionId } })).toBe(1);
    // The new run syncs normally and heals the connection.
    expect(await runSync(services, { tenantId: t.tenantId, syncRunId: next.run.id })).toMatchObject({ status: "SUCCEEDED" });
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: t.connectionId } })).toMatchObject({ status: "HEALTHY", lastError: null });
  });

  it("retries a sync that hit a retryable failure, resuming where it stopped", async () => {
    const state = directory(6);
    const okta = await sandboxOkta(state);
    const t = await oktaTenant(services, "job-retry", okta);
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    okta.faults.inject({ status: 503, times: Infinity, match: (m, p) => m === "GET" && p === "/api/v1/groups" });
    const driver = new LocalJobDriver(services, jobDefinitions);
    await driver.drain();
    const job = await db.prisma.job.findFirstOrThrow({ where: { name: SYNC_JOB, tenantId: t.tenantId } });
    expect(job).toMatchObject({ status: "QUEUED", attempts: 1, lastError: expect.stringMatching(/unavailable \(503/) });
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "RUNNING", phase: "groups" });

    okta.faults.clear();
    okta.stats.reset();
    services.clock.advance(60_000); // past the job's backoff
    await driver.drain();
    expect(await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(await db.prisma.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect(okta.stats.count(USERS)).toBe(0);
    await expectComplete(t.tenantId, state);
  });
});

describe("tenancy", () => {
  it("never reads or writes another tenant's rows, even with the same external ids", async () => {
    // Two customers whose Okta orgs hold the same ids (same generator seed), synced into one database.
    const stateA = directory(9);
    const stateB = directory(9);
    const [oktaA, oktaB] = [await sandboxOkta(stateA), await sandboxOkta(stateB)];
    const a = await oktaTenant(services, "tenant-a", oktaA);
    const b = await oktaTenant(services, "tenant-b", oktaB);
    await syncNow(services, a);
    await syncNow(services, b);
    await expectComplete(a.tenantId, stateA);
    await expectComplete(b.tenantId, stateB);
    const fingerprintB = await directoryFingerprint(db.prisma, b.tenantId);

    // A's org changes a lot; B's does not.
    const ids = [...expectedDirectory(stateA).listed];
    stateA.updateUserProfile(ids[0]!, { department: "Moved" });
    stateA.setStatus(ids[1]!, "DEPROVISIONED");
    for (const gid of [...stateA.groups.keys()].slice(0, 3)) deleteSandboxGroup(stateA, gid);
    const bigGroup = [...stateA.memberships.entries()].sort((x, y) => y[1].size - x[1].size)[0]!;
    for (const uid of [...bigGroup[1]].slice(0, 10)) stateA.removeMembership(bigGroup[0], uid);
    const runA = await syncNow(services, a);
    expect(runA.status).toBe("SUCCEEDED");
    expect(runA.removed).toBeGreaterThan(10);

    expect(await directoryFingerprint(db.prisma, b.tenantId)).toBe(fingerprintB);
    const bPerson = await db.prisma.person.findFirstOrThrow({ where: { tenantId: b.tenantId, externalId: ids[0]! } });
    expect(bPerson.department).not.toBe("Moved");
    // No row of either tenant points at the other's connection, groups or people.
    const crossed = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT (
        (SELECT count(*) FROM "Person" p JOIN "Connection" c ON c.id = p."connectionId" WHERE p."tenantId" <> c."tenantId") +
        (SELECT count(*) FROM "Group" g JOIN "Connection" c ON c.id = g."connectionId" WHERE g."tenantId" <> c."tenantId") +
        (SELECT count(*) FROM "Membership" m JOIN "Group" g ON g.id = m."groupId" JOIN "Person" p ON p.id = m."personId"
          WHERE m."tenantId" <> g."tenantId" OR m."tenantId" <> p."tenantId") +
        (SELECT count(*) FROM "Person" p JOIN "Person" mgr ON mgr.id = p."managerId" WHERE p."tenantId" <> mgr."tenantId")
      )::int AS n`;
    expect(crossed[0]!.n).toBe(0);
  });
});

describe("membership writes", () => {
  it("only write pairs whose person and group are the connection's, also when foreign-key triggers are skipped", async () => {
    const okta = await sandboxOkta(directory(13));
    const t = await oktaTenant(services, "pairs-a", okta);
    const u = await oktaTenant(services, "pairs-b", okta);
    await syncNow(services, t);
    await syncNow(services, u);
    const group = await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId }, orderBy: { externalId: "asc" } });
    const [own, alsoOwn] = await db.prisma.person.findMany({ where: { tenantId: t.tenantId }, take: 2, orderBy: { externalId: "asc" } });
    const foreign = await db.prisma.person.findFirstOrThrow({ where: { tenantId: u.tenantId } });
    const foreignGroup = await db.prisma.group.findFirstOrThrow({ where: { tenantId: u.tenantId } });
    const otherTenant = await directoryFingerprint(db.prisma, u.tenantId);
    const skipForeignKeyTriggers = await isEmbeddedSuperuser(db.prisma);
    expect(skipForeignKeyTriggers).toBe(!process.env.DATABASE_URL); // PGlite in tests, never PostgreSQL

    // Ids that are not external ids of this connection (another tenant's row ids, unknown ones) resolve to nothing.
    const result = await db.prisma.$transaction((tx) => replaceListedMemberships(tx, t.tenantId, t.connectionId, new Date(), [
      { group: group.externalId, members: [own!.externalId, foreign.id, "no-such-person", own!.externalId] },
      { group: foreignGroup.id, members: [alsoOwn!.externalId] },
      { group: "no-such-group", members: [alsoOwn!.externalId] },
    ], { skipForeignKeyTriggers }));

    expect(result.created).toBeLessThanOrEqual(1);
    const members = await db.prisma.membership.findMany({ where: { groupId: group.id } });
    expect(members.map((m) => m.personId)).toEqual([own!.id]);
    expect(await db.prisma.group.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ memberCount: 1 });
    // Nothing was written for another tenant's person or group, and no membership points at a missing row.
    expect(await db.prisma.membership.count({ where: { tenantId: t.tenantId, personId: { in: [foreign.id, "no-such-person"] } } })).toBe(0);
    expect(await db.prisma.membership.count({ where: { groupId: foreignGroup.id, personId: alsoOwn!.id } })).toBe(0);
    expect(await directoryFingerprint(db.prisma, u.tenantId)).toBe(otherTenant);
    const orphans = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Membership" m
      WHERE NOT EXISTS (SELECT 1 FROM "Person" p WHERE p.id = m."personId") OR NOT EXISTS (SELECT 1 FROM "Group" g WHERE g.id = m."groupId")`;
    expect(orphans[0]!.n).toBe(0);
    // The session is back to normal: a bad reference is refused by the foreign key again.
    await expect(db.prisma.membership.create({ data: { tenantId: t.tenantId, groupId: group.id, personId: "no-such-person" } })).rejects.toThrow();
  });
});
