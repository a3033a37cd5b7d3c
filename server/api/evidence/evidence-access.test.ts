// Who may pull evidence, and what a refusal looks like: the route handler called with real Requests.
import { describe, expect, it } from "vitest";
import { revokeApiToken } from "../../domain/api-tokens/revoke-api-token.ts";
import { createApiToken } from "../../domain/api-tokens/create-api-token.ts";
import { USE_AUDIT_INTERVAL_MS } from "../../domain/api-tokens/authenticate-api-token.ts";
import { encodeCursor } from "../../domain/evidence/evidence-query.ts";
import { evidenceWorld, hoursAfterBase } from "./evidence-test-world.ts";

const { db, services, t, beta, betaRequestId, tokenA, tokenB, call } = await evidenceWorld(6);
const window = "from=2026-05-01&to=2026-07-01";
const aRequestIds = (await db.prisma.accessRequest.findMany({ where: { tenantId: t.tenantId }, select: { id: true } })).map((r) => r.id);

async function refused(res: Response, status: number, error: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toMatchObject({ error, apiVersion: "v1" });
  expect(body).not.toHaveProperty("data");
  return body as { error: string; message: string; field?: string };
}

describe("evidence API authentication", () => {
  it("refuses a missing, malformed, wrong or revoked token with 401 and a Bearer challenge, and no data", async () => {
    const wrong = `gh_${"A".repeat(43)}`;
    const revoked = await createApiToken(t.scope, { name: "Old Vanta" });
    await revokeApiToken(t.scope, { tokenId: revoked.id });
    const cases: [string | null, Record<string, string>, string][] = [
      [null, {}, "missing_token"],
      [null, { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }, "missing_token"],
      [null, { authorization: `Bearer ${tokenA.secret} extra` }, "missing_token"],
      ["gh_short", {}, "invalid_token"],
      [tokenA.secret.toUpperCase(), {}, "invalid_token"],
      [wrong, {}, "invalid_token"],
      [revoked.secret, {}, "invalid_token"],
    ];
    for (const [token, headers, error] of cases) {
      for (const kind of ["requests", "grants", "reviews", "nope"]) {
        const res = await call(`${kind}?${window}`, token, headers);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="gatehouse"/);
        await refused(res, 401, error);
      }
    }
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: revoked.id } })).useCount).toBe(0);
  });

  it("a token reads its own tenant only: another tenant's token sees none of A's rows, whatever it asks", async () => {
    const res = await call(`requests?${window}&tenant=${t.slug}`, tokenB.secret);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string }[] };
    expect(body.data.map((r) => r.id)).toEqual([betaRequestId]);
    // A cursor taken from A's listing only positions B's listing; it carries no tenant.
    const first = await db.prisma.accessRequest.findFirstOrThrow({ where: { tenantId: t.tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const fromA = await call(`requests?${window}&cursor=${encodeCursor("requests", first)}`, tokenB.secret);
    const text = await fromA.text();
    for (const id of [...aRequestIds, t.tenantId]) expect(text).not.toContain(id);
    const grants = await (await call(`grants?${window}`, tokenB.secret)).text();
    for (const id of [t.tenantId, ...aRequestIds]) expect(grants).not.toContain(id);
    const csv = await (await call(`requests?${window}&format=csv`, tokenB.secret)).text();
    for (const id of aRequestIds) expect(csv).not.toContain(id);
    // And A's token does not see B's request.
    const mine = (await (await call(`requests?${window}`, tokenA.secret)).json()) as { data: { id: string }[] };
    expect(mine.data.map((r) => r.id).sort()).toEqual([...aRequestIds].sort());
    expect(mine.data.map((r) => r.id)).not.toContain(betaRequestId);
    expect(beta.tenantId).not.toBe(t.tenantId);
  });

  it("records each use on the token and audits it at most once a minute", async () => {
    const token = await createApiToken(t.scope, { name: "Counted" });
    const headers = { "x-forwarded-for": "203.0.113.9, 10.0.0.1" };
    for (let i = 0; i < 3; i++) expect((await call(`requests?${window}&limit=1`, token.secret, headers)).status).toBe(200);
    services.clock.advance(USE_AUDIT_INTERVAL_MS + 1);
    expect((await call(`grants?${window}`, token.secret, { "x-real-ip": "198.51.100.4" })).status).toBe(200);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row).toMatchObject({ useCount: 4, lastUsedIp: "198.51.100.4", lastUsedAt: services.clock.now() });
    const used = await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, action: "api_token.used", subjectId: token.id }, orderBy: { seq: "asc" } });
    expect(used.map((e) => e.data)).toEqual([
      { prefix: token.prefix, ip: "203.0.113.9", useCount: 1 },
      { prefix: token.prefix, ip: "198.51.100.4", useCount: 4 },
    ]);
    expect(used[0]).toMatchObject({ actorType: "api", actorId: token.id });
  });
});

describe("evidence API requests it cannot answer", () => {
  it("answers 404 for unknown kinds, naming the kinds there are", async () => {
    const unknown = await refused(await call("users", tokenA.secret), 404, "not_found");
    expect(unknown.message).toBe('Unknown evidence kind "users". Use one of: requests, grants, reviews, audit-events');
    expect((await call(`reviews?${window}`, tokenA.secret)).status).toBe(200);
    expect((await call(`audit-events?${window}`, tokenA.secret)).status).toBe(200);
  });

  it("answers 400 for bad parameters, naming the parameter", async () => {
    const grantsCursor = encodeCursor("grants", { createdAt: hoursAfterBase(0), id: "x" });
    const bad: [string, string][] = [
      ["from=yesterday", "from"],
      ["from=2026-02-30", "from"],
      ["from=2026-06-01T10:00:00", "from"],
      ["from=2026-06-02&to=2026-06-01", "to"],
      ["from=2026-06-01&to=2026-06-01", "to"],
      ["from=2025-01-01&to=2026-06-01", "from"],
      ["to=2026-06-01T00:00:00Z&from=2025-05-30T23:59:59Z", "from"],
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["limit=ten", "limit"],
      ["limit=2.5", "limit"],
      ["cursor=!!!", "cursor"],
      ["cursor=eyJub3QiOiJvdXJzIn0", "cursor"],
      [`cursor=${grantsCursor}`, "cursor"],
      [`cursor=${"A".repeat(601)}`, "cursor"],
      ["format=xml", "format"],
    ];
    for (const [query, field] of bad) {
      const body = await refused(await call(`requests?${query}`, tokenA.secret), 400, "invalid_request");
      expect(body.field, query).toBe(field);
      expect(body.message.length).toBeGreaterThan(5);
    }
    // 366 days exactly is allowed.
    expect((await call("requests?from=2025-06-01T00:00:00Z&to=2026-06-02T00:00:00Z", tokenA.secret)).status).toBe(200);
  });
});
