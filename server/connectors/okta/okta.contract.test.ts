// The DirectoryConnector contract, run against the sandbox Okta through the real SDK.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDirectoryContract } from "../directory-contract.ts";
import { ConnectorError } from "../types.ts";
import { generateDirectory, startOktaSandbox } from "../../sandbox/okta/index.ts";
import { createOktaConnector } from "./index.ts";

describeDirectoryContract("okta", async () => {
  const sandbox = await startOktaSandbox({ state: generateDirectory({ users: 6, groups: 3, memberships: 6, seed: 11, deprovisionedRatio: 0 }) });
  const connect = (options: { timeoutMs?: number; badCredentials?: boolean } = {}) =>
    createOktaConnector({
      orgUrl: sandbox.url,
      auth: { mode: "token", token: options.badCredentials ? "not-the-token" : sandbox.token },
      timeoutMs: options.timeoutMs ?? 5000,
      retryMinDelayMs: 10,
      retryMaxDelayMs: 50,
    });
  const state = sandbox.state;
  return {
    connector: connect(),
    connect,
    controls: {
      seedUser: async (input) => state.addUser(input).id,
      seedGroup: async ({ name, managed }) => state.addGroup({ name, type: managed === false ? "APP_GROUP" : "OKTA_GROUP" }).id,
      addMembership: async (gid, uid) => {
        state.addMembership(gid, uid);
      },
      hasMembership: async (gid, uid) => state.isMember(gid, uid),
      userStatus: async (uid) => state.mustUser(uid).status,
      suspendedStatus: "SUSPENDED",
      injectFault: (f) => {
        if (f.kind === "hang") sandbox.faults.hang({ times: f.times });
        else sandbox.faults.inject({ status: f.kind === "rate_limit" ? 429 : 500, times: f.times });
      },
      clearFaults: () => sandbox.faults.clear(),
      unknownUserId: "00u0000000000unknown",
    },
    stop: () => sandbox.stop(),
  };
});

// Per-app last use (the optional listAppSignIns capability), against the sandbox's System Log.
describe("okta listAppSignIns", () => {
  const APP = "0oareclaimapp000001";
  const DAY = 86_400_000;
  const until = new Date("2026-11-20T00:00:00Z");
  const since = new Date(until.getTime() - 90 * DAY);

  async function world() {
    const sandbox = await startOktaSandbox({ state: generateDirectory({ users: 4, groups: 1, memberships: 0, seed: 12, deprovisionedRatio: 0 }) });
    const okta = createOktaConnector({ orgUrl: sandbox.url, auth: { mode: "token", token: sandbox.token }, timeoutMs: 5000, retryMinDelayMs: 10, retryMaxDelayMs: 50 });
    const users = [...sandbox.state.users.values()];
    return { sandbox, okta, users };
  }
  async function readAll(okta: ReturnType<typeof createOktaConnector>, query: { appExternalId: string; since: Date; until: Date }) {
    const all: { personExternalId: string; at: Date }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await okta.listAppSignIns(query, cursor);
      all.push(...page.items);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 50);
    return { all, pages };
  }

  it("reads every sign-in to the app inside [since, until) over several pages, and nothing else", async () => {
    const { sandbox, okta, users } = await world();
    try {
      for (let i = 0; i < 2300; i++) sandbox.state.recordAppSignIn(APP, users[i % 3]!.id, new Date(since.getTime() + (i + 1) * 60_000));
      sandbox.state.recordAppSignIn("0oaotherapp0000001", users[3]!.id, new Date(until.getTime() - DAY));
      sandbox.state.recordAppSignIn(APP, users[3]!.id, new Date(until.getTime() + 1000)); // after until: not read
      sandbox.state.recordAppSignIn(APP, users[3]!.id, new Date(since.getTime() - 1000)); // before since: not read
      const { all, pages } = await readAll(okta, { appExternalId: APP, since, until });
      expect(pages).toBe(3);
      expect(all).toHaveLength(2300);
      expect(new Set(all.map((s) => s.personExternalId))).toEqual(new Set(users.slice(0, 3).map((u) => u.id)));
      expect(all.at(-1)!.at).toEqual(new Date(since.getTime() + 2300 * 60_000));
      const logCalls = sandbox.stats.requests.filter((r) => r.route === "GET /api/v1/logs");
      expect(logCalls.every((r) => /until=/.test(r.url) && /limit=1000/.test(r.url))).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });

  it("waits out a 429 and then succeeds", async () => {
    const { sandbox, okta, users } = await world();
    try {
      sandbox.state.recordAppSignIn(APP, users[0]!.id, new Date(until.getTime() - DAY));
      sandbox.faults.inject({ status: 429, times: 1, match: (_m, path) => path === "/api/v1/logs" });
      const page = await okta.listAppSignIns({ appExternalId: APP, since, until });
      expect(page.items).toEqual([{ personExternalId: users[0]!.id, at: new Date(until.getTime() - DAY) }]);
      expect(page.next).toBeNull();
    } finally {
      await sandbox.stop();
    }
  });

  it("refuses an unbounded or malformed query before calling Okta", async () => {
    const { sandbox, okta } = await world();
    try {
      await expect(okta.listAppSignIns({ appExternalId: APP, since, until: undefined as unknown as Date })).rejects.toMatchObject({ code: "invalid" });
      await expect(okta.listAppSignIns({ appExternalId: 'x" or eventType sw "', since, until })).rejects.toMatchObject({ code: "invalid" });
      await expect(okta.listAppSignIns({ appExternalId: APP, since: until, until: since })).rejects.toMatchObject({ code: "invalid" });
    } finally {
      await sandbox.stop();
    }
  });
});

