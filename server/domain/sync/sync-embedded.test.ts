// A directory sync into the embedded database opened the way the app's launcher opens it: a PGlite data directory whose
// engine runs on a worker thread (server/db/pglite-in-worker.ts), so the sync's writes overlap its downloads.
// The other sync tests use the test database (an in-process PGlite, or PostgreSQL).

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { pgliteOnWorkerThread } from "../../db/pglite-in-worker.ts";
import { generateDirectory } from "../../sandbox/okta/index.ts";
import { directoryFingerprint, expectedDirectory, oktaTenant, sandboxOkta, storedMemberships, syncNow, syncServices } from "./sync-test-kit.ts";

const scratch = await mkdtemp(path.join(tmpdir(), "gh-sync-embedded-"));
const dataDir = path.join(scratch, "pglite");
const template = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(inject("pgliteDump"))]) });
await template.close();
const db = await openDatabase({ kind: "pglite", dataDir, engine: pgliteOnWorkerThread });
afterAll(async () => {
  await db.close();
  await rm(scratch, { recursive: true, force: true });
});
const services = syncServices(db);

describe("a sync into the embedded database on a worker thread", () => {
  it("stores the whole directory, and a second sync changes nothing", { timeout: 180_000 }, async () => {
    const state = generateDirectory({ users: 1200, groups: 60, memberships: 6000, seed: 21 });
    const okta = await sandboxOkta(state);
    const t = await oktaTenant(services, "embedded", okta);
    const expected = expectedDirectory(state);

    const run = await syncNow(services, t, { pageSize: { users: 200, groups: 25, members: 100 } });
    expect(run).toMatchObject({ status: "SUCCEEDED", usersSeen: expected.listed.size, groupsSeen: state.groups.size, updated: 0, removed: 0 });
    expect(await db.prisma.person.count({ where: { tenantId: t.tenantId, status: { not: "DEPROVISIONED" } } })).toBe(expected.listed.size);
    expect(await storedMemberships(db.prisma, t.tenantId)).toEqual(expected.memberships);
    const managers = await db.prisma.person.count({ where: { tenantId: t.tenantId, managerId: { not: null } } });
    expect(managers).toBeGreaterThan(0);

    const before = await directoryFingerprint(db.prisma, t.tenantId);
    const again = await syncNow(services, t);
    expect(again).toMatchObject({ status: "SUCCEEDED", created: 0, updated: 0, removed: 0 });
    expect(await directoryFingerprint(db.prisma, t.tenantId)).toBe(before);
  });
});
