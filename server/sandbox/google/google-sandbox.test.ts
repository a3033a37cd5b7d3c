// The sandbox Google directory's own behaviour over plain HTTP (fetch), plus the real SDK where it matters.

import { once } from "node:events";

import { admin, auth } from "@googleapis/admin";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { generateDirectory } from "../okta/generate.ts";
import { generateGoogleDirectory, startGoogleSandbox, type GoogleSandbox } from "./index.ts";

let sb: GoogleSandbox;
const V1 = "/admin/directory/v1";

function api(pathAndQuery: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? sb.token : init.token;
  if (token !== null) headers.set("Authorization", `Bearer ${token}`);
  if (init.body) headers.set("Content-Type", "application/json");
  return fetch(`${sb.url}${V1}${pathAndQuery}`, { ...init, headers });
}

async function expectGoogleError(res: Response, code: number, reason: string) {
  expect(res.status).toBe(code);
  expect(res.headers.get("content-type")).toBe("application/json; charset=UTF-8");
  const body = (await res.json()) as { error: { code: number; message: string; errors: { message: string; domain: string; reason: string }[] } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\S/);
  expect(body.error.errors[0]).toMatchObject({ reason, domain: expect.any(String), message: body.error.message });
  return body.error;
}

async function allPages<T>(first: string, field: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const res = await api(first + (token ? `&pageToken=${encodeURIComponent(token)}` : ""));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    items.push(...((body[field] as T[]) ?? []));
    token = body.nextPageToken as string | undefined;
    pages++;
  } while (token && pages < 100);
  return { items, pages };
}

beforeAll(async () => {
  sb = await startGoogleSandbox({
    state: generateGoogleDirectory({ users: 40, groups: 6, memberships: 60, seed: 21, appGroupRatio: 0, suspendedRatio: 0.2, neverLoggedInRatio: 0.2 }),
    readOnlyTokens: ["ya29.read-only"],
  });
});
afterAll(async () => {
  await sb.stop();
});
afterEach(() => {
  sb.faults.clear();
});

describe("auth and error shapes", () => {
  it("answers 401 'required' without a token and 401 authError with a wrong one, in Google's error body", async () => {
    const missing = await expectGoogleError(await api("/users?customer=my_customer", { token: null }), 401, "required");
    expect(missing.errors[0]).toMatchObject({ location: "Authorization", locationType: "header" });
    const wrong = await expectGoogleError(await api("/users?customer=my_customer", { token: "ya29.wrong" }), 401, "authError");
    expect(wrong.message).toBe("Invalid Credentials");
  });

  it("a read-only token can list but not change (403 insufficientPermissions)", async () => {
    expect((await api("/users?customer=my_customer&maxResults=1", { token: "ya29.read-only" })).status).toBe(200);
    const [user] = sb.state.sortedUsers();
    await expectGoogleError(await api(`/users/${user!.id}`, { method: "PATCH", token: "ya29.read-only", body: JSON.stringify({ suspended: true }) }), 403, "insufficientPermissions");
    expect(sb.state.users.get(user!.id)!.suspended).toBe(false);
  });

  it("sends JSON with Content-Type and Date; an unknown path is a Google 404", async () => {
    const res = await api("/users?customer=my_customer&maxResults=1");
    expect(res.headers.get("content-type")).toBe("application/json; charset=UTF-8");
    expect(res.headers.get("date")).toMatch(/GMT$/);
    await expectGoogleError(await api("/nothing-here"), 404, "notFound");
  });
});

