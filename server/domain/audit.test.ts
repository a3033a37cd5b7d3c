import { describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { makeServices } from "../testing/fixtures.ts";
import { createTenant } from "./tenants/create-tenant.ts";
import { scopeToTenant } from "../db/tenant-db.ts";
import { auditHash, GENESIS_HASH, recordAudit } from "./audit.ts";

const db = await testDatabase();
const services = makeServices(db);

describe("audit log", () => {
  it("chains each tenant's events with gap-free sequence numbers", async () => {
    const a = await createTenant(services, { type: "cli", label: "t" }, { slug: "audit-a", name: "A", adminEmail: "a@a.example" });
    const b = await createTenant(services, { type: "cli", label: "t" }, { slug: "audit-b", name: "B", adminEmail: "b@b.example" });
    const tdb = scopeToTenant(db.prisma, a.id);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        tdb.$transaction((tx) => recordAudit(tx, a.id, { type: "user", label: "x" }, { action: "test", subjectType: "t", subjectId: String(i) }, new Date())),
      ),
    );
    const events = await db.prisma.auditEvent.findMany({ where: { tenantId: a.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    for (const e of events) expect(auditHash(e)).toBe(e.hash);
    const other = await db.prisma.auditEvent.findMany({ where: { tenantId: b.id } });
    expect(other.map((e) => e.seq)).toEqual([1]);
  });

  it("a changed event no longer matches its hash", async () => {
    const e = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "test" } });
    expect(auditHash({ ...e, data: { tampered: true } })).not.toBe(e.hash);
  });
});
