// The sandbox Okta's own behaviour, over plain HTTP (fetch), plus the real SDK where it matters.

import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@okta/okta-sdk-nodejs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { generateDirectory, OktaState, parseQuery, startOktaSandbox, type OktaSandbox } from "./index.ts";

let sb: OktaSandbox;

function api(pathAndQuery: string, init: RequestInit & { token?: string | null; scheme?: string } = {}) {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? sb.token : init.token;
  if (token !== null) headers.set("Authorization", `${init.scheme ?? "SSWS"} ${token}`);
  headers.set("Accept", "application/json");
  return fetch(`${sb.url}${pathAndQuery}`, { ...init, headers });
}

function links(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (res.headers.get("link") ?? "").split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

function expectOktaError(body: Record<string, unknown>, code: string) {
  expect(body).toMatchObject({ errorCode: code, errorLink: code, errorSummary: expect.any(String), errorId: expect.stringMatching(/^oae/) });
  expect(Array.isArray(body.errorCauses)).toBe(true);
}

beforeAll(async () => {
  sb = await startOktaSandbox({ state: generateDirectory({ users: 250, groups: 8, memberships: 300, seed: 21, deprovisionedRatio: 0 }) });
});
afterAll(async () => {
  await sb.stop();
});
afterEach(() => {
  sb.faults.clear();
});

describe("auth, headers and error shapes", () => {
  it("rejects a missing or wrong token with 401 E0000011 and Okta's error body", async () => {
    for (const res of [await api("/api/v1/users", { token: null }), await api("/api/v1/users", { token: "wrong" })]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/json");
      expectOktaError(await res.json(), "E0000011");
    }
  });

  it("accepts SSWS and Bearer forms of the token", async () => {
    expect((await api("/api/v1/users?limit=1")).status).toBe(200);
    expect((await api("/api/v1/users?limit=1", { scheme: "Bearer" })).status).toBe(200);
  });

  it("sends Date, X-Okta-Request-Id and X-Rate-Limit-* on every response", async () => {
    for (const res of [await api("/api/v1/users?limit=1"), await api("/api/v1/users", { token: "wrong" }), await api("/api/v1/nope")]) {
      expect(res.headers.get("date")).toBeTruthy();
      expect(res.headers.get("x-okta-request-id")).toBeTruthy();
      expect(Number(res.headers.get("x-rate-limit-limit"))).toBeGreaterThan(0);
      expect(Number(res.headers.get("x-rate-limit-remaining"))).toBeGreaterThanOrEqual(0);
      const reset = Number(res.headers.get("x-rate-limit-reset"));
      expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect(reset).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 61);
    }
  });

  it("unknown paths are 404 E0000007, wrong methods 405 E0000022", async () => {
    const a = await api("/api/v1/nothing-here");
    expect(a.status).toBe(404);
    expectOktaError(await a.json(), "E0000007");
    const b = await api("/api/v1/users", { method: "DELETE" });
    expect(b.status).toBe(405);
    expectOktaError(await b.json(), "E0000022");
  });

  it("tolerates a double slash in the path", async () => {
    const res = await api("//api/v1/users?limit=2");
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveLength(2);
  });
});

