// A reusable contract suite for DirectoryConnector implementations (Okta now; Entra, Google, SCIM later).
// Each connector's test file calls describeDirectoryContract() with a setup that starts its sandbox and
// returns a connector plus controls over the sandbox. The suite only uses our own types.
//
//   describeDirectoryContract("okta", async () => { const sb = await startOktaSandbox(); ...; return harness; });

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ConnectorError, type DirectoryConnector, type DirectoryGroup, type DirectoryUser, type Page } from "./types.ts";

export type ContractFault =
  /** The IdP's rate limit answer (Okta 429 + X-Rate-Limit-Reset ≈ now; Graph 429 + Retry-After: 1). */
  | { kind: "rate_limit"; times: number }
  /** 500 Internal Server Error. */
  | { kind: "server_error"; times: number }
  /** Accept the request and never answer. */
  | { kind: "hang"; times: number };

export interface DirectoryContractControls {
  /** Creates an active user directly in the sandbox; returns its external id. */
  seedUser(input: { login: string; firstName?: string; lastName?: string; department?: string; title?: string }): Promise<string>;
  /** Creates a group; `managed: false` makes one the IdP refuses to change (Okta APP_GROUP, Entra dynamic group, …). */
  seedGroup(input: { name: string; managed?: boolean }): Promise<string>;
  addMembership(groupId: string, userId: string): Promise<void>;
  /** Ground truth read from the sandbox state, not through the connector. */
  hasMembership(groupId: string, userId: string): Promise<boolean>;
  /** The user's status in the sandbox. */
  userStatus(userId: string): Promise<string>;
  /** The status suspendUser() leads to (e.g. Okta "SUSPENDED"). */
  suspendedStatus: string;
  /** Applies to the next `times` requests the sandbox receives. */
  injectFault(fault: ContractFault): void;
  clearFaults(): void;
  /** An id that looks valid for this IdP but does not exist. */
  unknownUserId: string;
}

export interface DirectoryContractHarness {
  /** Connected with valid credentials and short retry delays. */
  connector: DirectoryConnector;
  /** A new connector to the same sandbox (fresh counters), e.g. with a short timeout or bad credentials. */
  connect(options?: { timeoutMs?: number; badCredentials?: boolean }): DirectoryConnector;
  controls: DirectoryContractControls;
  stop(): Promise<void>;
}

async function collect<T>(list: (cursor: string | null) => Promise<Page<T>>): Promise<{ items: T[]; pages: Page<T>[] }> {
  const pages: Page<T>[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(cursor);
    pages.push(page);
    cursor = page.next;
    if (pages.length > 1000) throw new Error("paging does not end");
  } while (cursor);
  return { items: pages.flatMap((p) => p.items), pages };
}

