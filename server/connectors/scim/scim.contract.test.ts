// The DirectoryConnector contract, run against the sandbox SCIM server over HTTP; then the SCIM-specific paths
// (a server that answers a duplicate member with 409, one that refuses the groups.value filter, a configured
// read-only group, a Retry-After longer than the connector will wait).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDirectoryContract } from "../directory-contract.ts";
import { generateScimDirectory, startScimSandbox, type ScimSandbox } from "../../sandbox/scim/index.ts";
import { createScimConnector, type ScimConnectorConfig } from "./index.ts";

const READ_ONLY = { source: "Active Directory", reason: "Synced from Active Directory" };

describeDirectoryContract("scim", async () => {
  const sandbox = await startScimSandbox({ state: generateScimDirectory({ users: 6, groups: 3, memberships: 6, seed: 11, deprovisionedRatio: 0, suspendedRatio: 0 }) });
  const connect = (options: { timeoutMs?: number; badCredentials?: boolean } = {}) =>
    createScimConnector({
      baseUrl: sandbox.url,
      token: options.badCredentials ? "not-the-token" : sandbox.token,
      timeoutMs: options.timeoutMs ?? 5000,
      retryMinDelayMs: 10,
      retryMaxDelayMs: 50,
    });
  const state = sandbox.state;
  return {
    connector: connect(),
    connect,
    controls: {
      seedUser: async (input) => state.addUser({ userName: input.login, givenName: input.firstName, familyName: input.lastName, department: input.department, title: input.title }).id,
      seedGroup: async ({ name, managed }) => state.addGroup({ displayName: name, readOnly: managed === false ? READ_ONLY : null }).id,
      addMembership: async (gid, uid) => {
        state.addMember(gid, uid);
      },
      hasMembership: async (gid, uid) => state.isMember(gid, uid),
      userStatus: async (uid) => (state.isActive(uid) ? "ACTIVE" : "SUSPENDED"),
      suspendedStatus: "SUSPENDED",
      injectFault: (f) => {
        if (f.kind === "hang") sandbox.faults.hang({ times: f.times });
        else sandbox.faults.inject({ status: f.kind === "rate_limit" ? 429 : 500, times: f.times });
      },
      clearFaults: () => sandbox.faults.clear(),
      unknownUserId: "00000000-0000-4000-8000-000000000000",
    },
    stop: () => sandbox.stop(),
  };
});

describe("SCIM connector: server variations", () => {
  let sb: ScimSandbox;
  const connect = (extra: Partial<ScimConnectorConfig> = {}) =>
    createScimConnector({ baseUrl: sb.url, token: sb.token, timeoutMs: 5000, retryMinDelayMs: 10, retryMaxDelayMs: 50, ...extra });

  beforeAll(async () => {
    sb = await startScimSandbox({ duplicateMemberConflict: true, refuseGroupsFilter: true });
  });
  afterAll(() => sb.stop());

  it("a 409 for an existing member is success", async () => {
    const g = sb.state.addGroup({ displayName: "Conflicting Adds" });
    const u = sb.state.addUser({ userName: "con.flict@scim.test" });
    const c = connect();
    await c.addMember(g.id, u.id);
    await expect(c.addMember(g.id, u.id)).resolves.toBeUndefined();
    expect(sb.state.isMember(g.id, u.id)).toBe(true);
  });

  it("reads members from the group when the server refuses filter=groups.value, and pages them", async () => {
    const g = sb.state.addGroup({ displayName: "No Filter Group" });
    const ids = [0, 1, 2, 3, 4].map((i) => sb.state.addUser({ userName: `nofilter${i}@scim.test` }).id);
    for (const id of ids) sb.state.addMember(g.id, id);
    const c = connect();
    const first = await c.listGroupMembers(g.id, null, 2);
    const second = await c.listGroupMembers(g.id, first.next, 2);
    const third = await c.listGroupMembers(g.id, second.next, 2);
    expect([...first.items, ...second.items, ...third.items]).toEqual(ids);
    expect(third.next).toBeNull();
    // One refused filter, then the group resource for each page.
    expect(sb.requests.slice(-4).map((r) => r.url.split("?")[0])).toEqual(["/scim/v2/Users", ...Array(3).fill(`/scim/v2/Groups/${g.id}`)]);
  });

  it("a group listed as read-only in the connection's settings is unmanaged", async () => {
    const g = sb.state.addGroup({ displayName: "Configured Read Only" });
    const c = connect({ readOnlyGroups: ["configured read only"] });
    const groups = [];
    let cursor: string | null = null;
    do {
      const p = await c.listGroups(cursor, 50);
      groups.push(...p.items);
      cursor = p.next;
    } while (cursor);
    expect(groups.find((x) => x.externalId === g.id)).toMatchObject({ managed: false, unmanagedReason: expect.stringMatching(/settings/) });
  });

  it("a Retry-After longer than the connector waits is not waited for: rate_limited at once, with the wait", async () => {
    sb.faults.inject({ status: 429, times: 1, retryAfterSeconds: 120 });
    const c = connect({ maxRetryWaitMs: 1000 });
    const t0 = Date.now();
    await expect(c.listUsers()).rejects.toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 120_000 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(c.apiCalls()).toBe(1);
  });

  it("maps the enterprise extension (department, manager), the work address and userType", async () => {
    const boss = sb.state.addUser({ userName: "the.boss@scim.test" });
    const u = sb.state.addUser({ userName: "emp.loyee@scim.test", givenName: "Emp", familyName: "Loyee", department: "Legal", managerId: boss.id, locality: "Lisbon", userType: "Contractor", title: "Counsel" });
    expect(await connect().getUser(u.id)).toEqual({
      externalId: u.id, login: "emp.loyee@scim.test", email: "emp.loyee@scim.test", firstName: "Emp", lastName: "Loyee", title: "Counsel",
      department: "Legal", location: "Lisbon", managerRef: boss.id, status: "ACTIVE", employmentType: "Contractor",
    });
  });

  it("suspends with PATCH replace active=false and reads the status back", async () => {
    const u = sb.state.addUser({ userName: "lea.ver@scim.test" });
    const c = connect();
    await c.suspendUser(u.id);
    const patch = sb.requests.at(-1)!;
    expect(patch).toMatchObject({ method: "PATCH", url: `/scim/v2/Users/${u.id}` });
    expect(await c.readUserStatus(u.id)).toMatchObject({ status: "SUSPENDED", detail: expect.stringMatching(/active=false/) });
    expect(await c.getUser(u.id)).toMatchObject({ externalId: u.id, status: "SUSPENDED" });
    expect(await c.getUser("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
