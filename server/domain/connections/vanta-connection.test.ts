// The Vanta connection through the admin's tRPC calls (the Connections page's server path) on a real database,
// against the sandbox Vanta: verified before it is saved, sealed, never returned, and refused to whoever may not.

import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, callerAs, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { startVantaSandbox } from "../../sandbox/vanta/index.ts";
import { defaultConnectorFactory, evidenceFor } from "../../connectors/factory.ts";
import { unseal } from "../../lib/secrets.ts";
import { testConnection } from "./test-connection.ts";
import { vantaConnectionInput } from "./vanta-config.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
const vanta = await startVantaSandbox({ tokenRequestsPerMinute: 50 });
afterAll(() => vanta.stop());
afterEach(() => vanta.faults.clear());

let a: Awaited<ReturnType<typeof syncedTenant>>;
let b: Awaited<ReturnType<typeof syncedTenant>>;
beforeAll(async () => {
  a = await syncedTenant(services, "vanta-a", okta);
  b = await syncedTenant(services, "vanta-b", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
});

const input = (over: Record<string, unknown> = {}) => ({
  kind: "VANTA" as const, name: "Vanta", apiUrl: vanta.url, userAccountResourceId: vanta.resourceId,
  clientId: vanta.client.clientId, clientSecret: vanta.client.clientSecret, ...over,
});
const adminA = () => callerAs(services, a.admin, a.slug);
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as TRPCError);
/** What a refused save must not change: connections, audit events, and (for a refused input) Vanta itself. */
const written = async () => [await db.prisma.connection.count(), await db.prisma.auditEvent.count()];
const vantaCalls = () => Object.values(vanta.calls).reduce((n, c) => n + c, 0);

let connectionId = "";

