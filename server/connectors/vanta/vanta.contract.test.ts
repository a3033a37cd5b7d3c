// Contract tests: the Vanta connector (plain fetch) against the sandbox Vanta over HTTP (protocols.md §7).

import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVantaSandbox, VANTA_SCOPES, type VantaSandbox } from "../../sandbox/vanta/index.ts";
import { ConnectorError, type EvidenceUserAccount } from "../types.ts";
import { createVantaConnector, VantaTokenCache, type VantaConnectorConfig } from "./index.ts";

// The sandbox's clock moves only when a test moves it (token lifetimes, the 5-a-minute token limit).
let sandboxNow = Date.parse("2026-11-26T09:00:00Z");
const sb: VantaSandbox = await startVantaSandbox({
  now: () => new Date(sandboxNow),
  clients: [
    { clientId: "vci_gatehouse", clientSecret: "vcs_right", name: "Gatehouse", scopes: Object.values(VANTA_SCOPES) },
    { clientId: "vci_resources_only", clientSecret: "vcs_resources", name: "Resources only", scopes: [VANTA_SCOPES.readResource, VANTA_SCOPES.writeResource] },
    { clientId: "vci_limited", clientSecret: "vcs_limited", name: "Rate limit", scopes: Object.values(VANTA_SCOPES) },
  ],
  resources: [{ id: "66a0c0de5ea7c0ffee000001", name: "Gatehouse" }, { id: "66a0c0de5ea7c0ffee000002", name: "Paging" }],
});
afterAll(() => sb.stop());
const RESOURCE = "66a0c0de5ea7c0ffee000001";

let tokens: VantaTokenCache;
beforeEach(() => {
  // A fresh token cache per test, and a minute later on the sandbox's clock so the token limit starts over.
  tokens = new VantaTokenCache();
  sandboxNow += 61_000;
});
afterEach(() => sb.faults.clear());

const connector = (overrides: Partial<VantaConnectorConfig> = {}) =>
  createVantaConnector({
    apiUrl: sb.url, clientId: "vci_gatehouse", clientSecret: "vcs_right", userAccountResourceId: RESOURCE, timeoutMs: 2_000, tokenCache: tokens, ...overrides,
  });
const tokenCalls = () => sb.calls["POST /oauth/token"] ?? 0;
const calls = (route: string) => sb.calls[route] ?? 0;

async function caught(p: Promise<unknown>): Promise<ConnectorError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ConnectorError);
  return e as ConnectorError;
}

const account = (n: number, over: Partial<EvidenceUserAccount> = {}): EvidenceUserAccount => ({
  id: `grant-${n}`, displayName: `Person ${n} (Figma · Editor)`, fullName: `Person ${n}`, accountName: `person${n}@acme.example`,
  email: `person${n}@acme.example`, permission: n === 1 ? "admin" : "base", status: "active", createdAt: new Date(Date.UTC(2026, 0, n)),
  url: `https://gatehouse.example/grants/grant-${n}`, mfaEnabled: true, authMethod: "sso", ...over,
});

describe("validate", () => {
  it("signs in, finds the configured document among several pages, and the user account resource", async () => {
    const before = calls("GET /v1/documents");
    const r = await connector({ pageSize: 5 }).validate();
    expect(r).toEqual({ ok: true, detail: "Vanta issued a token · document “Proof of completed access review” (access-reviews, Needs document) · user accounts resource 66a0c0de5ea7c0ffee000001" });
    // 14 documents in pages of 5.
    expect(calls("GET /v1/documents") - before).toBe(3);
  });

  it("says which id is wrong: an unknown document, an unknown resource", async () => {
    const doc = await connector({ documentId: "access-reveiws" }).validate();
    expect(doc.ok).toBe(false);
    expect(doc.detail).toMatch(/Vanta issued a token, but Vanta has no document "access-reveiws"; copy the id from the document's address/);
    const res = await connector({ userAccountResourceId: "66a0c0de5ea7c0ffee0000ff" }).validate();
    expect(res.ok).toBe(false);
    expect(res.detail).toMatch(/no UserAccount resource "66a0c0de5ea7c0ffee0000ff".*Developer Console.*\(404\)/);
  });

  it("refuses bad credentials with a clear message, and says nothing of the secret", async () => {
    const r = await connector({ clientSecret: "vcs_wrong" }).validate();
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/^Vanta get an access token: Vanta refused the client ID or client secret \(401\)/);
    expect(r.detail).not.toContain("vcs_wrong");
    const e = await caught(connector({ clientId: "vci_nobody" }).syncUserAccounts(RESOURCE, [account(1)]));
    expect(e).toMatchObject({ code: "auth", retryable: false, status: 401 });
  });

  it("refuses scopes the application does not have, and calls its token lacks a scope for", async () => {
    const asked = await caught(connector({ clientId: "vci_resources_only", clientSecret: "vcs_resources" }).listUserAccounts(RESOURCE));
    expect(asked).toMatchObject({ code: "auth", retryable: false });
    expect(asked.message).toMatch(/may not use the requested scopes.*vanta-api\.all:read/);
    const limited = connector({ clientId: "vci_resources_only", clientSecret: "vcs_resources", scope: `${VANTA_SCOPES.readResource} ${VANTA_SCOPES.writeResource}` });
    expect(await limited.listUserAccounts(RESOURCE)).toBeInstanceOf(Array);
    const e = await caught(limited.uploadDocument("access-reviews", { filename: "r.csv", contentType: "text/csv", content: "a" }));
    expect(e).toMatchObject({ code: "auth", retryable: false, status: 403 });
    expect(e.message).toMatch(/not allowed to do this \(403\).*missing the scope vanta-api\.documents:upload/);
  });
});

