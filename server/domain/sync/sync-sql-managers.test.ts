// Managers named by login or email (as Google names them) are linked when a person is written, if the manager was
// listed earlier in the same attempt (ListedPeople), so linkManagers has fewer rows to update; linkManagers keeps
// the last word (precedence external id > login > email, lowest id on a tie).

import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "../../connectors/types.ts";
import { testDatabase } from "../../testing/db.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant } from "../services.ts";
import { linkManagers, ListedPeople, upsertPeople } from "./sync-sql.ts";
import { syncServices } from "./sync-test-kit.ts";

const db = await testDatabase();
const services = syncServices(db);
const actor = { type: "cli" as const, label: "sync-sql test" };

async function directory(slug: string) {
  const tenant = await createTenant(services, actor, { slug, name: slug.toUpperCase(), adminEmail: `admin@${slug}.test` });
  const scope = forTenant(services, tenant.id, actor);
  const connection = await scope.tdb.connection.create({
    data: { tenantId: tenant.id, kind: "GOOGLE", name: "Google", config: {}, secretCipher: "x", secretKeyId: "x", status: "HEALTHY" } as never,
  });
  const run = await scope.tdb.syncRun.create({ data: { tenantId: tenant.id, connectionId: connection.id, trigger: "cli" } as never });
  return { tenantId: tenant.id, connectionId: connection.id, runId: run.id };
}

const user = (ext: string, login: string, managerRef: string | null, email = login): DirectoryUser => ({
  externalId: ext, login, email, firstName: ext, lastName: "Test", managerRef, status: "ACTIVE",
});

async function managers(tenantId: string) {
  const people = await db.prisma.person.findMany({ where: { tenantId }, select: { id: true, externalId: true, managerId: true } });
  const extOf = new Map(people.map((p) => [p.id, p.externalId]));
  return Object.fromEntries(people.map((p) => [p.externalId, p.managerId ? extOf.get(p.managerId) : null]));
}

describe("managers named by login or email", () => {
  it("are linked by the upsert when listed before (or with) the person; the rest by linkManagers", async () => {
    const d = await directory("mgr-listed");
    const listed = new ListedPeople();
    const now = new Date();
    const write = (users: DirectoryUser[]) => upsertPeople(db.prisma, d.tenantId, d.connectionId, d.runId, now, users, { listed });
    // Batch 1: the boss; batch 2: her report (by email) and a report of a manager not listed yet (by login).
    await write([user("g1", "boss@x.test", null)]);
    await write([user("g2", "ann@x.test", "boss@x.test"), user("g3", "bob@x.test", "late@x.test")]);
    expect(await managers(d.tenantId)).toEqual({ g1: null, g2: "g1", g3: null });
    await write([user("g4", "late@x.test", null)]);
    await linkManagers(db.prisma, d.tenantId, d.connectionId);
    expect(await managers(d.tenantId)).toEqual({ g1: null, g2: "g1", g3: "g4", g4: null });
    // The IdP's own words are stored, not the key it was resolved by.
    expect((await db.prisma.person.findFirst({ where: { tenantId: d.tenantId, externalId: "g2" } }))?.managerExternalId).toBe("boss@x.test");
  });

  it("without the listed people a login is not resolved by the upsert (linkManagers does it)", async () => {
    const d = await directory("mgr-unlisted");
    const now = new Date();
    await upsertPeople(db.prisma, d.tenantId, d.connectionId, d.runId, now, [user("g1", "boss@x.test", null)]);
    await upsertPeople(db.prisma, d.tenantId, d.connectionId, d.runId, now, [user("g2", "ann@x.test", "boss@x.test")]);
    expect(await managers(d.tenantId)).toEqual({ g1: null, g2: null });
    await linkManagers(db.prisma, d.tenantId, d.connectionId);
    expect(await managers(d.tenantId)).toEqual({ g1: null, g2: "g1" });
  });

  it("resolves with linkManagers' precedence: an external id before a login, a login before an email", () => {
    const listed = new ListedPeople();
    listed.add([user("a@x.test", "someone", null, "s@x.test"), user("e1", "a@x.test", null, "b@x.test"), user("e2", "c@x.test", null, "a@x.test")]);
    listed.add([user("e3", "d@x.test", null, "c@x.test")]);
    expect(listed.managerKey("a@x.test")).toBe("a@x.test"); // an external id
    expect(listed.managerKey("c@x.test")).toBe("e2"); // e2's login, e3's email
    expect(listed.managerKey("b@x.test")).toBe("e1"); // an email only
    expect(listed.managerKey("nobody@x.test")).toBe("nobody@x.test"); // not listed: looked up as an external id
  });

  it("links no one of another connection, even with the same login", async () => {
    const d = await directory("mgr-other");
    const other = await db.prisma.connection.create({
      data: { tenantId: d.tenantId, kind: "SCIM", name: "Other", config: {}, secretCipher: "x", secretKeyId: "x", status: "HEALTHY" } as never,
    });
    const now = new Date();
    await upsertPeople(db.prisma, d.tenantId, other.id, d.runId, now, [user("o1", "boss@x.test", null)]);
    const listed = new ListedPeople(); // this connection's attempt lists no boss
    await upsertPeople(db.prisma, d.tenantId, d.connectionId, d.runId, now, [user("g2", "ann@x.test", "boss@x.test")], { listed });
    await linkManagers(db.prisma, d.tenantId, d.connectionId);
    const ann = await db.prisma.person.findFirst({ where: { tenantId: d.tenantId, connectionId: d.connectionId, externalId: "g2" } });
    expect(ann?.managerId).toBeNull();
  });
});