// Who added a member (the optional findMembershipAdds capability), against the sandbox's System Log.
describe("okta findMembershipAdds", () => {
  const DAY = 86_400_000;

  async function world() {
    const sandbox = await startOktaSandbox({ state: generateDirectory({ users: 4, groups: 2, memberships: 0, seed: 13, deprovisionedRatio: 0 }) });
    const okta = createOktaConnector({ orgUrl: sandbox.url, auth: { mode: "token", token: sandbox.token }, timeoutMs: 5000, retryMinDelayMs: 10, retryMaxDelayMs: 50, maxRetries: 1 });
    const users = [...sandbox.state.users.values()];
    const groups = [...sandbox.state.groups.values()].filter((g) => g.type === "OKTA_GROUP");
    return { sandbox, okta, users, groups };
  }
  const actor = { id: "00uhelpdesk000000001", type: "User", alternateId: "jamie.cruz@acme.example", displayName: "Jamie Cruz" };

  it("the sandbox logs an add with the User and UserGroup targets and the actor, and the connector reads it back", async () => {
    const { sandbox, okta, users, groups } = await world();
    try {
      let now = new Date("2026-11-20T10:00:00Z");
      sandbox.state.clock = () => now;
      const [g1, g2] = [groups[0]!, groups[1]!];
      sandbox.state.addMembership(g1.id, users[0]!.id, { actor });
      now = new Date(now.getTime() + 60_000);
      sandbox.state.addMembership(g2.id, users[1]!.id, { actor }); // another group: not read
      sandbox.state.removeMembership(g1.id, users[0]!.id, { actor });
      now = new Date(now.getTime() + 60_000);
      sandbox.state.addMembership(g1.id, users[0]!.id); // re-added later by the sandbox admin
      const event = sandbox.state.logs.find((e) => e.eventType === "group.user_membership.add")!;
      expect(event.target.map((x) => [x.type, x.id])).toEqual([["User", users[0]!.id], ["UserGroup", g1.id]]);
      expect(event.actor).toMatchObject({ alternateId: "jamie.cruz@acme.example", displayName: "Jamie Cruz" });

      const adds = await okta.findMembershipAdds({ groupExternalId: g1.id, since: new Date(now.getTime() - DAY), until: new Date(now.getTime() + 1000) });
      expect(adds.map((a) => [a.personExternalId, a.actor.displayName, a.at.toISOString()])).toEqual([
        [users[0]!.id, "Sandbox Admin", "2026-11-20T10:02:00.000Z"],
        [users[0]!.id, "Jamie Cruz", "2026-11-20T10:00:00.000Z"],
      ]);
      expect(adds[1]!.actor).toEqual({ id: actor.id, displayName: "Jamie Cruz", login: "jamie.cruz@acme.example" });
      // Bounded: until excludes what came after it.
      expect(await okta.findMembershipAdds({ groupExternalId: g1.id, since: new Date(now.getTime() - DAY), until: new Date("2026-11-20T10:01:00Z") })).toHaveLength(1);
      const calls = sandbox.stats.requests.filter((r) => r.route === "GET /api/v1/logs");
      expect(calls.every((r) => /until=/.test(r.url) && /since=/.test(r.url))).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });

  it("surfaces a 500 as a retryable error, and refuses a malformed or unbounded query before calling Okta", async () => {
    const { sandbox, okta, groups } = await world();
    try {
      const until = new Date();
      const since = new Date(until.getTime() - DAY);
      sandbox.faults.inject({ status: 500, times: Infinity, match: (_m, path) => path === "/api/v1/logs" });
      await expect(okta.findMembershipAdds({ groupExternalId: groups[0]!.id, since, until })).rejects.toMatchObject({ code: "unavailable", retryable: true });
      sandbox.faults.clear();
      const before = sandbox.stats.requests.length;
      await expect(okta.findMembershipAdds({ groupExternalId: 'x" or eventType sw "', since, until })).rejects.toMatchObject({ code: "invalid" });
      await expect(okta.findMembershipAdds({ groupExternalId: groups[0]!.id, since: until, until: since })).rejects.toMatchObject({ code: "invalid" });
      await expect(okta.findMembershipAdds({ groupExternalId: groups[0]!.id, since, until: undefined as unknown as Date })).rejects.toMatchObject({ code: "invalid" });
      expect(sandbox.stats.requests.length).toBe(before);
    } finally {
      await sandbox.stop();
    }
  });
});

// Optional capabilities used by the event hook trigger (issue 6): getUser and event hook registration.
describe("Okta connector: getUser and event hooks", () => {
  let sandbox: Awaited<ReturnType<typeof startOktaSandbox>>;
  let receiver: { url: string; close(): Promise<void>; answer: "echo" | "wrong" };
  const connect = () => createOktaConnector({ orgUrl: sandbox.url, auth: { mode: "token", token: sandbox.token }, timeoutMs: 5000, retryMinDelayMs: 10, retryMaxDelayMs: 50 });

  beforeAll(async () => {
    sandbox = await startOktaSandbox({ state: generateDirectory({ users: 3, groups: 1, memberships: 1, seed: 5, deprovisionedRatio: 0 }), eventHooks: { timeoutMs: 500 } });
    const server = http.createServer((req, res) => {
      const challenge = req.headers["x-okta-verification-challenge"];
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ verification: r.answer === "echo" ? challenge : "nope" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const r = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      answer: "echo" as "echo" | "wrong",
      close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
    };
    receiver = r;
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.close();
  });

  it("getUser maps one user like listUsers, DEPROVISIONED included; an unknown id is null", async () => {
    const c = connect();
    const u = sandbox.state.addUser({ login: "gus.getuser@contract.test", department: "Legal", title: "Counsel", city: "Paris" });
    sandbox.state.setStatus(u.id, "DEPROVISIONED");
    expect(await c.getUser(u.id)).toMatchObject({ externalId: u.id, department: "Legal", title: "Counsel", location: "Paris", status: "DEPROVISIONED" });
    expect(await c.getUser("00u0000000000unknown")).toBeNull();
  });

  it("getUser surfaces 429 as rate_limited (retryable, with a wait) and 500 as unavailable after retries", async () => {
    const c = connect();
    const [first] = sandbox.state.sortedUsers();
    sandbox.faults.inject({ status: 500, times: 3 });
    await expect(c.getUser(first!.id)).rejects.toMatchObject({ code: "unavailable", retryable: true });
    sandbox.faults.inject({ status: 429, times: 3 });
    const err = await c.getUser(first!.id).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "rate_limited", retryable: true });
    expect((err as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThanOrEqual(0);
    sandbox.faults.clear();
  });

  it("registerEventHook creates, verifies and activates; getEventHook reads it; removeEventHook deletes it (twice is fine)", async () => {
    const c = connect();
    const hook = await c.registerEventHook({ name: "Gatehouse", uri: receiver.url, secret: "contract-secret", events: ["user.account.update_profile"] });
    expect(hook).toMatchObject({ uri: receiver.url, events: ["user.account.update_profile"], status: "ACTIVE", verified: true });
    expect(await c.getEventHook(hook.id)).toEqual(hook);
    await c.removeEventHook(hook.id);
    await c.removeEventHook(hook.id);
    expect(await c.getEventHook(hook.id)).toBeNull();
  });

  it("an endpoint that does not echo the challenge: a non-retryable invalid error, and no hook left in Okta", async () => {
    receiver.answer = "wrong";
    try {
      const err = await connect().registerEventHook({ name: "Gatehouse", uri: receiver.url, secret: "contract-secret", events: ["user.lifecycle.create"] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err).toMatchObject({ code: "invalid", retryable: false });
      expect((err as Error).message).toMatch(/could not verify the event hook.*Unable to verify event hook/);
      expect(sandbox.state.eventHooks).toHaveLength(0);
    } finally {
      receiver.answer = "echo";
    }
  });
});