describe("users", () => {
  it("pages with absolute Link URLs of the sandbox (default 200, max 200)", async () => {
    const res = await api("/api/v1/users");
    const body = await res.json();
    expect(body).toHaveLength(200);
    const l = links(res);
    expect(l.self).toBe(`${sb.url}/api/v1/users`);
    expect(l.next).toBe(`${sb.url}/api/v1/users?after=${body[199].id}&limit=200`);
    const next = await fetch(l.next, { headers: { Authorization: `SSWS ${sb.token}` } });
    expect(await next.json()).toHaveLength(sb.state.sortedUsers().filter((u) => u.status !== "DEPROVISIONED").length - 200);
    expect(links(next).next).toBeUndefined();
    expect(await (await api("/api/v1/users?limit=500")).json()).toHaveLength(200);
    expect((await api("/api/v1/users?limit=0")).status).toBe(400);
  });

  it("returns users in id order with Okta's shape", async () => {
    const body = (await (await api("/api/v1/users?limit=5")).json()) as { id: string; _links: { self: { href: string } } }[];
    expect(body.map((u) => u.id)).toEqual([...body.map((u) => u.id)].sort());
    const u = body[0] as unknown as Record<string, unknown>;
    expect(u).toMatchObject({ id: expect.stringMatching(/^00u[0-9A-Za-z]{17}$/), status: expect.any(String), created: expect.any(String), lastUpdated: expect.any(String) });
    expect(u.profile).toMatchObject({ login: expect.any(String), email: expect.any(String), firstName: expect.any(String), lastName: expect.any(String) });
    expect(body[0]._links.self.href).toBe(`${sb.url}/api/v1/users/${body[0].id}`);
  });

  it("omits DEPROVISIONED users from the plain list; search and filter include them", async () => {
    const gone = sb.state.addUser({ login: "deprovisioned.person@example.com", status: "DEPROVISIONED" });
    const all = async (q: string) => {
      const ids: string[] = [];
      let url: string | undefined = `${sb.url}/api/v1/users${q}`;
      while (url) {
        const res: Response = await fetch(url, { headers: { Authorization: `SSWS ${sb.token}` } });
        ids.push(...((await res.json()) as { id: string }[]).map((u) => u.id));
        url = links(res).next;
      }
      return ids;
    };
    expect(await all("")).not.toContain(gone.id);
    expect(await all(`?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`)).toEqual([gone.id]);
    expect(await all(`?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`)).toEqual([gone.id]);
  });

  it("supports search on profile.department (values case-insensitive) and lastUpdated gt", async () => {
    const u = sb.state.addUser({ login: "searchable@example.com", department: "Skunkworks" });
    const res = await api(`/api/v1/users?search=${encodeURIComponent('profile.department eq "skunkworks"')}`);
    expect(((await res.json()) as { id: string }[]).map((x) => x.id)).toEqual([u.id]);
    const since = new Date(Date.parse(u.lastUpdated) - 1).toISOString();
    const recent = (await (await api(`/api/v1/users?search=${encodeURIComponent(`lastUpdated gt "${since}"`)}`)).json()) as { id: string }[];
    expect(recent.map((x) => x.id)).toContain(u.id);
    const combined = await api(`/api/v1/users?search=${encodeURIComponent('status eq "ACTIVE" and (profile.department eq "Skunkworks" or profile.department eq "Nope")')}`);
    expect(((await combined.json()) as { id: string }[]).map((x) => x.id)).toEqual([u.id]);
  });

  it("filter only allows Okta's attributes; bad expressions are 400 E0000031", async () => {
    const login = sb.state.sortedUsers()[3].profile.login;
    const ok = await api(`/api/v1/users?filter=${encodeURIComponent(`profile.login eq "${login}"`)}`);
    expect(((await ok.json()) as { profile: { login: string } }[])[0].profile.login).toBe(login);
    const bad = await api(`/api/v1/users?filter=${encodeURIComponent('profile.department eq "Sales"')}`);
    expect(bad.status).toBe(400);
    expectOktaError(await bad.json(), "E0000031");
    const syntax = await api(`/api/v1/users?search=${encodeURIComponent('status eq "ACTIVE" and')}`);
    expect(syntax.status).toBe(400);
  });

  it("q is a prefix match with a default limit of 10 and no next link", async () => {
    const res = await api("/api/v1/users?q=a");
    const body = (await res.json()) as unknown[];
    expect(body.length).toBeLessThanOrEqual(10);
    expect(links(res).next).toBeUndefined();
  });

  it("GET /users/{id|login}; unknown → 404 E0000007", async () => {
    const u = sb.state.sortedUsers()[0];
    expect((await (await api(`/api/v1/users/${u.id}`)).json()).id).toBe(u.id);
    expect((await (await api(`/api/v1/users/${encodeURIComponent(u.profile.login)}`)).json()).id).toBe(u.id);
    const res = await api("/api/v1/users/00u0000000000missing");
    expect(res.status).toBe(404);
    expectOktaError(await res.json(), "E0000007");
  });

  it("applies Okta's lifecycle rules", async () => {
    const u = sb.state.addUser({ login: "lifecycle@example.com" });
    const post = (action: string) => api(`/api/v1/users/${u.id}/lifecycle/${action}`, { method: "POST" });
    expect((await post("suspend")).status).toBe(200);
    expect(sb.state.getUser(u.id)!.status).toBe("SUSPENDED");
    const again = await post("suspend");
    expect(again.status).toBe(400);
    expectOktaError(await again.json(), "E0000001");
    expect((await post("unsuspend")).status).toBe(200);
    expect(sb.state.getUser(u.id)!.status).toBe("ACTIVE");
    expect((await post("unsuspend")).status).toBe(400);
    expect((await post("deactivate")).status).toBe(200);
    expect(sb.state.getUser(u.id)!.status).toBe("DEPROVISIONED");
    expect((await post("suspend")).status).toBe(400);
    expect((await post("activate")).status).toBe(200);
    expect(sb.state.getUser(u.id)!.status).toBe("ACTIVE");
    expect((await post("explode")).status).toBe(404);
  });
});