describe("the Vanta connection", () => {
  it("says why an input is refused, before anything reaches Vanta or the database", async () => {
    const before = await written();
    const calls = vantaCalls();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ apiUrl: "api.vanta.com" }, /full URL like https:\/\/api\.vanta\.com/],
      [{ apiUrl: "http://api.vanta.com" }, /must use https/],
      [{ apiUrl: "https://me:pw@api.vanta.com" }, /credentials/],
      [{ apiUrl: "https://api.vanta.com/v1?x=1" }, /API's root/],
      [{ userAccountResourceId: "" }, /Resource ID is required/],
      [{ userAccountResourceId: "../../etc" }, /Resource ID looks like/],
      [{ documentId: "access reviews" }, /Document ID looks like access-reviews/],
      [{ clientSecret: " " }, /Client secret is required/],
      [{ clientSecret: "x".repeat(501) }, /too long/],
    ];
    for (const [over, message] of cases) {
      const e = await failure(adminA().connections.save(input(over)));
      expect(e.code, JSON.stringify(over)).toBe("BAD_REQUEST");
      expect(e.message, JSON.stringify(over)).toMatch(message);
    }
    expect(await written()).toEqual(before);
    expect(vantaCalls()).toBe(calls);
    // Defaults: Vanta itself, and the access review document.
    expect(vantaConnectionInput.parse({ ...input(), apiUrl: "", documentId: "" })).toMatchObject({ apiUrl: "https://api.vanta.com", documentId: "access-reviews" });
    expect(vantaConnectionInput.parse({ ...input(), apiUrl: "http://127.0.0.1:4040/" }).apiUrl).toBe("http://127.0.0.1:4040");
  });

  it("refuses credentials Vanta refuses, and ids Vanta does not know, writing nothing", async () => {
    const before = await written();
    const wrong = await failure(adminA().connections.save(input({ clientSecret: "vcs_not_the_secret" })));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.message).toMatch(/^Could not connect: Vanta get an access token: Vanta refused the client ID or client secret \(401\)/);
    expect(wrong.message).not.toContain("vcs_not_the_secret");
    const doc = await failure(adminA().connections.save(input({ documentId: "access-reveiws" })));
    expect(doc.message).toMatch(/Vanta has no document "access-reveiws"/);
    const res = await failure(adminA().connections.save(input({ userAccountResourceId: "66a0c0de5ea7c0ffee0000ff" })));
    expect(res.message).toMatch(/no UserAccount resource "66a0c0de5ea7c0ffee0000ff"/);
    const gone = await failure(adminA().connections.save(input({ apiUrl: "http://127.0.0.1:9" })));
    expect(gone.message).toMatch(/Could not connect: .*could not reach Vanta/);
    expect(await written()).toEqual(before);
  });

  it("connects with working credentials, seals them, and never returns them", async () => {
    const saved = await adminA().connections.save(input());
    expect(saved.detail).toBe(`Vanta issued a token · document “Proof of completed access review” (access-reviews, Needs document) · user accounts resource ${vanta.resourceId}`);
    connectionId = saved.connection.id;
    const row = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row).toMatchObject({ kind: "VANTA", status: "HEALTHY", tenantId: a.tenantId });
    expect(row.config).toEqual({ apiUrl: vanta.url, userAccountResourceId: vanta.resourceId, documentId: "access-reviews" });
    expect(JSON.parse(unseal({ cipher: row.secretCipher, keyId: row.secretKeyId }))).toEqual({ clientId: vanta.client.clientId, clientSecret: vanta.client.clientSecret });
    const shown = JSON.stringify([saved, await adminA().connections.list()]);
    for (const secret of [vanta.client.clientSecret, vanta.client.clientId, row.secretCipher]) expect(shown).not.toContain(secret);
    const audit = JSON.stringify(await db.prisma.auditEvent.findMany({ where: { subjectId: connectionId } }));
    expect(audit).toContain("connection.created");
    expect(audit).not.toContain(vanta.client.clientSecret);
    // One Vanta per workspace.
    const again = await failure(adminA().connections.save(input({ name: "Vanta 2" })));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already connected/);
  });

  it("builds a working connector from the stored connection", async () => {
    const row = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    const connector = evidenceFor(defaultConnectorFactory, row);
    await connector.syncUserAccounts(vanta.resourceId, [{
      id: "grant-1", displayName: "Dana Lee (Figma · Editor)", fullName: "Dana Lee", accountName: "dana.lee", email: "dana.lee@acme.example",
      permission: "editor", status: "active", createdAt: new Date("2026-11-01T00:00:00Z"),
    }]);
    expect((await connector.listUserAccounts(vanta.resourceId)).map((x) => x.id)).toEqual(["grant-1"]);
    expect(() => evidenceFor(defaultConnectorFactory, { ...row, kind: "OKTA" })).toThrow(/not an evidence connection/);
  });

  it("keeps the old credentials when a rotation fails, and swaps them when it verifies", async () => {
    const before = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    await expect(adminA().connections.save(input({ connectionId, clientSecret: "vcs_stale" }))).rejects.toThrow(/Could not connect/);
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } })).secretCipher).toBe(before.secretCipher);
    await adminA().connections.save(input({ connectionId, documentId: "access-requests" }));
    const after = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(after.secretCipher).not.toBe(before.secretCipher);
    expect(after.config).toMatchObject({ documentId: "access-requests" });
  });

  it("records health when Vanta stops answering, and again when it is back", async () => {
    vanta.faults.inject({ status: 500, times: 20, match: "/v1/" });
    const failed = await adminA().connections.test({ connectionId });
    expect(failed.ok).toBe(false);
    expect(failed.detail).toMatch(/Vanta is unavailable \(500\)/);
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } })).toMatchObject({ status: "ERROR", lastError: expect.stringMatching(/500/) });
    vanta.faults.clear();
    expect(await testConnection(a.scope, { connectionId })).toMatchObject({ ok: true });
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } })).toMatchObject({ status: "HEALTHY", lastError: null });
  });

  it("employees and auditors cannot save or test it; nothing changes", async () => {
    const before = await written();
    const row = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    for (const user of [a.employee, a.auditor]) {
      const caller = callerAs(services, user, a.slug);
      expect((await failure(caller.connections.save(input({ name: "Mine" })))).code).toBe("FORBIDDEN");
      expect((await failure(caller.connections.save(input({ connectionId })))).code).toBe("FORBIDDEN");
      expect((await failure(caller.connections.test({ connectionId })))).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await written()).toEqual(before);
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } })).toEqual(row);
  });

  it("another workspace's admin gets NOT_FOUND for this connection's id, and A's connection is untouched", async () => {
    const row = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    const adminB = callerAs(services, b.admin, b.slug);
    const replaced = await failure(adminB.connections.save(input({ connectionId, clientId: "vci_attacker" })));
    expect(replaced.code).toBe("NOT_FOUND");
    expect((await failure(adminB.connections.test({ connectionId }))).code).toBe("NOT_FOUND");
    expect(await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } })).toEqual(row);
    // B may connect its own Vanta; it does not see A's.
    const own = await adminB.connections.save(input());
    expect(own.connection.id).not.toBe(connectionId);
    expect((await adminB.connections.list()).map((c) => c.id)).not.toContain(connectionId);
  });
});
