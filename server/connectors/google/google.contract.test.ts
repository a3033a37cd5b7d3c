// The DirectoryConnector contract, run against the sandbox Google directory through the real SDK
// (@googleapis/admin with rootUrl at the sandbox and a static bearer token).

import { describe, expect, it } from "vitest";

import { describeDirectoryContract } from "../directory-contract.ts";
import { generateGoogleDirectory, startGoogleSandbox, type GoogleSandbox } from "../../sandbox/google/index.ts";
import { ConnectorError } from "../types.ts";
import { createGoogleConnector, staticAccessToken, type GoogleTokenSource } from "./index.ts";

function connectTo(sandbox: GoogleSandbox, options: { timeoutMs?: number; badCredentials?: boolean; tokens?: GoogleTokenSource; unmanagedGroups?: string[] } = {}) {
  return createGoogleConnector({
    rootUrl: sandbox.url,
    tokens: options.tokens ?? staticAccessToken(options.badCredentials ? "ya29.not-the-token" : sandbox.token),
    timeoutMs: options.timeoutMs ?? 5000,
    retryMinDelayMs: 10,
    retryMaxDelayMs: 50,
    unmanagedGroups: options.unmanagedGroups,
  });
}

describeDirectoryContract("google", async () => {
  const sandbox = await startGoogleSandbox({ state: generateGoogleDirectory({ users: 6, groups: 3, memberships: 6, seed: 11, deprovisionedRatio: 0, appGroupRatio: 0 }) });
  const state = sandbox.state;
  return {
    connector: connectTo(sandbox),
    connect: (options) => connectTo(sandbox, options),
    controls: {
      seedUser: async (input) => state.addUser(input).id,
      seedGroup: async ({ name, managed }) => state.addGroup({ name, adminCreated: managed !== false }).id,
      addMembership: async (gid, uid) => {
        state.insertMembership(gid, uid);
      },
      hasMembership: async (gid, uid) => state.isMember(gid, uid),
      userStatus: async (uid) => (state.users.get(uid)?.suspended ? "SUSPENDED" : "ACTIVE"),
      suspendedStatus: "SUSPENDED",
      injectFault: (f) => {
        if (f.kind === "hang") sandbox.faults.hang({ times: f.times });
        // Retry-After: 0 keeps the suite quick; the sandbox's default (1 s) is covered by its own tests.
        else if (f.kind === "rate_limit") sandbox.faults.inject({ status: 429, times: f.times, retryAfterSeconds: 0 });
        else sandbox.faults.inject({ status: 500, times: f.times });
      },
      clearFaults: () => sandbox.faults.clear(),
      unknownUserId: "100000000000000000000",
    },
    stop: () => sandbox.stop(),
  };
});