describe("groups and memberships", () => {
  it("lists groups (default limit 10,000), filters by type, q prefix, expand=stats", async () => {
    const app = sb.state.addGroup({ name: "Zeta AD Group", type: "APP_GROUP" });
    const all = (await (await api("/api/v1/groups")).json()) as { id: string; type: string }[];
    expect(all).toHaveLength(sb.state.groups.size);
    const okta = (await (await api(`/api/v1/groups?search=${encodeURIComponent('type eq "OKTA_GROUP"')}`)).json()) as { type: string }[];
    expect(okta.every((g) => g.type === "OKTA_GROUP")).toBe(true);
    expect(okta.length).toBe([...sb.state.groups.values()].filter((g) => g.type === "OKTA_GROUP").length);
    const q = (await (await api("/api/v1/groups?q=zeta")).json()) as { id: string }[];
    expect(q.map((g) => g.id)).toEqual([app.id]);
    const paged = await api("/api/v1/groups?limit=3");
    expect(await paged.json()).toHaveLength(3);
    expect(links(paged).next).toMatch(new RegExp(`^${sb.url}/api/v1/groups\\?limit=3&after=`));
    const withStats = (await (await api(`/api/v1/groups/${app.id}?expand=stats`)).json()) as { _embedded: { stats: { usersCount: number } } };
    expect(withStats._embedded.stats.usersCount).toBe(0);
    expect((await api("/api/v1/groups/00g0000000000missing")).status).toBe(404);
  });

  it("GET /groups/{id}/users pages (default 1,000, max 1,000) and includes every status", async () => {
    const g = sb.state.addGroup({ name: "Big Group" });
    const users = sb.state.sortedUsers().slice(0, 5);
    for (const u of users) sb.state.addMembership(g.id, u.id);
    sb.state.setStatus(users[0].id, "DEPROVISIONED");
    const all = await api(`/api/v1/groups/${g.id}/users`);
    expect(((await all.json()) as unknown[]).length).toBe(5);
    const p1 = await api(`/api/v1/groups/${g.id}/users?limit=2`);
    const next = links(p1).next;
    expect(next).toMatch(new RegExp(`^${sb.url}/api/v1/groups/${g.id}/users\\?limit=2&after=`));
    const p2 = await fetch(next, { headers: { Authorization: `SSWS ${sb.token}` } });
    expect(((await p2.json()) as unknown[]).length).toBe(2);
    expect(((await (await api(`/api/v1/groups/${g.id}/users?limit=5000`)).json()) as unknown[]).length).toBe(5);
  });

  it("PUT membership is 204 for new and duplicate members; DELETE is 204 for members and non-members", async () => {
    const g = sb.state.addGroup({ name: "Idempotent" });
    const u = sb.state.addUser({ login: "idem@example.com" });
    for (let i = 0; i < 2; i++) {
      const res = await api(`/api/v1/groups/${g.id}/users/${u.id}`, { method: "PUT" });
      expect(res.status).toBe(204);
      expect(await res.text()).toBe("");
      expect(sb.state.isMember(g.id, u.id)).toBe(true);
    }
    for (let i = 0; i < 2; i++) {
      expect((await api(`/api/v1/groups/${g.id}/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
      expect(sb.state.isMember(g.id, u.id)).toBe(false);
    }
    const groupsOfUser = await api(`/api/v1/users/${u.id}/groups`);
    expect(await groupsOfUser.json()).toEqual([]);
  });

  it("APP_GROUP and BUILT_IN membership changes are 403 E0000006; unknown user or group 404 E0000007", async () => {
    const u = sb.state.addUser({ login: "guarded@example.com" });
    for (const type of ["APP_GROUP", "BUILT_IN"] as const) {
      const g = sb.state.addGroup({ name: `Guarded ${type}`, type });
      for (const method of ["PUT", "DELETE"]) {
        const res = await api(`/api/v1/groups/${g.id}/users/${u.id}`, { method });
        expect(res.status).toBe(403);
        expectOktaError(await res.json(), "E0000006");
      }
    }
    const g = sb.state.addGroup({ name: "Plain" });
    const noUser = await api(`/api/v1/groups/${g.id}/users/00u0000000000missing`, { method: "PUT" });
    expect(noUser.status).toBe(404);
    expectOktaError(await noUser.json(), "E0000007");
    expect((await api(`/api/v1/groups/00g0000000000missing/users/${u.id}`, { method: "PUT" })).status).toBe(404);
  });

  it("lists group rules", async () => {
    const g = sb.state.addGroup({ name: "Rule Target" });
    const rule = sb.state.addGroupRule({ name: "Dept rule", groupIds: [g.id] });
    const body = (await (await api("/api/v1/groups/rules")).json()) as { id: string; actions: { assignUserToGroups: { groupIds: string[] } } }[];
    expect(body.find((r) => r.id === rule.id)?.actions.assignUserToGroups.groupIds).toEqual([g.id]);
  });
});

describe("system log", () => {
  it("records membership add/remove as LogEvents with actor and targets", async () => {
    const g = sb.state.addGroup({ name: "Logged Group" });
    const u = sb.state.addUser({ login: "logged@example.com" });
    await api(`/api/v1/groups/${g.id}/users/${u.id}`, { method: "PUT" });
    await api(`/api/v1/groups/${g.id}/users/${u.id}`, { method: "DELETE" });
    const since = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 1000).toISOString();
    const window = `since=${encodeURIComponent(since)}&until=${encodeURIComponent(until)}`;
    const q = `${window}&filter=${encodeURIComponent(`target.id eq "${g.id}"`)}`;
    const events = (await (await api(`/api/v1/logs?${q}`)).json()) as { uuid: string; eventType: string; actor: { id: string }; target: { id: string; type: string }[]; published: string }[];
    expect(events.map((e) => e.eventType)).toEqual(["group.lifecycle.create", "group.user_membership.add", "group.user_membership.remove"]);
    const add = events[1];
    expect(add.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(add.actor.id).toBeTruthy();
    expect(add.target).toEqual([
      expect.objectContaining({ id: u.id, type: "User", alternateId: "logged@example.com" }),
      expect.objectContaining({ id: g.id, type: "UserGroup" }),
    ]);
    const onlyAdds = (await (await api(`/api/v1/logs?${window}&filter=${encodeURIComponent(`eventType eq "group.user_membership.add" and target.id eq "${g.id}"`)}`)).json()) as unknown[];
    expect(onlyAdds).toHaveLength(1);
  });

  it("a query without until always has a next link (polling); a bounded query ends", async () => {
    const since = new Date(Date.now() + 3_600_000).toISOString(); // nothing that late
    const poll = await api(`/api/v1/logs?since=${encodeURIComponent(since)}`);
    expect(await poll.json()).toEqual([]);
    expect(links(poll).next).toMatch(new RegExp(`^${sb.url}/api/v1/logs\\?`));

    const start = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 3; i++) sb.state.addLogEvent({ eventType: "test.event", displayMessage: `e${i}` });
    const filter = encodeURIComponent('eventType eq "test.event"');
    const first = await api(`/api/v1/logs?since=${encodeURIComponent(start)}&filter=${filter}&limit=2`);
    expect(await first.json()).toHaveLength(2);
    const p2 = await fetch(links(first).next, { headers: { Authorization: `SSWS ${sb.token}` } });
    expect(await p2.json()).toHaveLength(1);
    const p3 = await fetch(links(p2).next, { headers: { Authorization: `SSWS ${sb.token}` } });
    expect(await p3.json()).toEqual([]);
    expect(links(p3).next).toBeTruthy();

    const until = new Date(Date.now() + 1000).toISOString();
    const bounded = await api(`/api/v1/logs?since=${encodeURIComponent(start)}&until=${encodeURIComponent(until)}&filter=${filter}&limit=2`);
    const b2 = await fetch(links(bounded).next, { headers: { Authorization: `SSWS ${sb.token}` } });
    expect(await b2.json()).toHaveLength(1);
    expect(links(b2).next).toBeUndefined();

    const desc = (await (await api(`/api/v1/logs?since=${encodeURIComponent(start)}&until=${encodeURIComponent(until)}&filter=${filter}&sortOrder=DESCENDING`)).json()) as { displayMessage: string }[];
    expect(desc.map((e) => e.displayMessage)).toEqual(["e2", "e1", "e0"]);
    expect((await api("/api/v1/logs?since=yesterday-ish")).status).toBe(400);
  });
});

describe("fault injection and stats", () => {
  it("inject: answers the next n matching requests with 500/503 Okta errors, then recovers", async () => {
    sb.faults.inject({ status: 500, times: 2, match: (m, p) => m === "GET" && p === "/api/v1/groups" });
    expect((await api("/api/v1/users?limit=1")).status).toBe(200);
    const a = await api("/api/v1/groups");
    expect(a.status).toBe(500);
    expectOktaError(await a.json(), "E0000009");
    expect((await api("/api/v1/groups")).status).toBe(500);
    expect((await api("/api/v1/groups")).status).toBe(200);
    sb.faults.inject({ status: 503 });
    expect((await api("/api/v1/users?limit=1")).status).toBe(503);
  });

  it("429 has E0000047 and X-Rate-Limit-Reset ≈ now; the SDK waits about a second and retries", async () => {
    sb.faults.inject({ status: 429 });
    const res = await api("/api/v1/users?limit=1");
    expect(res.status).toBe(429);
    expectOktaError(await res.json(), "E0000047");
    expect(Math.abs(Number(res.headers.get("x-rate-limit-reset")) - Date.now() / 1000)).toBeLessThan(2);
    expect(res.headers.get("x-rate-limit-remaining")).toBe("0");

    const client = new Client({ orgUrl: sb.url, token: sb.token, cacheMiddleware: null });
    sb.faults.inject({ status: 429 });
    sb.stats.reset();
    const t0 = Date.now();
    const u = await client.userApi.getUser({ userId: sb.state.sortedUsers()[0].id });
    expect(u.id).toBe(sb.state.sortedUsers()[0].id);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(sb.stats.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(sb.stats.requests[1].headers["x-okta-retry-count"]).toBe("1");
  });

  it("hang: accepts and never answers (the client times out); latency delays answers", async () => {
    sb.faults.hang({ times: 1, match: (_m, p) => p === "/api/v1/groups" });
    await expect(api("/api/v1/groups", { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await api("/api/v1/groups")).status).toBe(200);
    sb.faults.latency(150);
    const t0 = Date.now();
    await api("/api/v1/users?limit=1");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it("stop() ends even with a hanging request", async () => {
    const other = await startOktaSandbox();
    other.faults.hang({ times: 1 });
    const pending = fetch(`${other.url}/api/v1/users`, { headers: { Authorization: `SSWS ${other.token}` } }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await other.stop();
    expect(await pending).toBeInstanceOf(Error);
  });

  it("counts requests by route", async () => {
    sb.stats.reset();
    const gid = sb.state.sortedGroups()[0].id;
    await api("/api/v1/users?limit=1");
    await api("/api/v1/users?limit=1");
    await api(`/api/v1/groups/${gid}/users`);
    expect(sb.stats.total).toBe(3);
    expect(sb.stats.byRoute).toEqual({ "GET /api/v1/users": 2, "GET /api/v1/groups/{groupId}/users": 1 });
  });

  it("optional rate limit: 429 E0000047 once a bucket is used up", async () => {
    const limited = await startOktaSandbox({ rateLimit: { limits: { "users-list": 2 }, windowMs: 3_600_000 } });
    try {
      const get = () => fetch(`${limited.url}/api/v1/users`, { headers: { Authorization: `SSWS ${limited.token}` } });
      const r1 = await get();
      expect(r1.headers.get("x-rate-limit-limit")).toBe("2");
      expect(r1.headers.get("x-rate-limit-remaining")).toBe("1");
      expect((await get()).status).toBe(200);
      const r3 = await get();
      expect(r3.status).toBe(429);
      expectOktaError(await r3.json(), "E0000047");
      expect((await fetch(`${limited.url}/api/v1/groups`, { headers: { Authorization: `SSWS ${limited.token}` } })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe("OAuth service apps (private_key_jwt)", () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const clientId = "0oasandboxtest00001";

  function assertion(claims: Record<string, unknown>, key = privateKey): string {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const body = `${enc({ alg: "RS256", kid: "k1" })}.${enc({ iss: clientId, sub: clientId, aud: `${sb.url}/oauth2/v1/token`, iat: now, exp: now + 300, jti: randomUUID(), ...claims })}`;
    return `${body}.${createSign("sha256").update(body).sign(key).toString("base64url")}`;
  }

  async function token(jwt: string, scope: string) {
    return fetch(`${sb.url}/oauth2/v1/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope, client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: jwt }),
    });
  }

  beforeAll(() => {
    sb.state.addOAuthClient({ clientId, jwks: [{ ...publicKey.export({ format: "jwk" }), kid: "k1" } as JsonWebKey], scopes: ["okta.users.read", "okta.logs.read"] });
  });

  it("issues a Bearer token for a valid assertion and enforces scopes", async () => {
    const res = await token(assertion({}), "okta.users.read");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token_type: string; access_token: string; expires_in: number; scope: string };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "okta.users.read" });
    expect((await api("/api/v1/users?limit=1", { scheme: "Bearer", token: body.access_token })).status).toBe(200);
    const denied = await api("/api/v1/groups", { scheme: "Bearer", token: body.access_token });
    expect(denied.status).toBe(403);
    expectOktaError(await denied.json(), "E0000006");
    expect(denied.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect((await api("/api/v1/users?limit=1", { scheme: "SSWS", token: body.access_token })).status).toBe(401);
  });

  it("rejects bad signatures, wrong audiences, expired assertions and ungranted scopes", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const cases: [string, string, number, string][] = [
      [assertion({}, other), "okta.users.read", 401, "invalid_client"],
      [assertion({ aud: "https://elsewhere.example/oauth2/v1/token" }), "okta.users.read", 401, "invalid_client"],
      [assertion({ exp: Math.floor(Date.now() / 1000) - 600 }), "okta.users.read", 401, "invalid_client"],
      [assertion({ iss: "0oaunknown", sub: "0oaunknown" }), "okta.users.read", 401, "invalid_client"],
      [assertion({}), "okta.groups.manage", 400, "invalid_scope"],
    ];
    for (const [jwt, scope, status, error] of cases) {
      const res = await token(jwt, scope);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) });
    }
  });
});

