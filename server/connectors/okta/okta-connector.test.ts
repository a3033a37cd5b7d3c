// Okta-specific behaviour of the connector against the sandbox Okta (real SDK, real HTTP).

import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { generateDirectory, OktaState, startOktaSandbox, type OktaSandbox } from "../../sandbox/okta/index.ts";
import { ConnectorError, type Page } from "../types.ts";
import { APP_GROUP_MESSAGE, createOktaConnector, type OktaConnector, type OktaConnectorConfig } from "./index.ts";

async function collect<T>(list: (cursor: string | null) => Promise<Page<T>>) {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const p: Page<T> = await list(cursor);
    items.push(...p.items);
    pages++;
    cursor = p.next;
  } while (cursor);
  return { items, pages };
}

async function rejection(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

describe("Okta connector", () => {
  let sandbox: OktaSandbox;
  const connect = (over: Partial<OktaConnectorConfig> = {}): OktaConnector =>
    createOktaConnector({ orgUrl: sandbox.url, auth: { mode: "token", token: sandbox.token }, retryMinDelayMs: 10, retryMaxDelayMs: 20, timeoutMs: 5000, ...over });

  beforeAll(async () => {
    // 450 listable users (no DEPROVISIONED among the generated ones), 2,500 members in one group.
    const state = generateDirectory({ users: 450, groups: 12, memberships: 0, seed: 5, deprovisionedRatio: 0 });
    sandbox = await startOktaSandbox({ state });
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  afterEach(() => {
    sandbox.faults.clear();
  });

  describe("paging", () => {
    it("lists 450 users with page size 200 in exactly 3 calls, next = absolute Link URL of the sandbox", async () => {
      const c = connect();
      const first = await c.listUsers();
      expect(first.items).toHaveLength(200);
      expect(first.next).toMatch(new RegExp(`^${sandbox.url}/api/v1/users\\?`));
      expect(new URL(first.next!).searchParams.get("after")).toBe(first.items[199].externalId);
      const second = await c.listUsers(first.next);
      const third = await c.listUsers(second.next);
      expect(second.items).toHaveLength(200);
      expect(third.items).toHaveLength(50);
      expect(third.next).toBeNull();
      expect(c.apiCalls()).toBe(3);
      const ids = new Set([...first.items, ...second.items, ...third.items].map((u) => u.externalId));
      expect(ids.size).toBe(450);
    });

    it("an exact multiple of the page size ends without an extra empty page (400 users → 2 calls)", async () => {
      const state = generateDirectory({ users: 400, groups: 1, memberships: 0, seed: 9, deprovisionedRatio: 0 });
      const sb = await startOktaSandbox({ state });
      try {
        const c = createOktaConnector({ orgUrl: sb.url, auth: { mode: "token", token: sb.token } });
        const { items, pages } = await collect((cur) => c.listUsers(cur));
        expect(items).toHaveLength(400);
        expect(pages).toBe(2);
        expect(c.apiCalls()).toBe(2);
        expect(sb.stats.count("GET /api/v1/users")).toBe(2);
      } finally {
        await sb.stop();
      }
    });

    it("lists 2,500 group members with the default page (1,000) in 3 calls", async () => {
      const state = generateDirectory({ users: 2600, groups: 1, memberships: 2500, seed: 4 });
      const sb = await startOktaSandbox({ state });
      try {
        const c = createOktaConnector({ orgUrl: sb.url, auth: { mode: "token", token: sb.token } });
        const gid = [...state.groups.keys()][0];
        const { items, pages } = await collect((cur) => c.listGroupMembers(gid, cur));
        expect(new Set(items).size).toBe(2500);
        expect(pages).toBe(3);
        expect(c.apiCalls()).toBe(3);
      } finally {
        await sb.stop();
      }
    });

    it("syncs a 5,000-user / 500-group directory with the minimum number of calls", async () => {
      const state = generateDirectory({ users: 5000, groups: 500, memberships: 20_000, seed: 42 });
      const listable = [...state.users.values()].filter((u) => u.status !== "DEPROVISIONED").length;
      const sb = await startOktaSandbox({ state });
      try {
        const c = createOktaConnector({ orgUrl: sb.url, auth: { mode: "token", token: sb.token }, pageSize: { groups: 200 } });
        const users = await collect((cur) => c.listUsers(cur));
        expect(users.items).toHaveLength(listable);
        expect(c.apiCalls()).toBe(Math.ceil(listable / 200));
        const before = c.apiCalls();
        const groups = await collect((cur) => c.listGroups(cur));
        expect(groups.items).toHaveLength(500);
        // 3 pages of groups + 1 call for group rules (once per connector instance).
        expect(c.apiCalls() - before).toBe(3 + 1);
        expect(groups.items.some((g) => g.type === "APP_GROUP" && !g.managed)).toBe(true);
      } finally {
        await sb.stop();
      }
    });

    it("a cursor resumes on another connector instance and the first page is not re-read", async () => {
      const a = connect();
      const p1 = await a.listUsers(null, 100);
      const b = connect();
      const p2 = await b.listUsers(p1.next);
      expect(b.apiCalls()).toBe(1);
      expect(p2.items).toHaveLength(100);
      expect(p2.items[0].externalId > p1.items[99].externalId).toBe(true);
    });

    it("refuses a cursor for another host or endpoint (the credential must not leave the org)", async () => {
      const c = connect();
      const before = sandbox.stats.total;
      const other = await rejection(c.listUsers("https://evil.example.com/api/v1/users?after=00u1"));
      expect(other.code).toBe("invalid");
      const wrongPath = await rejection(c.listUsers(`${sandbox.url}/api/v1/groups?after=00g1`));
      expect(wrongPath.code).toBe("invalid");
      const notUrl = await rejection(c.listGroups("after=00g1"));
      expect(notUrl.code).toBe("invalid");
      expect(sandbox.stats.total - before).toBeLessThanOrEqual(1); // at most the group-rules call
    });

    it("strips a trailing slash from orgUrl (no //api/v1 requests)", async () => {
      const c = createOktaConnector({ orgUrl: `${sandbox.url}/`, auth: { mode: "token", token: sandbox.token } });
      sandbox.stats.reset();
      await c.listUsers(null, 1);
      expect(sandbox.stats.requests.map((r) => r.url)).toEqual(["/api/v1/users?limit=1"]);
    });
  });

  describe("mapping", () => {
    it("omits DEPROVISIONED users from the plain list (a sync marks them not seen)", async () => {
      const u = sandbox.state.addUser({ login: "leaver@example.com" });
      const c = connect();
      expect((await collect((cur) => c.listUsers(cur))).items.some((x) => x.externalId === u.id)).toBe(true);
      sandbox.state.setStatus(u.id, "DEPROVISIONED");
      expect((await collect((cur) => c.listUsers(cur))).items.some((x) => x.externalId === u.id)).toBe(false);
    });

    it("maps profile fields: city → location (profile.location wins), managerId ?? manager, dates, lastLogin", async () => {
      const a = sandbox.state.addUser({
        login: "mapper.one@example.com",
        firstName: "Map",
        lastName: "One",
        city: "Berlin",
        manager: "Boss Person",
        userType: "Contractor",
        startDate: "2024-02-01",
        terminationDate: "2026-12-31",
        lastLogin: "2026-10-01T12:00:00.000Z",
        title: "Engineer",
        department: "Engineering",
      });
      const b = sandbox.state.addUser({ login: "mapper.two@example.com", city: "Paris", managerId: "00umanager", manager: "Ignored", profile: { location: "Remote" } });
      const c = connect();
      const { items } = await collect((cur) => c.listUsers(cur));
      const ua = items.find((x) => x.externalId === a.id)!;
      const ub = items.find((x) => x.externalId === b.id)!;
      expect(ua).toMatchObject({
        login: "mapper.one@example.com",
        email: "mapper.one@example.com",
        firstName: "Map",
        lastName: "One",
        location: "Berlin",
        managerRef: "Boss Person",
        employmentType: "Contractor",
        title: "Engineer",
        department: "Engineering",
        status: "ACTIVE",
      });
      expect(ua.startDate?.toISOString()).toBe("2024-02-01T00:00:00.000Z");
      expect(ua.terminationDate?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
      expect(ua.lastLoginAt?.toISOString()).toBe("2026-10-01T12:00:00.000Z");
      expect(ub.location).toBe("Remote");
      expect(ub.managerRef).toBe("00umanager");
      expect(ub.lastLoginAt).toBeNull();
    });

    it("marks APP_GROUP, BUILT_IN and group-rule targets unmanaged, OKTA_GROUP managed", async () => {
      const st = sandbox.state;
      const okta = st.addGroup({ name: "Plain Okta Group" });
      const app = st.addGroup({ name: "AD Imported", type: "APP_GROUP" });
      const builtIn = st.addGroup({ name: "Everyone", type: "BUILT_IN" });
      const ruled = st.addGroup({ name: "Engineering (rule)" });
      st.addGroupRule({ name: "Engineers by department", groupIds: [ruled.id] });
      const inactive = st.addGroup({ name: "Inactive rule target" });
      st.addGroupRule({ name: "Old rule", groupIds: [inactive.id], status: "INACTIVE" });
      const c = connect();
      const { items } = await collect((cur) => c.listGroups(cur));
      const by = new Map(items.map((g) => [g.externalId, g]));
      expect(by.get(okta.id)).toMatchObject({ managed: true, type: "OKTA_GROUP", name: "Plain Okta Group" });
      expect(by.get(app.id)).toMatchObject({ managed: false, type: "APP_GROUP" });
      expect(by.get(app.id)!.unmanagedReason).toMatch(/APP_GROUP/);
      expect(by.get(builtIn.id)).toMatchObject({ managed: false, type: "BUILT_IN" });
      expect(by.get(ruled.id)).toMatchObject({ managed: false });
      expect(by.get(ruled.id)!.unmanagedReason).toContain("Engineers by department");
      expect(by.get(inactive.id)!.managed).toBe(true);

      const noRules = connect({ detectGroupRules: false });
      const plain = await collect((cur) => noRules.listGroups(cur));
      expect(plain.items.find((g) => g.externalId === ruled.id)!.managed).toBe(true);
      expect(noRules.apiCalls()).toBe(plain.pages);
    });
  });

  describe("errors", () => {
    it("APP_GROUP and BUILT_IN membership changes are refused with a clear forbidden error", async () => {
      const st = sandbox.state;
      const app = st.addGroup({ name: "AD Finance", type: "APP_GROUP" });
      const builtIn = st.addGroup({ name: "Everyone 2", type: "BUILT_IN" });
      const u = st.addUser({ login: "appgroup.target@example.com" });
      const c = connect();
      for (const gid of [app.id, builtIn.id]) {
        const e = await rejection(c.addMember(gid, u.id));
        expect(e.code).toBe("forbidden");
        expect(e.retryable).toBe(false);
        expect(e.status).toBe(403);
        expect(e.message).toContain(APP_GROUP_MESSAGE);
      }
      // Not retried: one call each.
      expect(c.apiCalls()).toBe(2);
    });

    it("unknown group → not_found", async () => {
      const u = sandbox.state.addUser({ login: "ghost.group@example.com" });
      const e = await rejection(connect().addMember("00g0000000000unknown", u.id));
      expect(e.code).toBe("not_found");
    });

    it("suspending a DEPROVISIONED user is invalid (not retried)", async () => {
      const u = sandbox.state.addUser({ login: "gone@example.com", status: "DEPROVISIONED" });
      const c = connect();
      const e = await rejection(c.suspendUser(u.id));
      expect(e.code).toBe("invalid");
      expect(e.retryable).toBe(false);
      expect(e.message).toContain("DEPROVISIONED");
      expect(c.apiCalls()).toBe(2); // the suspend, then a read of the user's status
    });

    it("a 503 on a write is retried with backoff, then succeeds", async () => {
      const st = sandbox.state;
      const g = st.addGroup({ name: "Retry Writes" });
      const u = st.addUser({ login: "retry.write@example.com" });
      sandbox.faults.inject({ status: 503, times: 2, match: (m) => m === "PUT" });
      const c = connect();
      await c.addMember(g.id, u.id);
      expect(st.isMember(g.id, u.id)).toBe(true);
      expect(c.apiCalls()).toBe(3);
    });

    it("maxRetries bounds both our 5xx retries and the SDK's 429 retries", async () => {
      const c = connect({ maxRetries: 0 });
      sandbox.faults.inject({ status: 500, times: 1 });
      expect((await rejection(c.listUsers(null, 1))).code).toBe("unavailable");
      sandbox.faults.inject({ status: 429, times: 1 });
      const rl = await rejection(c.listUsers(null, 1));
      expect(rl.code).toBe("rate_limited");
      expect(rl.retryAfterMs).toBeGreaterThan(0);
      expect(c.apiCalls()).toBe(2);
    });

    it("a rate-limit reset later than the timeout budget surfaces as rate_limited with the reset time", async () => {
      const sb = await startOktaSandbox({
        state: generateDirectory({ users: 3, groups: 1, memberships: 0, seed: 1 }),
        rateLimit: { limits: { "users-list": 1 }, windowMs: 3_600_000 },
      });
      try {
        const c = createOktaConnector({ orgUrl: sb.url, auth: { mode: "token", token: sb.token }, timeoutMs: 2000 });
        await c.listUsers();
        const t0 = Date.now();
        const e = await rejection(c.listUsers());
        expect(Date.now() - t0).toBeLessThan(1500); // the SDK does not sleep past the budget
        expect(e.code).toBe("rate_limited");
        expect(e.retryable).toBe(true);
        expect(e.retryAfterMs).toBeGreaterThan(1000);
      } finally {
        await sb.stop();
      }
    });

    it("validate(): timeouts and unreachable hosts give ok:false with a clear message", async () => {
      sandbox.faults.hang({ times: 1 });
      const slow = await connect({ timeoutMs: 300 }).validate();
      expect(slow).toEqual({ ok: false, detail: expect.stringContaining("did not answer within 300 ms") });

      const stopped = await startOktaSandbox();
      const url = stopped.url;
      await stopped.stop();
      const gone = await createOktaConnector({ orgUrl: url, auth: { mode: "token", token: "x" }, timeoutMs: 2000 }).validate();
      expect(gone.ok).toBe(false);
      expect(gone.detail).toMatch(/Cannot reach Okta at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    });

    it("validate(): a bad token names Okta's error code", async () => {
      const r = await connect({ auth: { mode: "token", token: "wrong" } }).validate();
      expect(r).toEqual({ ok: false, detail: "Okta rejected the API token (E0000011 Invalid token provided)" });
    });
  });

  describe("configuration", () => {
    it("ignores OKTA_CLIENT_* environment variables and HTTPS_PROXY", async () => {
      const saved = { ...process.env };
      process.env.OKTA_CLIENT_ORGURL = "http://127.0.0.1:9";
      process.env.OKTA_CLIENT_TOKEN = "env-token";
      process.env.OKTA_CLIENT_AUTHORIZATIONMODE = "PrivateKey";
      process.env.OKTA_CLIENT_CLIENTID = "0oaenv";
      process.env.OKTA_CLIENT_SCOPES = "okta.users.read";
      process.env.OKTA_CLIENT_PRIVATEKEY = "not a key";
      process.env.HTTPS_PROXY = "http://127.0.0.1:9";
      try {
        const c = connect();
        sandbox.stats.reset();
        const r = await c.validate();
        expect(r.ok).toBe(true);
        expect(sandbox.stats.requests[0].headers.authorization).toBe(`SSWS ${sandbox.token}`);
      } finally {
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
        Object.assign(process.env, saved);
      }
    });

    it("rejects an invalid org URL or an empty token up front", () => {
      expect(() => createOktaConnector({ orgUrl: "not a url", auth: { mode: "token", token: "t" } })).toThrow(ConnectorError);
      expect(() => createOktaConnector({ orgUrl: sandbox.url, auth: { mode: "token", token: "" } })).toThrow(/empty/);
    });
  });

  describe("private key (OAuth service app) mode", () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const jwk = { ...privateKey.export({ format: "jwk" }), kid: "gatehouse-key-1" };

    beforeAll(() => {
      sandbox.state.addOAuthClient({
        clientId: "0oagatehouse0000001",
        jwks: [{ ...publicKey.export({ format: "jwk" }), kid: "gatehouse-key-1" } as JsonWebKey],
        scopes: ["okta.users.read", "okta.users.manage", "okta.groups.read", "okta.groups.manage"],
      });
    });

    it("gets a token with client_credentials + a signed JWT assertion (PEM + keyId) and uses it", async () => {
      const c = connect({ auth: { mode: "privateKey", clientId: "0oagatehouse0000001", privateKey: pem, keyId: "gatehouse-key-1" } });
      sandbox.stats.reset();
      expect((await c.validate()).ok).toBe(true);
      const page = await c.listUsers(null, 10);
      expect(page.items).toHaveLength(10);
      // token once (cached), then two API calls
      expect(c.apiCalls()).toBe(3);
      expect(sandbox.stats.count("POST /oauth2/v1/token")).toBe(1);
      expect(String(sandbox.stats.requests[1].headers.authorization)).toMatch(/^Bearer /);
    });

    it("accepts a JWK private key (object)", async () => {
      const c = connect({ auth: { mode: "privateKey", clientId: "0oagatehouse0000001", privateKey: jwk as Record<string, unknown> } });
      const g = sandbox.state.addGroup({ name: "Service App Managed" });
      const u = sandbox.state.addUser({ login: "svc.target@example.com" });
      await c.addMember(g.id, u.id);
      expect((await c.isMember(g.id, u.id)).isMember).toBe(true);
    });

    it("a key the org does not know → validate ok:false with the token endpoint's reason", async () => {
      const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
      const c = connect({ auth: { mode: "privateKey", clientId: "0oagatehouse0000001", privateKey: other, keyId: "gatehouse-key-1" } });
      const r = await c.validate();
      expect(r.ok).toBe(false);
      expect(r.detail).toContain("Okta rejected the service app credentials (invalid_client: The client_assertion signature is invalid.)");
      const e = await rejection(c.listUsers());
      expect(e.code).toBe("auth");
      expect(e.message).toContain("invalid_client");
    });

    it("missing scopes → forbidden", async () => {
      const c = connect({ auth: { mode: "privateKey", clientId: "0oagatehouse0000001", privateKey: pem, keyId: "gatehouse-key-1", scopes: ["okta.users.read"] } });
      expect((await c.validate()).ok).toBe(true);
      const e = await rejection(c.listGroups());
      expect(e.code).toBe("forbidden");
    });
  });
});

describe("Okta connector with a persisted sandbox state", () => {
  it("round-trips the state through JSON and keeps serving it", async () => {
    const original = generateDirectory({ users: 20, groups: 4, memberships: 30, seed: 8 });
    const sb = await startOktaSandbox({ state: OktaState.fromJSON(JSON.stringify(original.toJSON())) });
    try {
      const c = createOktaConnector({ orgUrl: sb.url, auth: { mode: "token", token: sb.token } });
      const users = await collect((cur) => c.listUsers(cur));
      const listable = [...original.users.values()].filter((u) => u.status !== "DEPROVISIONED").map((u) => u.id).sort();
      expect(users.items.map((u) => u.externalId).sort()).toEqual(listable);
    } finally {
      await sb.stop();
    }
  });
});
