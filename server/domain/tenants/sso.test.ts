import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { configureSso, getSso } from "./configure-sso.ts";
import { tenantSignIn } from "../../auth/tenant-sign-in.ts";
import { buildAuthOptions } from "../../auth/options.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
let t: Awaited<ReturnType<typeof syncedTenant>>;
let issuer = "";

// A stand-in OpenID Provider: just the discovery document, which is all that configuring SSO reads.
const idp = http.createServer((req, res) => {
  if (req.url === "/oauth2/default/.well-known/openid-configuration") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/v1/authorize`, token_endpoint: `${issuer}/v1/token` }));
  } else {
    res.statusCode = 404;
    res.end();
  }
});

beforeAll(async () => {
  await new Promise<void>((r) => idp.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(idp.address() as { port: number }).port}/oauth2/default`;
  t = await syncedTenant(services, "sso", okta);
});
afterAll(() => new Promise((r) => idp.close(r)));

describe("tenant SSO", () => {
  it("saves an issuer that answers discovery, seals the secret, and offers the tenant's provider", async () => {
    const saved = await configureSso(t.scope, { issuer: `${issuer}/`, clientId: "0oa123", clientSecret: "super-secret" });
    expect(saved).toEqual({ slug: "sso", issuer, clientId: "0oa123", hasSecret: true, providerId: "oidc-sso" });
    expect(JSON.stringify(await getSso(t.scope))).not.toContain("super-secret");
    const row = await db.prisma.tenant.findUniqueOrThrow({ where: { id: t.tenantId } });
    expect(row.oidcClientSecretCipher).not.toContain("super-secret");
    const options = await buildAuthOptions(services);
    expect(options.providers.map((p) => p.id)).toContain("oidc-sso");
  });

  it("refuses an issuer that is not an OpenID Provider and keeps the old settings", async () => {
    await expect(configureSso(t.scope, { issuer: `http://127.0.0.1:${(idp.address() as { port: number }).port}/nope`, clientId: "x", clientSecret: "y" }))
      .rejects.toThrow(/Could not verify the identity provider/);
    await expect(configureSso(t.scope, { issuer: "http://idp.example.com", clientId: "x", clientSecret: "y" })).rejects.toThrow(/https/);
    expect((await getSso(t.scope)).clientId).toBe("0oa123");
  });

  it("lets in members and people of the tenant's directory, and nobody else", async () => {
    expect(await tenantSignIn(services, "sso", t.admin.email, "Alex")).toBe(true);
    // Zoe is in the directory but not yet a member: she joins as an employee.
    expect(await tenantSignIn(services, "sso", "zoe.martin@acme.example", "Zoe")).toBe(true);
    const zoe = await db.prisma.tenantMember.findFirstOrThrow({ where: { tenantId: t.tenantId, user: { email: "zoe.martin@acme.example" } } });
    expect(zoe.roles).toEqual([]);
    expect(zoe.personId).toBeTruthy();
    expect(await tenantSignIn(services, "sso", "stranger@evil.example", "X")).toBe(false);
    expect(await tenantSignIn(services, "no-such-tenant", t.admin.email, "Alex")).toBe(false);
    expect(await tenantSignIn(services, "sso", "", "")).toBe(false);
  });
});
