// The sandbox Graph speaks Graph's protocol (token errors, paging, duplicate add, refusals, throttling), checked
// with raw HTTPS requests, and the Entra connector (real SDK) behaves on it as it must against Graph.

import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createEntraConnector, type EntraConnector } from "../../connectors/graph/index.ts";
import { DUPLICATE_MEMBER_MESSAGE, generateGraphDirectory, startGraphSandbox, type GraphSandbox } from "./index.ts";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, any>;
}

function call(sb: GraphSandbox, method: string, path: string, opts: { token?: string; json?: unknown; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : opts.json !== undefined ? JSON.stringify(opts.json) : undefined;
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (body !== undefined) headers["Content-Type"] = opts.form ? "application/x-www-form-urlencoded" : "application/json";
  return new Promise((resolve, reject) => {
    const req = request(`${sb.url}${path}`, { method, headers, ca: sb.ca }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const tokenPath = (sb: GraphSandbox, tenant = sb.tenantId) => `/${tenant}/oauth2/v2.0/token`;
const goodForm = (sb: GraphSandbox) => ({ client_id: sb.clientId, client_secret: sb.clientSecret, scope: "https://graph.microsoft.com/.default", grant_type: "client_credentials" });

async function token(sb: GraphSandbox): Promise<string> {
  const a = await call(sb, "POST", tokenPath(sb), { form: goodForm(sb) });
  expect(a.status).toBe(200);
  return a.body.access_token as string;
}

function connector(sb: GraphSandbox, extra: Partial<Parameters<typeof createEntraConnector>[0]> = {}): EntraConnector {
  return createEntraConnector({
    graphUrl: sb.url, authorityUrl: sb.url, ca: sb.ca, tenantId: sb.tenantId, clientId: sb.clientId, clientSecret: sb.clientSecret,
    timeoutMs: 5000, retryMinDelayMs: 10, retryMaxDelayMs: 50, ...extra,
  });
}

describe("sandbox Graph", () => {
  let sb: GraphSandbox;
  let bearer: string;
  beforeAll(async () => {
    sb = await startGraphSandbox({ state: generateGraphDirectory({ users: 40, groups: 12, memberships: 60, seed: 3 }) });
    bearer = await token(sb);
  });
  afterAll(async () => {
    await sb.stop();
  });

  describe("token endpoint", () => {
    it("issues a Bearer token for client_credentials with the right secret", async () => {
      const a = await call(sb, "POST", tokenPath(sb), { form: goodForm(sb) });
      expect(a.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: expect.any(String) });
    });

    it("answers bad credentials with Entra's error body", async () => {
      const wrongSecret = await call(sb, "POST", tokenPath(sb), { form: { ...goodForm(sb), client_secret: "nope" } });
      expect(wrongSecret.status).toBe(401);
      expect(wrongSecret.body).toMatchObject({ error: "invalid_client", error_codes: [7000215], trace_id: expect.any(String), correlation_id: expect.any(String) });
      expect(wrongSecret.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided/);

      const unknownApp = await call(sb, "POST", tokenPath(sb), { form: { ...goodForm(sb), client_id: "11111111-2222-4333-8444-555555555555" } });
      expect(unknownApp.status).toBe(400);
      expect(unknownApp.body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });

      const unknownTenant = await call(sb, "POST", tokenPath(sb, "contoso-typo.onmicrosoft.com"), { form: goodForm(sb) });
      expect(unknownTenant.status).toBe(400);
      expect(unknownTenant.body).toMatchObject({ error: "invalid_request", error_codes: [90002] });

      const badScope = await call(sb, "POST", tokenPath(sb), { form: { ...goodForm(sb), scope: "User.Read.All" } });
      expect(badScope.body).toMatchObject({ error: "invalid_scope" });
      const badGrant = await call(sb, "POST", tokenPath(sb), { form: { ...goodForm(sb), grant_type: "password" } });
      expect(badGrant.body).toMatchObject({ error: "unsupported_grant_type" });
    });

    it("Graph refuses a missing, unknown or expired token with 401 InvalidAuthenticationToken", async () => {
      const none = await call(sb, "GET", "/v1.0/users");
      expect(none.status).toBe(401);
      expect(none.body.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty.", innerError: { "request-id": expect.any(String), date: expect.any(String) } });
      expect((await call(sb, "GET", "/v1.0/users", { token: "made-up" })).status).toBe(401);
      const short = await token(sb);
      sb.tokens.issued.get(short)!.expiresAt = Date.now() - 1;
      const expired = await call(sb, "GET", "/v1.0/users", { token: short });
      expect(expired.body.error.message).toBe("Lifetime validation failed, the token is expired.");
    });

    it("the connector reports bad credentials through validate() and renews a token Graph stopped accepting", async () => {
      const bad = connector(sb, { clientSecret: "wrong" });
      const v = await bad.validate();
      expect(v).toMatchObject({ ok: false });
      expect(v.detail).toMatch(/invalid_client: AADSTS7000215/);
      bad.close();

      const c = connector(sb);
      await c.listUsers(null, 1);
      const tokensBefore = sb.calls["POST /{tenant}/oauth2/v2.0/token"]!;
      await c.listUsers(null, 1);
      expect(sb.calls["POST /{tenant}/oauth2/v2.0/token"]).toBe(tokensBefore); // cached
      for (const [t, v] of sb.tokens.issued) if (t !== bearer) v.expiresAt = 0;
      await expect(c.listUsers(null, 1)).resolves.toMatchObject({ items: [expect.anything()] });
      expect(sb.calls["POST /{tenant}/oauth2/v2.0/token"]).toBe(tokensBefore + 1);
      c.close();
    });
  });

  describe("users and paging", () => {
    it("pages with $top and an absolute https @odata.nextLink carrying $skiptoken, until it is absent", async () => {
      const seen: string[] = [];
      let path: string | null = "/v1.0/users?$select=id,displayName&$top=7";
      let pages = 0;
      while (path) {
        const a: Answer = await call(sb, "GET", path, { token: bearer });
        expect(a.status).toBe(200);
        expect(a.headers["content-type"]).toMatch(/^application\/json/);
        expect(a.body["@odata.context"]).toContain("$metadata#users");
        seen.push(...a.body.value.map((u: { id: string }) => u.id));
        const next = a.body["@odata.nextLink"] as string | undefined;
        if (next) {
          expect(next.startsWith(`${sb.url}/v1.0/users?`)).toBe(true);
          expect(next).toMatch(/\$skiptoken=/);
          expect(next).toMatch(/\$top=7/);
        }
        path = next ? next.slice(sb.url.length) : null;
        pages++;
      }
      expect(new Set(seen).size).toBe(sb.state.users.size);
      expect(pages).toBe(Math.ceil(sb.state.users.size / 7));
    });

    it("enforces page sizes: $top up to 999, up to 500 with signInActivity", async () => {
      expect((await call(sb, "GET", "/v1.0/users?$top=999", { token: bearer })).status).toBe(200);
      const over = await call(sb, "GET", "/v1.0/users?$top=1000", { token: bearer });
      expect(over.status).toBe(400);
      expect(over.body.error.message).toMatch(/between 1 and 999/);
      const signIn = await call(sb, "GET", "/v1.0/users?$select=id,signInActivity&$top=501", { token: bearer });
      expect(signIn.status).toBe(400);
      expect(signIn.body.error.message).toMatch(/between 1 and 500/);
    });

    it("returns $select-ed fields, manager by $expand and /manager, and refuses unknown properties", async () => {
      const withManager = [...sb.state.users.values()].find((u) => u.managerId)!;
      const one = await call(sb, "GET", `/v1.0/users/${withManager.id}?$select=id,department,jobTitle,accountEnabled&$expand=manager($select=id)`, { token: bearer });
      expect(one.body).toMatchObject({ id: withManager.id, department: withManager.department, jobTitle: withManager.jobTitle, accountEnabled: true, manager: { id: withManager.managerId } });
      const mgr = await call(sb, "GET", `/v1.0/users/${withManager.id}/manager`, { token: bearer });
      expect(mgr.body).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: withManager.managerId });
      const unknown = await call(sb, "GET", "/v1.0/users?$select=id,shoeSize", { token: bearer });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe("Request_BadRequest");
      // Without $select, v1.0 leaves department and accountEnabled out.
      const plain = await call(sb, "GET", "/v1.0/users?$top=1", { token: bearer });
      expect(plain.body.value[0]).not.toHaveProperty("department");
    });

    it("signInActivity: 403 without the licence; the connector falls back and says so in its capabilities", async () => {
      const c = connector(sb);
      const withLicence = await c.listUsers(null, 50);
      expect(withLicence.items.some((u) => u.lastLoginAt instanceof Date)).toBe(true);
      expect(c.capabilities.lastActivity).toBe(true);

      sb.state.premiumLicence = false;
      try {
        const refused = await call(sb, "GET", "/v1.0/users?$select=id,signInActivity", { token: bearer });
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatchObject({ code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant", message: "Neither tenant is B2C or tenant doesn't have premium license" });
        const page = await c.listUsers(null, 50);
        expect(page.items.length).toBeGreaterThan(0);
        expect(page.items.every((u) => u.lastLoginAt === null)).toBe(true);
        expect(c.capabilities.lastActivity).toBe(false);
        expect(c.lastActivityUnavailableReason).toMatch(/P1 or P2/);
        const fresh = connector(sb);
        const v = await fresh.validate();
        expect(v.ok).toBe(true);
        expect(v.detail).toMatch(/licence/);
        expect(fresh.capabilities.lastActivity).toBe(false);
        fresh.close();
      } finally {
        sb.state.premiumLicence = true;
        c.close();
      }
    });

    it("PATCH accountEnabled:false disables (204), and the connector reads the status back", async () => {
      const u = sb.state.addUser({ login: "leaver@contoso.test" });
      const a = await call(sb, "PATCH", `/v1.0/users/${u.id}`, { token: bearer, json: { accountEnabled: false } });
      expect(a.status).toBe(204);
      expect(sb.state.mustUser(u.id).accountEnabled).toBe(false);
      const c = connector(sb);
      expect((await c.readUserStatus(u.id)).status).toBe("SUSPENDED");
      c.close();
    });
  });

  describe("groups and members", () => {
    it("lists groupTypes, onPremisesSyncEnabled and membershipRule; the connector marks dynamic and synced groups unmanaged", async () => {
      const a = await call(sb, "GET", "/v1.0/groups?$select=id,displayName,groupTypes,onPremisesSyncEnabled,membershipRule&$top=999", { token: bearer });
      const kinds = a.body.value.map((g: { groupTypes: string[]; onPremisesSyncEnabled: boolean | null }) => (g.groupTypes.includes("DynamicMembership") ? "dynamic" : g.onPremisesSyncEnabled ? "synced" : "plain"));
      expect(kinds).toContain("plain");
      const dyn = sb.state.addGroup({ name: "All Engineers", kind: "dynamic" });
      const synced = sb.state.addGroup({ name: "AD Finance", kind: "onPremises" });
      const c = connector(sb);
      const groups: Awaited<ReturnType<EntraConnector["listGroups"]>>["items"] = [];
      let cursor: string | null = null;
      do {
        const p: Awaited<ReturnType<EntraConnector["listGroups"]>> = await c.listGroups(cursor, 5);
        groups.push(...p.items);
        cursor = p.next;
      } while (cursor);
      expect(groups.find((g) => g.externalId === dyn.id)).toMatchObject({ managed: false, type: "DYNAMIC", unmanagedReason: expect.stringMatching(/Dynamic group.*user\.department/) });
      expect(groups.find((g) => g.externalId === synced.id)).toMatchObject({ managed: false, unmanagedReason: expect.stringMatching(/on-premises/) });
      c.close();
    });

    it("POST members/$ref adds (204); a duplicate is 400 Request_BadRequest with Graph's message; the connector calls it success", async () => {
      const g = sb.state.addGroup({ name: "Figma Editors (test)" });
      const u = sb.state.addUser({ login: "dup@contoso.test" });
      const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${u.id}` };
      expect((await call(sb, "POST", `/v1.0/groups/${g.id}/members/$ref`, { token: bearer, json: ref })).status).toBe(204);
      const dup = await call(sb, "POST", `/v1.0/groups/${g.id}/members/$ref`, { token: bearer, json: ref });
      expect(dup.status).toBe(400);
      expect(dup.body.error).toMatchObject({ code: "Request_BadRequest", message: DUPLICATE_MEMBER_MESSAGE });
      const c = connector(sb);
      await expect(c.addMember(g.id, u.id)).resolves.toBeUndefined();
      expect(sb.calls["POST /v1.0/groups/{id}/members/$ref"]).toBeGreaterThanOrEqual(3);
      expect(sb.state.memberIds(g.id)).toEqual([u.id]);
      c.close();
    });

    it("DELETE members/{id}/$ref removes (204), 404 for a non-member; members list pages", async () => {
      const g = sb.state.addGroup({ name: "Zoom Users (test)" });
      const users = [0, 1, 2].map((i) => sb.state.addUser({ login: `m${i}@contoso.test` }));
      for (const u of users) sb.state.addMembership(g.id, u.id);
      const first = await call(sb, "GET", `/v1.0/groups/${g.id}/members?$select=id&$top=2`, { token: bearer });
      expect(first.body.value).toHaveLength(2);
      expect(first.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
      const second = await call(sb, "GET", first.body["@odata.nextLink"].slice(sb.url.length), { token: bearer });
      expect(second.body.value).toHaveLength(1);
      expect(second.body["@odata.nextLink"]).toBeUndefined();
      expect((await call(sb, "DELETE", `/v1.0/groups/${g.id}/members/${users[0]!.id}/$ref`, { token: bearer })).status).toBe(204);
      const again = await call(sb, "DELETE", `/v1.0/groups/${g.id}/members/${users[0]!.id}/$ref`, { token: bearer });
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe("Request_ResourceNotFound");
    });

    it("dynamic and on-premises-synced groups refuse changes with 400; the connector reports forbidden", async () => {
      const u = sb.state.addUser({ login: "refused@contoso.test" });
      const c = connector(sb);
      for (const kind of ["dynamic", "onPremises"] as const) {
        const g = sb.state.addGroup({ name: `Refusing ${kind}`, kind });
        const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${u.id}` };
        const add = await call(sb, "POST", `/v1.0/groups/${g.id}/members/$ref`, { token: bearer, json: ref });
        expect(add.status).toBe(400);
        expect(add.body.error.code).toBe("Request_BadRequest");
        sb.state.addMembership(g.id, u.id);
        expect((await call(sb, "DELETE", `/v1.0/groups/${g.id}/members/${u.id}/$ref`, { token: bearer })).status).toBe(400);
        expect(sb.state.isMember(g.id, u.id)).toBe(true);
        await expect(c.removeMember(g.id, u.id)).rejects.toMatchObject({ code: "forbidden", retryable: false });
      }
      c.close();
    });
  });

  describe("throttling and faults", () => {
    it("429 carries Retry-After and Graph's body; the connector (SDK RetryHandler) waits it out and succeeds", async () => {
      sb.faults.inject({ status: 429, times: 1, match: "GET /v1.0/users" });
      const raw = await call(sb, "GET", "/v1.0/users?$top=1", { token: bearer });
      expect(raw.status).toBe(429);
      expect(raw.headers["retry-after"]).toBe("1");
      expect(raw.body.error.code).toBe("TooManyRequests");

      const c = connector(sb);
      await c.validate();
      sb.faults.inject({ status: 429, times: 1, match: "GET /v1.0/users" });
      const before = c.apiCalls();
      const t0 = Date.now();
      const page = await c.listUsers(null, 3);
      expect(page.items).toHaveLength(3);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // Retry-After: 1 was honoured
      expect(c.apiCalls() - before).toBe(2);
      c.close();
    });

    it("503 with Retry-After is retried by the SDK; 503 forever is a retryable unavailable error", async () => {
      const c = connector(sb, { throttleRetries: 2 });
      await c.validate();
      sb.faults.inject({ status: 503, times: 1, retryAfterSeconds: 0 });
      await expect(c.listUsers(null, 2)).resolves.toMatchObject({ items: [expect.anything(), expect.anything()] });
      sb.faults.inject({ status: 503, times: 100, retryAfterSeconds: 0 });
      const before = c.apiCalls();
      try {
        await expect(c.listUsers(null, 2)).rejects.toMatchObject({ code: "unavailable", retryable: true, status: 503 });
        expect(c.apiCalls() - before).toBe(3); // 1 + 2 RetryHandler retries, none of ours on top
      } finally {
        sb.faults.clear();
        c.close();
      }
    });
  });
});

describe("generateGraphDirectory", () => {
  it("is deterministic and mirrors the Okta generator's directory", () => {
    const a = generateGraphDirectory({ users: 300, groups: 30, memberships: 900, seed: 42 });
    const b = generateGraphDirectory({ users: 300, groups: 30, memberships: 900, seed: 42 });
    const dump = (s: typeof a) => JSON.stringify({ u: [...s.users.values()], g: [...s.groups.values()], m: s.groupIds().map((id) => s.memberIds(id)) });
    expect(dump(a)).toBe(dump(b));
    expect(dump(generateGraphDirectory({ users: 300, groups: 30, memberships: 900, seed: 43 }))).not.toBe(dump(a));
    const users = [...a.users.values()];
    expect(users.length).toBeGreaterThan(270); // Okta's DEPROVISIONED (≈3%) are deleted users here
    expect(users.some((u) => !u.accountEnabled)).toBe(true);
    expect(users.some((u) => u.managerId && a.users.has(u.managerId))).toBe(true);
    const groups = [...a.groups.values()];
    expect(groups.some((g) => g.groupTypes.includes("DynamicMembership"))).toBe(true);
    expect(groups.some((g) => g.onPremisesSyncEnabled)).toBe(true);
  });
});