describe("tokens", () => {
  it("asks for one token for many calls, also from concurrent calls and from a second connector of the same application", async () => {
    const before = tokenCalls();
    const c = connector();
    await c.validate();
    await c.syncUserAccounts(RESOURCE, [account(1), account(2)]);
    await Promise.all([c.listUserAccounts(RESOURCE), c.listUserAccounts(RESOURCE), c.listUserAccounts(RESOURCE)]);
    await connector().submitDocument("access-reviews").catch(() => undefined);
    expect(tokenCalls() - before).toBe(1);
  });

  it("shares tokens only between connectors of the same credentials", async () => {
    const before = tokenCalls();
    await connector().listUserAccounts(RESOURCE);
    await connector({ clientId: "vci_limited", clientSecret: "vcs_limited" }).listUserAccounts(RESOURCE);
    await connector().listUserAccounts(RESOURCE);
    expect(tokenCalls() - before).toBe(2);
  });

  it("renews a token shortly before it expires", async () => {
    let connectorNow = Date.parse("2026-11-26T09:00:00Z");
    const c = connector({ now: () => connectorNow });
    const before = tokenCalls();
    await c.listUserAccounts(RESOURCE);
    connectorNow += 54 * 60_000; // 54 minutes: still good
    await c.listUserAccounts(RESOURCE);
    expect(tokenCalls() - before).toBe(1);
    connectorNow += 2 * 60_000; // 56 minutes: within 5 minutes of the hour
    await c.listUserAccounts(RESOURCE);
    expect(tokenCalls() - before).toBe(2);
  });

  it("replaces a cached token Vanta no longer accepts (expired on its clock, or revoked), once", async () => {
    const c = connector();
    await c.listUserAccounts(RESOURCE);
    const before = tokenCalls();
    const listed = calls("GET /v1/resources/user_account");
    sandboxNow += 3601_000; // the token is an hour old on Vanta's clock
    expect(await c.listUserAccounts(RESOURCE)).toBeInstanceOf(Array);
    expect(tokenCalls() - before).toBe(1);
    expect(calls("GET /v1/resources/user_account") - listed).toBe(2);
    sb.state.revokeTokens();
    await c.syncUserAccounts(RESOURCE, [account(1)]);
    expect(tokenCalls() - before).toBe(2);
  });

  it("a 401 for a token just minted is an auth error, not a loop", async () => {
    const c = connector();
    sb.faults.inject({ status: 401, times: 5, match: "GET /v1/resources" });
    const before = tokenCalls();
    const e = await caught(c.listUserAccounts(RESOURCE));
    expect(e).toMatchObject({ code: "auth", retryable: false, status: 401 });
    expect(e.message).toMatch(/Vanta rejected the access token/);
    expect(tokenCalls() - before).toBe(1);
    expect(sb.faults.pending()).toBe(4);
  });

  it("the token endpoint's limit (5 a minute) is a retryable error with the wait", async () => {
    const before = tokenCalls();
    for (let i = 0; i < 5; i++) await connector({ clientId: "vci_limited", clientSecret: "vcs_limited", tokenCache: new VantaTokenCache() }).listUserAccounts(RESOURCE);
    sandboxNow += 20_000;
    const e = await caught(connector({ clientId: "vci_limited", clientSecret: "vcs_limited", tokenCache: new VantaTokenCache() }).listUserAccounts(RESOURCE));
    expect(e).toMatchObject({ code: "rate_limited", retryable: true, status: 429, retryAfterMs: 40_000 });
    expect(e.message).toMatch(/get an access token: rate limited, retry in 40 s/);
    expect(tokenCalls() - before).toBe(6);
    sandboxNow += 40_000;
    expect(await connector({ clientId: "vci_limited", clientSecret: "vcs_limited", tokenCache: new VantaTokenCache() }).listUserAccounts(RESOURCE)).toBeInstanceOf(Array);
  });
});

