import { describe, expect, it } from "vitest";
import { testDatabase } from "./db.ts";
import { scopeToTenant } from "../db/tenant-db.ts";

describe("test database harness", async () => {
  const db = await testDatabase();

  it("is migrated and isolated per file", async () => {
    expect(await db.prisma.tenant.count()).toBe(0);
    await db.prisma.tenant.create({ data: { slug: "a", name: "A" } });
    expect(await db.prisma.tenant.count()).toBe(1);
  });

  it("scopes every query to one tenant", async () => {
    const a = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "a" } });
    const b = await db.prisma.tenant.create({ data: { slug: "b", name: "B" } });
    const ta = scopeToTenant(db.prisma, a.id);
    const tb = scopeToTenant(db.prisma, b.id);
    const app = await ta.app.create({ data: { name: "Salesforce" } as never });
    expect(app.tenantId).toBe(a.id);
    expect(await tb.app.findUnique({ where: { id: app.id } })).toBeNull();
    expect(await tb.app.findMany()).toEqual([]);
    const res = await tb.app.updateMany({ where: { id: app.id }, data: { name: "hijacked" } });
    expect(res.count).toBe(0);
    await expect(tb.app.update({ where: { id: app.id }, data: { name: "x" } })).rejects.toThrow();
    expect((await ta.app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe("Salesforce");
  });
});