describe("users", () => {
  it("users.list needs customer or domain, checks maxResults (1–500) and projection", async () => {
    await expectGoogleError(await api("/users"), 400, "badRequest");
    await expectGoogleError(await api("/users?customer=C0someoneelse"), 403, "forbidden");
    await expectGoogleError(await api("/users?customer=my_customer&maxResults=501"), 400, "invalid");
    await expectGoogleError(await api("/users?customer=my_customer&projection=weird"), 400, "invalid");
    expect((await api("/users?domain=example.com&maxResults=500&projection=full")).status).toBe(200);
  });

  it("pages with maxResults and pageToken: every user once, the last page without a token", async () => {
    const { items, pages } = await allPages<{ id: string }>("/users?customer=my_customer&maxResults=7", "users");
    expect(pages).toBe(Math.ceil(sb.state.users.size / 7));
    expect(new Set(items.map((u) => u.id)).size).toBe(sb.state.users.size);
  });

  it("refuses a pageToken from another listing or a made-up one", async () => {
    const first = (await (await api("/users?customer=my_customer&maxResults=2")).json()) as { nextPageToken: string };
    await expectGoogleError(await api(`/users?customer=my_customer&maxResults=2&query=isSuspended%3Dfalse&pageToken=${first.nextPageToken}`), 400, "invalid");
    await expectGoogleError(await api("/users?customer=my_customer&pageToken=garbage"), 400, "invalid");
  });

  it("filters with query isSuspended=true|false and orgUnitPath; an unknown field is 400", async () => {
    const suspended = await allPages<{ suspended: boolean }>("/users?customer=my_customer&query=isSuspended%3Dtrue", "users");
    const active = await allPages<{ suspended: boolean }>("/users?customer=my_customer&query=isSuspended%3Dfalse", "users");
    expect(suspended.items.length).toBeGreaterThan(0);
    expect(suspended.items.every((u) => u.suspended)).toBe(true);
    expect(active.items.every((u) => !u.suspended)).toBe(true);
    expect(suspended.items.length + active.items.length).toBe(sb.state.users.size);
    const eng = await allPages<{ orgUnitPath: string }>(`/users?customer=my_customer&query=${encodeURIComponent("orgUnitPath='/Engineering'")}`, "users");
    expect(eng.items.every((u) => u.orgUnitPath === "/Engineering")).toBe(true);
    await expectGoogleError(await api("/users?customer=my_customer&query=shoeSize%3D9"), 400, "invalid");
  });

  it("users carry organizations, orgUnitPath, a manager relation, and lastLoginTime 1970 for people who never signed in", async () => {
    const users = [...sb.state.users.values()];
    const never = users.filter((u) => u.lastLoginTime === "1970-01-01T00:00:00.000Z");
    expect(never.length).toBeGreaterThan(0);
    const res = await api(`/users/${encodeURIComponent(never[0]!.primaryEmail.toUpperCase())}`);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ kind: "admin#directory#user", id: never[0]!.id, lastLoginTime: "1970-01-01T00:00:00.000Z", orgUnitPath: expect.stringMatching(/^\//) });
    expect(user.organizations).toEqual([expect.objectContaining({ title: expect.any(String), department: expect.any(String), primary: true })]);
    expect(users.some((u) => u.relations?.[0]?.type === "manager" && sb.state.findUser(u.relations[0].value))).toBe(true);
  });

  it("users.get of an unknown key is 404 notFound; users.patch {suspended:true} suspends (twice is fine)", async () => {
    const err = await expectGoogleError(await api("/users/100000000000000000000"), 404, "notFound");
    expect(err.message).toBe("Resource Not Found: userKey");
    const user = sb.state.addUser({ login: "patch.me@example.com" });
    for (let i = 0; i < 2; i++) {
      const res = await api(`/users/${user.id}`, { method: "PATCH", body: JSON.stringify({ suspended: true }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: user.id, suspended: true, suspensionReason: "ADMIN" });
    }
    await expectGoogleError(await api("/users/100000000000000000000", { method: "PATCH", body: JSON.stringify({ suspended: true }) }), 404, "notFound");
  });
});

describe("groups and members", () => {
  it("groups.list pages (maxResults ≤ 200) and shows adminCreated", async () => {
    const { items, pages } = await allPages<{ id: string; adminCreated: boolean; directMembersCount: string }>("/groups?customer=my_customer&maxResults=4", "groups");
    expect(pages).toBe(Math.ceil(sb.state.groups.size / 4));
    expect(items.every((g) => typeof g.adminCreated === "boolean" && /^\d+$/.test(g.directMembersCount))).toBe(true);
    await expectGoogleError(await api("/groups?customer=my_customer&maxResults=201"), 400, "invalid");
  });

  it("members.list pages with maxResults ≤ 200", async () => {
    const g = sb.state.addGroup({ name: "Paged Members" });
    const users = sb.state.sortedUsers().slice(0, 5);
    for (const u of users) sb.state.insertMembership(g.id, u.id);
    const { items, pages } = await allPages<{ id: string; email: string; role: string; type: string; status: string }>(`/groups/${g.id}/members?maxResults=2`, "members");
    expect(pages).toBe(3);
    expect(new Set(items.map((m) => m.id))).toEqual(new Set(users.map((u) => u.id)));
    expect(items[0]).toMatchObject({ role: "MEMBER", type: "USER", status: "ACTIVE", email: expect.stringContaining("@") });
    await expectGoogleError(await api(`/groups/${g.id}/members?maxResults=201`), 400, "invalid");
    await expectGoogleError(await api(`/groups/0nosuchgroup0000/members`), 404, "notFound");
  });

  it("members.insert: 200 then 409 duplicate; hasMember; delete: 204 then 404 for a non-member", async () => {
    const g = sb.state.addGroup({ name: "Insert Delete" });
    const u = sb.state.addUser({ login: "member.one@example.com" });
    const insert = () => api(`/groups/${encodeURIComponent(g.email)}/members`, { method: "POST", body: JSON.stringify({ email: u.primaryEmail, role: "MEMBER" }) });
    const first = await insert();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ kind: "admin#directory#member", id: u.id, role: "MEMBER", type: "USER" });
    const dup = await expectGoogleError(await insert(), 409, "duplicate");
    expect(dup.message).toBe("Member already exists.");
    expect(await (await api(`/groups/${g.id}/hasMember/${u.id}`)).json()).toEqual({ isMember: true });
    const del = await api(`/groups/${g.id}/members/${u.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    const gone = await expectGoogleError(await api(`/groups/${g.id}/members/${u.id}`, { method: "DELETE" }), 404, "notFound");
    expect(gone.message).toBe("Resource Not Found: memberKey");
    expect(await (await api(`/groups/${g.id}/hasMember/${u.id}`)).json()).toEqual({ isMember: false });
    await expectGoogleError(await api(`/groups/${g.id}/members`, { method: "POST", body: JSON.stringify({ id: "100000000000000000000" }) }), 404, "notFound");
  });

  it("a group with adminCreated:false is listed but refuses membership changes with 403 forbidden", async () => {
    const g = sb.state.addGroup({ name: "Made By A User", adminCreated: false });
    const u = sb.state.addUser({ login: "not.allowed@example.com" });
    const listed = await allPages<{ id: string; adminCreated: boolean }>("/groups?customer=my_customer", "groups");
    expect(listed.items.find((x) => x.id === g.id)?.adminCreated).toBe(false);
    const add = await expectGoogleError(await api(`/groups/${g.id}/members`, { method: "POST", body: JSON.stringify({ id: u.id }) }), 403, "forbidden");
    expect(add.message).toBe("Not Authorized to access this resource/api");
    await expectGoogleError(await api(`/groups/${g.id}/members/${u.id}`, { method: "DELETE" }), 403, "forbidden");
    expect(sb.state.isMember(g.id, u.id)).toBe(false);
  });
});

describe("faults and quota", () => {
  it("a 429 fault answers rateLimitExceeded with Retry-After: 1; a 403 fault answers userRateLimitExceeded; 500 backendError", async () => {
    sb.faults.inject({ status: 429, times: 1 });
    const r429 = await api("/users?customer=my_customer");
    expect(r429.headers.get("retry-after")).toBe("1");
    await expectGoogleError(r429, 429, "rateLimitExceeded");
    sb.faults.inject({ status: 403, times: 1 });
    await expectGoogleError(await api("/users?customer=my_customer"), 403, "userRateLimitExceeded");
    sb.faults.inject({ status: 500, times: 1 });
    await expectGoogleError(await api("/users?customer=my_customer"), 500, "backendError");
    expect((await api("/users?customer=my_customer&maxResults=1")).status).toBe(200);
  });

  it("faults are taken on arrival, before latency: a request already waiting does not take a fault queued after it", async () => {
    sb.faults.latency(150);
    const arrived = once(sb.events, "request");
    const [a, b] = await Promise.all([
      api("/users?customer=my_customer&maxResults=1"),
      // Once the first request has arrived (and sits in its latency), queue a fault and send a second one.
      arrived.then(() => {
        sb.faults.inject({ status: 500, times: 1 });
        return api("/users?customer=my_customer&maxResults=1");
      }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(500);
  });

  it("a hang is accepted and never answered (the client's timeout ends it)", async () => {
    sb.faults.hang({ times: 1 });
    const err = await api("/users?customer=my_customer", { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("TimeoutError");
    expect((await api("/users?customer=my_customer&maxResults=1")).status).toBe(200);
  });

  it("enforces a per-minute quota with 429 and a Retry-After when configured", async () => {
    const q = await startGoogleSandbox({ quotaPerMinute: 2 });
    try {
      const call = () => fetch(`${q.url}${V1}/users?customer=my_customer`, { headers: { Authorization: `Bearer ${q.token}` } });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const third = await call();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    } finally {
      await q.stop();
    }
  });
});

describe("the real SDK against the sandbox", () => {
  it("@googleapis/admin works with rootUrl over http; with the SDK's own retry a GET 500 is retried but a POST is not", async () => {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: sb.token });
    const dir = admin({ version: "directory_v1", auth: client, rootUrl: `${sb.url}/` });
    const g = sb.state.addGroup({ name: "Sdk Retry" });
    const u = sb.state.addUser({ login: "sdk.retry@example.com" });
    sb.faults.inject({ status: 500, times: 1, match: "GET /users" });
    const page = await dir.users.list({ customer: "my_customer", maxResults: 2 });
    expect(page.data.users).toHaveLength(2);
    sb.faults.inject({ status: 500, times: 1, match: "POST /groups" });
    const err = await dir.members.insert({ groupKey: g.id, requestBody: { id: u.id } }).catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(500);
    expect(sb.state.isMember(g.id, u.id)).toBe(false);
  });
});

describe("generator", () => {
  it("is deterministic and holds the same people, groups and memberships as the Okta generator", () => {
    const opts = { users: 300, groups: 20, memberships: 900, seed: 4 };
    const a = generateGoogleDirectory(opts);
    const b = generateGoogleDirectory(opts);
    expect(JSON.stringify([...a.users.values()])).toBe(JSON.stringify([...b.users.values()]));
    expect(JSON.stringify([...a.groups.values()])).toBe(JSON.stringify([...b.groups.values()]));
    const okta = generateDirectory(opts);
    const listed = [...okta.users.values()].filter((u) => u.status !== "DEPROVISIONED");
    expect(a.users.size).toBe(listed.length);
    expect(new Set([...a.users.values()].map((u) => u.primaryEmail))).toEqual(new Set(listed.map((u) => u.profile.login)));
    expect([...a.users.values()].filter((u) => u.suspended).length).toBe(listed.filter((u) => u.status === "SUSPENDED").length);
    expect(a.groups.size).toBe(okta.groups.size);
    const appGroups = [...okta.groups.values()].filter((g) => g.type === "APP_GROUP").length;
    expect([...a.groups.values()].filter((g) => !g.adminCreated).length).toBe(appGroups);
    const deprovisioned = new Set([...okta.users.values()].filter((u) => u.status === "DEPROVISIONED").map((u) => u.id));
    let kept = 0;
    for (const members of okta.memberships.values()) for (const id of members) if (!deprovisioned.has(id)) kept++;
    expect(a.membershipCount).toBe(kept);
    expect([...a.users.values()].every((u) => /^\d{21}$/.test(u.id))).toBe(true);
  });
});
