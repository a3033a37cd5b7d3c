import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices } from "../../testing/fixtures.ts";
import { startJiraSandbox, DEFAULT_JIRA_ACCOUNT } from "../../sandbox/jira/index.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant, type TenantScope } from "../services.ts";
import { saveConnection } from "./save-connection.ts";
import { testConnection } from "./test-connection.ts";
import { listConnections } from "./queries.ts";
import { connectionInput } from "./schemas.ts";
import { unseal } from "../../lib/secrets.ts";
import { afterAll } from "vitest";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
const jira = await startJiraSandbox({});
afterAll(() => jira.stop());
let scope: TenantScope;

beforeAll(async () => {
  const tenant = await createTenant(services, { type: "cli", label: "test" }, { slug: "conn", name: "Conn", adminEmail: "a@conn.example" });
  scope = forTenant(services, tenant.id, { type: "user", label: "a@conn.example" });
});
afterEach(() => okta.faults.clear());

const rows = () => db.prisma.connection.count();

describe("connections", () => {
  it("verifies Okta credentials on save, stores the token sealed and never returns it", async () => {
    const { connection, detail } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
    expect(connection.status).toBe("HEALTHY");
    expect(detail).toBeTruthy();
    const stored = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored.secretCipher).not.toContain(okta.token);
    expect(JSON.parse(unseal({ cipher: stored.secretCipher, keyId: stored.secretKeyId }))).toEqual({ token: okta.token });
    const listed = JSON.stringify(await listConnections(scope));
    expect(listed).not.toContain(okta.token);
    expect(listed).not.toContain(stored.secretCipher);
    const audit = JSON.stringify(await db.prisma.auditEvent.findMany({ where: { subjectId: connection.id } }));
    expect(audit).not.toContain(okta.token);
  });

  it("refuses bad credentials and writes nothing", async () => {
    const before = await rows();
    await expect(saveConnection(scope, { kind: "OKTA", name: "Bad", orgUrl: okta.url, authMode: "token", token: "wrong" }))
      .rejects.toThrow(/Could not connect: .*(token|E0000011)/i);
    expect(await rows()).toBe(before);
  });

  it("keeps the old credentials when a rotation fails, and swaps them when it verifies", async () => {
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Rotating", orgUrl: okta.url, authMode: "token", token: okta.token });
    const before = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    await expect(saveConnection(scope, { connectionId: connection.id, kind: "OKTA", name: "Rotating", orgUrl: okta.url, authMode: "token", token: "stale" })).rejects.toThrow(/Could not connect/);
    const after = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after.secretCipher).toBe(before.secretCipher);
    await saveConnection(scope, { connectionId: connection.id, kind: "OKTA", name: "Rotating", orgUrl: okta.url, authMode: "token", token: okta.token });
    const rotated = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(rotated.secretCipher).not.toBe(before.secretCipher);
  });

  it("says why a URL is refused", () => {
    const parse = (orgUrl: string) => connectionInput.safeParse({ kind: "OKTA", name: "x", orgUrl, authMode: "token", token: "t" });
    const message = (orgUrl: string) => { const r = parse(orgUrl); return r.success ? "" : r.error.issues[0]!.message; };
    expect(message("acme.okta.com")).toMatch(/full URL/);
    expect(message("http://acme.okta.com")).toMatch(/https/);
    expect(message("https://user:pw@acme.okta.com")).toMatch(/credentials/);
    expect(message("https://acme.okta.com/admin?x=1")).toMatch(/site root/);
    expect(message("https://" + "a".repeat(300) + ".com")).toMatch(/too long/);
    expect(parse("https://acme.okta.com/").success).toBe(true);
    expect(parse("http://127.0.0.1:4010").success).toBe(true);
  });

  it("reports an unreachable org clearly", async () => {
    await expect(saveConnection(scope, { kind: "OKTA", name: "Gone", orgUrl: "http://127.0.0.1:9", authMode: "token", token: "t" }))
      .rejects.toThrow(/Could not connect/);
  });

  it("records health when a stored connection stops working", async () => {
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Health", orgUrl: okta.url, authMode: "token", token: okta.token });
    okta.faults.inject({ status: 500, times: 20 });
    const result = await testConnection(scope, { connectionId: connection.id });
    expect(result.ok).toBe(false);
    const row = await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.status).toBe("ERROR");
    expect(row.lastError).toBeTruthy();
    okta.faults.clear();
    expect((await testConnection(scope, { connectionId: connection.id })).ok).toBe(true);
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("HEALTHY");
  });

  it("connects Jira with an API token and refuses an unknown project", async () => {
    const ok = await saveConnection(scope, {
      kind: "JIRA", name: "Jira", siteUrl: jira.url, projectKey: "ACCESS", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken,
    });
    expect(ok.detail).toMatch(/ACCESS/);
    const before = await rows();
    await expect(saveConnection(scope, {
      kind: "JIRA", name: "Jira 2", siteUrl: jira.url, projectKey: "NOPE", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken,
    })).rejects.toThrow(/NOPE/);
    expect(await rows()).toBe(before);
  });

  it("refuses a duplicate name", async () => {
    await expect(saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token })).rejects.toThrow(/already exists/);
  });
});