async function expectConnectorError(p: Promise<unknown>, code: ConnectorError["code"], retryable?: boolean): Promise<ConnectorError> {
  const err = await p.then(
    () => {
      throw new Error(`expected a ConnectorError "${code}", but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  const ce = err as ConnectorError;
  expect(ce.code, ce.message).toBe(code);
  if (retryable !== undefined) expect(ce.retryable).toBe(retryable);
  expect(ce.message.length).toBeGreaterThan(0);
  return ce;
}

export function describeDirectoryContract(name: string, setup: () => Promise<DirectoryContractHarness>): void {
  describe(`DirectoryConnector contract: ${name}`, () => {
    let h: DirectoryContractHarness;
    let c: DirectoryConnector;
    let n = 0;
    const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

    beforeAll(async () => {
      h = await setup();
      c = h.connector;
    });
    afterAll(async () => {
      await h?.stop();
    });

    it("validate() succeeds with good credentials", async () => {
      const r = await c.validate();
      expect(r.ok).toBe(true);
      expect(r.detail).toMatch(/\S/);
    });

    it("validate() reports bad credentials as ok:false, and calls fail with a non-retryable auth error", async () => {
      const bad = h.connect({ badCredentials: true });
      const r = await bad.validate();
      expect(r.ok).toBe(false);
      expect(r.detail).toMatch(/\S/);
      await expectConnectorError(bad.listUsers(), "auth", false);
    });

    it("maps seeded users' fields", async () => {
      const login = `${unique("fields")}@contract.test`;
      const id = await h.controls.seedUser({ login, firstName: "Fay", lastName: "Fields", department: "Finance", title: "Controller" });
      const { items } = await collect((cur) => c.listUsers(cur));
      const u = items.find((x) => x.externalId === id) as DirectoryUser;
      expect(u).toBeDefined();
      expect(u.login.toLowerCase()).toBe(login.toLowerCase());
      expect(u.firstName).toBe("Fay");
      expect(u.lastName).toBe("Fields");
      expect(u.department).toBe("Finance");
      expect(u.title).toBe("Controller");
      expect(u.status).toBe("ACTIVE");
    });

    it("pages through users with a small page size, and a cursor resumes on a fresh connector", async () => {
      const seeded = new Set<string>();
      for (let i = 0; i < 7; i++) seeded.add(await h.controls.seedUser({ login: `${unique("page")}@contract.test` }));
      const { items, pages } = await collect((cur) => c.listUsers(cur, 3));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      for (const p of pages) expect(p.items.length).toBeLessThanOrEqual(3);
      for (const p of pages.slice(0, -1)) expect(p.items.length).toBe(3);
      const ids = items.map((u) => u.externalId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of seeded) expect(ids).toContain(id);

      const first = await c.listUsers(null, 3);
      expect(first.next).toEqual(expect.any(String));
      const resumed = await h.connect().listUsers(first.next, 3);
      const again = await c.listUsers(first.next, 3);
      expect(resumed.items.map((u) => u.externalId)).toEqual(again.items.map((u) => u.externalId));
      for (const u of resumed.items) expect(first.items.map((x) => x.externalId)).not.toContain(u.externalId);
    });

    it("pages through groups and group members", async () => {
      const groups = new Set<string>();
      for (let i = 0; i < 5; i++) groups.add(await h.controls.seedGroup({ name: unique("Contract Group") }));
      const { items, pages } = await collect((cur) => c.listGroups(cur, 2));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const ids = items.map((g) => g.externalId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of groups) expect(ids).toContain(id);
      for (const g of items.filter((x) => groups.has(x.externalId))) expect(g.managed).toBe(true);

      const gid = [...groups][0];
      const members = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const uid = await h.controls.seedUser({ login: `${unique("member")}@contract.test` });
        await h.controls.addMembership(gid, uid);
        members.add(uid);
      }
      const m = await collect((cur) => c.listGroupMembers(gid, cur, 2));
      expect(m.pages.length).toBe(3);
      expect(new Set(m.items)).toEqual(members);
    });

    it("addMember is idempotent (adding an existing member succeeds)", async () => {
      const gid = await h.controls.seedGroup({ name: unique("Dup Group") });
      const uid = await h.controls.seedUser({ login: `${unique("dup")}@contract.test` });
      await c.addMember(gid, uid);
      await expect(c.addMember(gid, uid)).resolves.toBeUndefined();
      expect(await h.controls.hasMembership(gid, uid)).toBe(true);
    });

    it("removeMember is idempotent (removing a non-member succeeds)", async () => {
      const gid = await h.controls.seedGroup({ name: unique("Remove Group") });
      const uid = await h.controls.seedUser({ login: `${unique("nonmember")}@contract.test` });
      await expect(c.removeMember(gid, uid)).resolves.toBeUndefined();
      await h.controls.addMembership(gid, uid);
      await c.removeMember(gid, uid);
      expect(await h.controls.hasMembership(gid, uid)).toBe(false);
      await expect(c.removeMember(gid, uid)).resolves.toBeUndefined();
    });

    it("isMember reads back true and false with evidence", async () => {
      const gid = await h.controls.seedGroup({ name: unique("ReadBack Group") });
      const uid = await h.controls.seedUser({ login: `${unique("readback")}@contract.test` });
      const before = await c.isMember(gid, uid);
      expect(before.isMember).toBe(false);
      expect(before.checkedAt).toBeInstanceOf(Date);
      expect(before.detail).toMatch(/\S/);
      await c.addMember(gid, uid);
      const after = await c.isMember(gid, uid);
      expect(after.isMember).toBe(true);
      expect(after.detail).toMatch(/\S/);
      await c.removeMember(gid, uid);
      expect((await c.isMember(gid, uid)).isMember).toBe(false);
    });

    it("an unmanaged group is listed as managed:false and changes are refused as forbidden", async () => {
      const gid = await h.controls.seedGroup({ name: unique("Unmanaged Group"), managed: false });
      const uid = await h.controls.seedUser({ login: `${unique("unmanaged")}@contract.test` });
      const { items } = await collect((cur) => c.listGroups(cur));
      const g = items.find((x) => x.externalId === gid) as DirectoryGroup;
      expect(g.managed).toBe(false);
      expect(g.unmanagedReason).toMatch(/\S/);
      await expectConnectorError(c.addMember(gid, uid), "forbidden", false);
      await expectConnectorError(c.removeMember(gid, uid), "forbidden", false);
      expect(await h.controls.hasMembership(gid, uid)).toBe(false);
    });

    it("an unknown user is not_found", async () => {
      const gid = await h.controls.seedGroup({ name: unique("NotFound Group") });
      await expectConnectorError(c.addMember(gid, h.controls.unknownUserId), "not_found", false);
      await expectConnectorError(c.suspendUser(h.controls.unknownUserId), "not_found", false);
    });

    it("suspendUser suspends, and suspending again succeeds", async () => {
      const uid = await h.controls.seedUser({ login: `${unique("suspend")}@contract.test` });
      await c.suspendUser(uid);
      expect(await h.controls.userStatus(uid)).toBe(h.controls.suspendedStatus);
      await expect(c.suspendUser(uid)).resolves.toBeUndefined();
      expect(await h.controls.userStatus(uid)).toBe(h.controls.suspendedStatus);
    });

    it("a rate limit answer is waited out and retried; the retry counts as an API call", async () => {
      const before = c.apiCalls();
      h.controls.injectFault({ kind: "rate_limit", times: 1 });
      const page = await c.listUsers(null, 5);
      expect(page.items.length).toBeGreaterThan(0);
      expect(c.apiCalls() - before).toBe(2);
    });

    it("a rate limit that does not clear becomes a retryable rate_limited error with retryAfterMs", async () => {
      h.controls.injectFault({ kind: "rate_limit", times: 1000 });
      try {
        const e = await expectConnectorError(c.listUsers(null, 5), "rate_limited", true);
        expect(e.retryAfterMs).toBeGreaterThan(0);
      } finally {
        h.controls.clearFaults();
      }
    });

    it("a 500 is retried, then succeeds", async () => {
      const before = c.apiCalls();
      h.controls.injectFault({ kind: "server_error", times: 1 });
      const page = await c.listUsers(null, 5);
      expect(page.items.length).toBeGreaterThan(0);
      expect(c.apiCalls() - before).toBe(2);
    });

    it("a write that meets a 500 is retried, then succeeds", async () => {
      const gid = await h.controls.seedGroup({ name: unique("Retry Group") });
      const uid = await h.controls.seedUser({ login: `${unique("retry")}@contract.test` });
      h.controls.injectFault({ kind: "server_error", times: 1 });
      await c.addMember(gid, uid);
      expect(await h.controls.hasMembership(gid, uid)).toBe(true);
    });

    it("500 forever becomes a retryable unavailable error after bounded retries", async () => {
      const before = c.apiCalls();
      h.controls.injectFault({ kind: "server_error", times: 1000 });
      try {
        await expectConnectorError(c.listUsers(null, 5), "unavailable", true);
        const calls = c.apiCalls() - before;
        expect(calls).toBeGreaterThan(1);
        expect(calls).toBeLessThanOrEqual(10);
      } finally {
        h.controls.clearFaults();
      }
    });

    it("a request that never gets an answer fails as a retryable timeout within the configured timeout", async () => {
      const timeoutMs = 600;
      const quick = h.connect({ timeoutMs });
      h.controls.injectFault({ kind: "hang", times: 1 });
      const t0 = Date.now();
      try {
        await expectConnectorError(quick.listUsers(null, 5), "timeout", true);
      } finally {
        h.controls.clearFaults();
      }
      const elapsed = Date.now() - t0;
      expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
      expect(elapsed).toBeLessThan(timeoutMs + 1500);
    });

    it("counts API calls", async () => {
      const fresh = h.connect();
      expect(fresh.apiCalls()).toBe(0);
      await fresh.listUsers(null, 1);
      const first = fresh.apiCalls();
      expect(first).toBeGreaterThanOrEqual(1); // a token fetch may come first
      await fresh.listUsers(null, 1);
      expect(fresh.apiCalls()).toBe(first + 1);
    });
  });
}