describe("user accounts", () => {
  it("syncs the state of the world and reads it back as sent", async () => {
    const c = connector();
    const accounts = [account(1), account(2, { status: "suspended", permission: "editor", mfaEnabled: false, authMethod: "password", url: null }), account(3)];
    await c.syncUserAccounts(RESOURCE, accounts);
    const back = await c.listUserAccounts(RESOURCE);
    const byId = new Map(back.map((a) => [a.id, a]));
    for (const a of accounts) expect(byId.get(a.id)).toEqual({ ...a, deletedAt: null });
    // What reached Vanta is Vanta's vocabulary.
    const stored = sb.state.resource(RESOURCE)!.accounts.find((a) => a.uniqueId === "grant-2")!.fields;
    expect(stored).toMatchObject({ permissionLevel: "EDITOR", status: "SUSPENDED", authMethod: "PASSWORD", mfaEnabled: false, createdTimestamp: "2026-01-02T00:00:00.000Z" });
    expect(stored).not.toHaveProperty("externalUrl");
  });

  it("an account left out of a later sync gets deletedAt; sent again, it is back", async () => {
    const c = connector();
    await c.syncUserAccounts(RESOURCE, [account(1), account(2), account(3)]);
    await c.syncUserAccounts(RESOURCE, [account(1), account(3)]);
    const back = await c.listUserAccounts(RESOURCE);
    expect(back.find((a) => a.id === "grant-2")!.deletedAt).toEqual(new Date(sandboxNow));
    expect(back.filter((a) => a.deletedAt === null).map((a) => a.id).sort()).toEqual(["grant-1", "grant-3"]);
    await c.syncUserAccounts(RESOURCE, [account(1), account(2), account(3)]);
    expect((await c.listUserAccounts(RESOURCE)).find((a) => a.id === "grant-2")!.deletedAt).toBeNull();
    await c.syncUserAccounts(RESOURCE, []);
    expect((await c.listUserAccounts(RESOURCE)).every((a) => a.deletedAt !== null)).toBe(true);
  });

  it("reads every page", async () => {
    const c = connector({ pageSize: 2 });
    const many = Array.from({ length: 7 }, (_, i) => account(i + 1));
    await c.syncUserAccounts("66a0c0de5ea7c0ffee000002", many);
    const before = calls("GET /v1/resources/user_account");
    const back = await c.listUserAccounts("66a0c0de5ea7c0ffee000002");
    expect(back.map((a) => a.id)).toEqual(many.map((a) => a.id));
    expect(calls("GET /v1/resources/user_account") - before).toBe(4);
  });

  it("refuses an unknown resource and a push with one account twice, and the sandbox refuses a malformed account", async () => {
    const c = connector();
    const e = await caught(c.syncUserAccounts("66a0c0de5ea7c0ffee0000ff", [account(1)]));
    expect(e).toMatchObject({ code: "not_found", retryable: false, status: 404 });
    expect(e.message).toMatch(/no UserAccount resource "66a0c0de5ea7c0ffee0000ff"/);
    expect((await caught(c.syncUserAccounts(RESOURCE, [account(1), account(1)]))).code).toBe("invalid");
    const bad = await caught(c.syncUserAccounts(RESOURCE, [account(1, { email: "" })]));
    expect(bad).toMatchObject({ code: "invalid", retryable: false, status: 422 });
    expect(bad.message).toMatch(/resources\[0\]\.email must be a non-empty string/);
  });
});