describe("google connector: Google-specific behaviour", () => {
  async function world() {
    const sandbox = await startGoogleSandbox({ state: generateGoogleDirectory({ users: 12, groups: 4, memberships: 10, seed: 5, deprovisionedRatio: 0, appGroupRatio: 0 }) });
    return { sandbox, google: connectTo(sandbox) };
  }

  it("maps lastLoginTime 1970 to null (never signed in), a real time to a Date, and the manager relation", async () => {
    const { sandbox, google } = await world();
    try {
      const boss = sandbox.state.addUser({ login: "boss@example.com", lastLoginTime: "2026-10-01T09:30:00.000Z" });
      const never = sandbox.state.addUser({ login: "never@example.com", managerEmail: "boss@example.com", department: "Legal", title: "Counsel" });
      expect(never.lastLoginTime).toBe("1970-01-01T00:00:00.000Z");
      expect(await google.getUser(never.id)).toMatchObject({ lastLoginAt: null, managerRef: "boss@example.com", department: "Legal", title: "Counsel", login: "never@example.com" });
      expect((await google.getUser(boss.id))?.lastLoginAt).toEqual(new Date("2026-10-01T09:30:00.000Z"));
      expect(await google.getUser("100000000000000000000")).toBeNull();
    } finally {
      await sandbox.stop();
    }
  });

  it("suspendUser sends PATCH {suspended:true}; readUserStatus reads SUSPENDED back", async () => {
    const { sandbox, google } = await world();
    try {
      const u = sandbox.state.addUser({ login: "leaver@example.com" });
      await google.suspendUser(u.id);
      expect(sandbox.requests.some((r) => r.method === "PATCH" && r.url === `/users/${u.id}` && r.status === 200)).toBe(true);
      expect(await google.readUserStatus(u.id)).toMatchObject({ status: "SUSPENDED", detail: expect.stringContaining("suspended=true") });
    } finally {
      await sandbox.stop();
    }
  });

  it("isMember uses hasMember; members.insert is retried after a 500 (the SDK itself never retries POST)", async () => {
    const { sandbox, google } = await world();
    try {
      const g = sandbox.state.addGroup({ name: "Retry Post" });
      const u = sandbox.state.addUser({ login: "post@example.com" });
      sandbox.faults.inject({ status: 503, times: 1, match: "POST /groups" });
      await google.addMember(g.id, u.id);
      expect(sandbox.calls["POST /groups/{groupKey}/members"]).toBe(2);
      expect((await google.isMember(g.id, u.id)).isMember).toBe(true);
      expect(sandbox.calls["GET /groups/{groupKey}/hasMember/{memberKey}"]).toBe(1);
    } finally {
      await sandbox.stop();
    }
  });

  it("treats 403 userRateLimitExceeded as a rate limit (retried), but a plain 403 as forbidden", async () => {
    const { sandbox, google } = await world();
    try {
      sandbox.faults.inject({ status: 403, times: 1, retryAfterSeconds: 0 });
      const before = google.apiCalls();
      expect((await google.listUsers(null, 2)).items).toHaveLength(2);
      expect(google.apiCalls() - before).toBe(2);
      const g = sandbox.state.addGroup({ name: "User Made", adminCreated: false });
      const u = sandbox.state.addUser({ login: "someone@example.com" });
      await expect(google.addMember(g.id, u.id)).rejects.toMatchObject({ code: "forbidden", retryable: false, status: 403 });
    } finally {
      await sandbox.stop();
    }
  });

  it("a configured group key (e.g. a dynamic group) is listed as unmanaged", async () => {
    const { sandbox } = await world();
    try {
      const g = sandbox.state.addGroup({ name: "All Engineers Dynamic" });
      const google = connectTo(sandbox, { unmanagedGroups: [g.email.toUpperCase()] });
      const all = [];
      let cursor: string | null = null;
      do {
        const p = await google.listGroups(cursor);
        all.push(...p.items);
        cursor = p.next;
      } while (cursor);
      expect(all.find((x) => x.externalId === g.id)).toMatchObject({ managed: false, unmanagedReason: expect.stringMatching(/dynamic/) });
    } finally {
      await sandbox.stop();
    }
  });

  it("asks the token source for a token once and sends it as a bearer token; a failing source surfaces its error", async () => {
    const { sandbox } = await world();
    try {
      let mints = 0;
      const counted = { description: "a counting minter", accessToken: async () => (mints++, { token: sandbox.token, expiresAt: new Date(Date.now() + 3_600_000) }) };
      const google = connectTo(sandbox, { tokens: counted });
      expect((await google.validate()).ok).toBe(true);
      await google.listUsers(null, 1);
      const fresh = connectTo(sandbox, { tokens: counted });
      await Promise.all([fresh.listUsers(null, 1), fresh.listGroups(null, 1)]);
      expect(mints).toBe(2); // one per connector, concurrent first calls included
      expect(sandbox.requests.slice(-2).map((r) => r.status)).toEqual([200, 200]);
      const failing = connectTo(sandbox, {
        tokens: { description: "a broken minter", accessToken: () => Promise.reject(new ConnectorError("unauthorized_client", "auth", false)) },
      });
      const v = await failing.validate();
      expect(v).toMatchObject({ ok: false, detail: expect.stringContaining("unauthorized_client") });
    } finally {
      await sandbox.stop();
    }
  });
});
