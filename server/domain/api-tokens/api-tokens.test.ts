import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { testDatabase } from "../../testing/db.ts";
import { makeServices } from "../../testing/fixtures.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant, type TenantScope } from "../services.ts";
import { DomainError } from "../errors.ts";
import { createApiToken } from "./create-api-token.ts";
import { revokeApiToken } from "./revoke-api-token.ts";
import { listApiTokens } from "./queries.ts";
import { authenticateApiToken, USE_AUDIT_INTERVAL_MS } from "./authenticate-api-token.ts";
import { EVIDENCE_READ, hashToken } from "./token-secret.ts";

const db = await testDatabase();
const services = makeServices(db);
let a: TenantScope;
let b: TenantScope;

beforeAll(async () => {
  for (const slug of ["tok-a", "tok-b"]) {
    const t = await createTenant(services, { type: "cli", label: "test" }, { slug, name: slug, adminEmail: `admin@${slug}.example` });
    const scope = forTenant(services, t.id, { type: "user", id: `u-${slug}`, label: `admin@${slug}.example` });
    if (slug === "tok-a") a = scope;
    else b = scope;
  }
});

const auth = (secret: string | null, ip = "203.0.113.7", scheme = "Bearer") =>
  authenticateApiToken(services, { authorization: secret === null ? null : `${scheme} ${secret}`, ip, requiredScope: EVIDENCE_READ });
const audits = (tokenId: string, action: string) => db.prisma.auditEvent.findMany({ where: { subjectId: tokenId, action }, orderBy: { seq: "asc" } });
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e);

describe("API tokens", () => {
  it("returns the secret once, stores only its hash and prefix, and audits the creation", async () => {
    const created = await createApiToken(a, { name: "  Vanta  " });
    expect(created.secret).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "Vanta", prefix: created.secret.slice(0, 11), scopes: [EVIDENCE_READ] });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ tenantId: a.tenantId, hash: hashToken(created.secret), createdBy: "admin@tok-a.example", useCount: 0, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(created.secret);
    const listed = await listApiTokens(a);
    expect(listed.map((t) => t.id)).toEqual([created.id]);
    expect(listed[0]).toMatchObject({ status: "ACTIVE", prefix: created.prefix });
    expect(listed[0]).not.toHaveProperty("hash");
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(11));
    const [event] = await audits(created.id, "api_token.created");
    expect(event).toMatchObject({ tenantId: a.tenantId, actorLabel: "admin@tok-a.example", subjectType: "api_token" });
    expect(JSON.stringify(event)).not.toContain(created.secret.slice(11));
    // Two tokens never share a secret.
    expect((await createApiToken(a, { name: "Drata" })).secret).not.toBe(created.secret);
  });

  it("needs a name of at most 80 characters", async () => {
    const before = await db.prisma.apiToken.count();
    expect(await refusal(createApiToken(a, { name: "   " }))).toBeInstanceOf(ZodError);
    expect(await refusal(createApiToken(a, { name: "x".repeat(81) }))).toBeInstanceOf(ZodError);
    expect(await db.prisma.apiToken.count()).toBe(before);
  });

  it("authenticates a token into its own tenant and records each use, auditing at most once a minute", async () => {
    const { id, secret } = await createApiToken(a, { name: "Use counter" });
    const first = await auth(secret);
    expect(first.ok && first.scope.tenantId).toBe(a.tenantId);
    expect(first.ok && first.scope.actor).toMatchObject({ type: "api", id });
    await auth(secret, "198.51.100.2");
    let row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ useCount: 2, lastUsedIp: "198.51.100.2", lastUsedAt: services.clock.now() });
    expect(await audits(id, "api_token.used")).toHaveLength(1);
    services.clock.advance(USE_AUDIT_INTERVAL_MS);
    await Promise.all([auth(secret), auth(secret), auth(secret)]);
    row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.useCount).toBe(5);
    const used = await audits(id, "api_token.used");
    expect(used.map((e) => (e.data as { useCount: number }).useCount)).toEqual([1, 3]);
  });

  it("refuses a missing, malformed, wrong or revoked token", async () => {
    const { id, secret } = await createApiToken(a, { name: "Short-lived" });
    expect(await auth(null)).toMatchObject({ ok: false, status: 401, error: "missing_token" });
    expect(await auth(secret, undefined, "Basic")).toMatchObject({ ok: false, status: 401, error: "missing_token" });
    expect(await auth("gh_tooshort")).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    expect(await auth(wrong)).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    const revoked = await revokeApiToken(a, { tokenId: id });
    expect(revoked.revokedAt).toEqual(services.clock.now());
    expect(await auth(secret)).toMatchObject({ ok: false, status: 401, error: "invalid_token" });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ revokedBy: "admin@tok-a.example", useCount: 0 });
    expect(await audits(id, "api_token.revoked")).toHaveLength(1);
    expect((await listApiTokens(a)).find((t) => t.id === id)?.status).toBe("REVOKED");
    // Revoking twice is a conflict and writes nothing more.
    expect((await refusal(revokeApiToken(a, { tokenId: id })) as DomainError).code).toBe("CONFLICT");
    expect(await audits(id, "api_token.revoked")).toHaveLength(1);
  });

  it("keeps tenants apart: another tenant can neither list nor revoke a token", async () => {
    const { id, secret } = await createApiToken(a, { name: "Tenant A only" });
    expect((await listApiTokens(b)).map((t) => t.id)).not.toContain(id);
    expect((await refusal(revokeApiToken(b, { tokenId: id })) as DomainError).code).toBe("NOT_FOUND");
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    const ok = await auth(secret);
    expect(ok.ok && ok.scope.tenantId).toBe(a.tenantId);
  });

  it("caps the live tokens of a workspace", async () => {
    const live = await db.prisma.apiToken.count({ where: { tenantId: b.tenantId, revokedAt: null } });
    for (let i = live; i < 25; i++) await createApiToken(b, { name: `Token ${i}` });
    expect((await refusal(createApiToken(b, { name: "One too many" })) as DomainError).code).toBe("CONFLICT");
  });
});