describe("documents", () => {
  it("uploads text and binary files as multipart, and submits the document", async () => {
    const c = connector();
    const csv = "reviewer,person,decision\nSam Rivera,Dana Lee,keep\nSam Rivera,\"Zoë, M.\",revoke\n";
    const csvId = await c.uploadDocument("access-reviews", { filename: "q4-review.csv", contentType: "text/csv", content: csv });
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const pdfId = await c.uploadDocument("access-reviews", { filename: "q4-review.pdf", contentType: "application/pdf", content: bytes });
    expect(csvId).not.toBe(pdfId);
    expect(sb.state.uploadContent("access-reviews", csvId)!.toString("utf8")).toBe(csv);
    expect(sb.state.uploadContent("access-reviews", pdfId)!.equals(bytes)).toBe(true);
    const doc = sb.state.view().documents.find((d) => d.id === "access-reviews")!;
    expect(doc.uploads.filter((u) => u.id === csvId || u.id === pdfId)).toEqual([
      expect.objectContaining({ fileName: "q4-review.csv", mimeType: "text/csv", size: Buffer.byteLength(csv) }),
      expect.objectContaining({ fileName: "q4-review.pdf", mimeType: "application/pdf", size: 256 }),
    ]);
    expect(doc.overallStatus).not.toBe("OK");
    await c.submitDocument("access-reviews");
    expect(sb.state.document("access-reviews")!.overallStatus).toBe("OK");
    expect(sb.state.document("access-reviews")!.submissions.at(-1)!.uploadIds).toEqual([csvId, pdfId]);
  });

  it("an unknown document is not_found with where to find the id; submitting nothing is refused", async () => {
    const c = connector();
    const e = await caught(c.uploadDocument("acess-reviews", { filename: "r.csv", contentType: "text/csv", content: "x" }));
    expect(e).toMatchObject({ code: "not_found", retryable: false, status: 404 });
    expect(e.message).toBe(`Vanta upload r.csv to acess-reviews: Vanta has no document "acess-reviews"; copy the id from the document's address in Vanta (app.vanta.com/documents/<id>) (404)`);
    expect((await caught(c.submitDocument("nope"))).code).toBe("not_found");
    const empty = await caught(c.submitDocument("vendor-list"));
    expect(empty).toMatchObject({ code: "invalid", status: 422 });
  });
});

describe("failures the caller retries", () => {
  it("429 with Retry-After: retryable with the wait; the next call succeeds", async () => {
    const c = connector();
    sb.faults.inject({ status: 429, retryAfterSeconds: 7, match: "PUT /v1/resources/user_account" });
    const e = await caught(c.syncUserAccounts(RESOURCE, [account(1)]));
    expect(e).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 7000, status: 429 });
    await c.syncUserAccounts(RESOURCE, [account(1)]);
    expect((await c.listUserAccounts(RESOURCE)).filter((a) => !a.deletedAt).map((a) => a.id)).toEqual(["grant-1"]);
  });

  it("500 and 503 are retryable; 503's Retry-After is kept", async () => {
    const c = connector();
    sb.faults.inject({ status: 500, match: "POST /v1/documents/access-reviews/uploads" });
    const e500 = await caught(c.uploadDocument("access-reviews", { filename: "a.csv", contentType: "text/csv", content: "a" }));
    expect(e500).toMatchObject({ code: "unavailable", retryable: true, status: 500 });
    expect(e500.message).toMatch(/Vanta is unavailable \(500\)/);
    sb.faults.inject({ status: 503, retryAfterSeconds: 30, match: "/submit" });
    expect(await caught(c.submitDocument("access-reviews"))).toMatchObject({ code: "unavailable", retryable: true, retryAfterMs: 30_000 });
  });

  it("no answer within the timeout, slow answers and a dropped connection are retryable", async () => {
    const c = connector({ timeoutMs: 300 });
    await c.listUserAccounts(RESOURCE); // token cached
    sb.faults.hang({ match: "GET /v1/resources" });
    const started = Date.now();
    const e = await caught(c.listUserAccounts(RESOURCE));
    expect(e).toMatchObject({ code: "timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    sb.faults.latency(600);
    expect(await caught(c.submitDocument("access-reviews"))).toMatchObject({ code: "timeout", retryable: true });
    sb.faults.clear();
    sb.faults.down(true, "reset");
    const down = await caught(c.listUserAccounts(RESOURCE));
    expect(down).toMatchObject({ code: "unavailable", retryable: true });
    expect(down.message).toMatch(/could not reach Vanta/);
  });

  it("an unreachable API is retryable and validate says so", async () => {
    const r = await connector({ apiUrl: "http://127.0.0.1:9" }).validate();
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/could not reach Vanta/);
  });
});