describe("state, persistence and generation", () => {
  it("generateDirectory is deterministic, exact and fast (10k users / 2k groups / 100k memberships)", () => {
    const t0 = performance.now();
    const big = generateDirectory({ users: 10_000, groups: 2000, memberships: 100_000, seed: 99 });
    const ms = performance.now() - t0;
    expect(big.users.size).toBe(10_000);
    expect(big.groups.size).toBe(2000);
    expect(big.membershipCount).toBe(100_000);
    expect(ms).toBeLessThan(1500);
    const a = generateDirectory({ users: 300, groups: 30, memberships: 2000, seed: 7 }).toJSON();
    const b = generateDirectory({ users: 300, groups: 30, memberships: 2000, seed: 7 }).toJSON();
    const c = generateDirectory({ users: 300, groups: 30, memberships: 2000, seed: 8 }).toJSON();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(new Set(a.users.map((u) => u.profile.login)).size).toBe(300);
    expect(a.groups.some((g) => g.type === "APP_GROUP")).toBe(true);
  });

  it("fills a group completely when memberships demand it", () => {
    const dense = generateDirectory({ users: 10, groups: 2, memberships: 20, seed: 3 });
    expect(dense.membershipCount).toBe(20);
    expect(() => generateDirectory({ users: 2, groups: 2, memberships: 5 })).toThrow();
  });

  it("toJSON/fromJSON/snapshot round-trip", () => {
    const s = generateDirectory({ users: 30, groups: 5, memberships: 40, seed: 2 });
    const g = s.addGroup({ name: "Extra" });
    s.addMembership(g.id, s.sortedUsers()[0].id);
    s.addGroupRule({ name: "R", groupIds: [g.id] });
    const json = s.snapshot();
    const copy = OktaState.fromJSON(JSON.stringify(json));
    expect(copy.toJSON()).toEqual(json);
    expect(copy.isMember(g.id, s.sortedUsers()[0].id)).toBe(true);
    expect(copy.groupsOfUser(s.sortedUsers()[0].id)).toContain(g.id);
    // New ids do not collide with restored ones.
    expect(copy.users.has(copy.addUser({ login: "fresh@example.com" }).id)).toBe(true);
  });

  it("persistTo writes the state (debounced) and loads it at the next start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "okta-sandbox-"));
    const file = path.join(dir, "nested", "okta.json");
    try {
      const first = await startOktaSandbox({ persistTo: file, persistDebounceMs: 20 });
      const u = first.state.addUser({ login: "persisted@example.com" });
      const g = first.state.addGroup({ name: "Persisted Group" });
      await fetch(`${first.url}/api/v1/groups/${g.id}/users/${u.id}`, { method: "PUT", headers: { Authorization: `SSWS ${first.token}` } });
      await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(file)).toBe(true);
      expect(JSON.parse(readFileSync(file, "utf8")).memberships[g.id]).toEqual([u.id]);
      first.state.updateUserProfile(u.id, { department: "Written On Stop" });
      await first.stop();

      const second = await startOktaSandbox({ persistTo: file });
      try {
        expect(second.state.getUser("persisted@example.com")?.profile.department).toBe("Written On Stop");
        const res = await fetch(`${second.url}/api/v1/users/${u.id}/groups`, { headers: { Authorization: `SSWS ${second.token}` } });
        expect(((await res.json()) as { id: string }[]).map((x) => x.id)).toEqual([g.id]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("parses Okta expressions", () => {
    expect(parseQuery('status eq "ACTIVE" and (profile.department eq "A" or profile.department sw "B")')).toMatchObject({ kind: "and" });
    expect(() => parseQuery("status eq")).toThrow();
    expect(() => parseQuery('status eq "A" extra')).toThrow();
  });
});
