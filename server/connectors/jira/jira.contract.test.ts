// Contract tests: the Jira connector (real jira.js 6.2.0) against the sandbox Jira over HTTP.

import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startJiraSandbox, type JiraSandbox } from "../../sandbox/jira/index.ts";
import { ConnectorError } from "../types.ts";
import { adf } from "./adf.ts";
import { createJiraConnector, type JiraConnectorConfig } from "./index.ts";

const EMAIL = "bot@acme.test";
const TOKEN = "good-token";

let sb: JiraSandbox;

function connector(overrides: Partial<JiraConnectorConfig> = {}) {
  return createJiraConnector({
    siteUrl: sb.url,
    projectKey: "ACC",
    auth: { mode: "basic", email: EMAIL, apiToken: TOKEN },
    onSchemaMismatch: "throw",
    timeoutMs: 5_000,
    ...overrides,
  });
}

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const description = adf.doc(
  adf.heading(2, "Access request"),
  adf.paragraph("Ada Lovelace asks for ", adf.strong("GitHub · admins"), " for 30 days."),
  adf.keyValue([
    ["Requester", "Ada Lovelace"],
    ["Approver", adf.link("Grace Hopper", "https://gatehouse.example/people/grace")],
  ]),
  adf.bulletList(["Reason: release duty", ["Risk: ", adf.em("high")]]),
);

async function newTicket(summary = "Ada Lovelace → GitHub admins") {
  return connector().createIssue({ summary, description });
}

beforeAll(async () => {
  sb = await startJiraSandbox({
    accounts: [
      { email: EMAIL, apiToken: TOKEN, displayName: "Gatehouse Bot" },
      { email: "viewer@acme.test", apiToken: "viewer-token", displayName: "Viewer", readOnly: true },
    ],
    bearerTokens: ["app-token"],
    projects: [
      { key: "ACC", name: "Access Requests" },
      { key: "OPS", name: "Operations" },
    ],
  });
});

afterEach(() => sb.faults.clear());

afterAll(async () => {
  await sb.stop();
});

describe("validate", () => {
  it("signs in and finds the project (Basic)", async () => {
    const result = await connector().validate();
    expect(result).toEqual({ ok: true, detail: `Signed in as Gatehouse Bot (${EMAIL}) · project ACC (Access Requests)` });
  });

  it("signs in with a bearer token", async () => {
    const result = await connector({ auth: { mode: "bearer", token: "app-token" }, projectKey: "ops" }).validate();
    expect(result.ok).toBe(true);
    expect(result.detail).toBe("Signed in as Gatehouse (app) · project OPS (Operations)");
  });

  it("reports bad credentials", async () => {
    const result = await connector({ auth: { mode: "basic", email: EMAIL, apiToken: "wrong" } }).validate();
    expect(result.ok).toBe(false);
    expect(result.detail).toBe(`Jira rejected the sign-in: check the email ${EMAIL} and its API token`);
    expect(result.detail).not.toContain("wrong");
    const bearer = await connector({ auth: { mode: "bearer", token: "expired" } }).validate();
    expect(bearer).toEqual({ ok: false, detail: "Jira rejected the token: check that it is valid and has not expired" });
  });

  it("reports an unknown project", async () => {
    const result = await connector({ projectKey: "XYZ" }).validate();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/^Project XYZ not found/);
  });

  it("reports an issue type the project does not have", async () => {
    const result = await connector({ issueType: "Epic" }).validate();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/no issue type "Epic".*Task/);
  });

  it("reports an unreachable site", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await connector({ siteUrl: `http://127.0.0.1:${port}` }).validate();
    expect(result).toEqual({ ok: false, detail: `Could not reach Jira at http://127.0.0.1:${port}` });
  });

  it("reports Jira being down and slow", async () => {
    sb.faults.down(true);
    expect((await connector().validate()).detail).toMatch(/unavailable \(HTTP 503\)/);
    sb.faults.down(false);
    sb.faults.latency(300);
    const slow = await connector({ timeoutMs: 50 }).validate();
    expect(slow).toEqual({ ok: false, detail: `Jira at ${sb.url} did not answer within 50 ms` });
  });

  it("refuses bad configuration without calling Jira", async () => {
    const before = sb.stats.requests;
    expect((await connector({ siteUrl: "not a url" }).validate()).detail).toMatch(/not a valid URL/);
    expect((await connector({ siteUrl: "http://jira.example.com" }).validate()).detail).toMatch(/must use https/);
    expect((await connector({ auth: { mode: "basic", email: "nobody", apiToken: "x" } }).validate()).detail).toMatch(/email/);
    expect((await connector({ projectKey: "A-1" }).validate()).detail).toMatch(/project key/);
    expect(sb.stats.requests).toBe(before);
  });
});

describe("createIssue", () => {
  it("creates the issue on REST v3 with the ADF description, labels and properties", async () => {
    const c = connector();
    sb.stats.reset();
    const ref = await c.createIssue({
      summary: "Ada Lovelace → GitHub admins",
      description,
      labels: ["gatehouse", "access request"],
      properties: { "gatehouse.request": { id: "req_1", app: "github" }, "gatehouse.version": 1 },
    });
    expect(ref.key).toMatch(/^ACC-\d+$/);
    expect(ref.url).toBe(`${sb.url}/browse/${ref.key}`);
    const issue = sb.getIssue(ref.key)!;
    expect(issue.id).toBe(ref.id);
    expect(issue.summary).toBe("Ada Lovelace → GitHub admins");
    expect(issue.description).toEqual(description);
    expect(issue.labels).toEqual(["gatehouse", "access-request"]);
    expect(issue.issueType).toBe("Task");
    expect(issue.status).toBe("To Do");
    expect(sb.property(ref.key, "gatehouse.request")).toEqual({ id: "req_1", app: "github" });
    expect(sb.property(ref.key, "gatehouse.version")).toBe(1);
    expect(sb.stats.count("POST /rest/api/3/issue")).toBe(1);
    expect(sb.stats.count("POST /rest/api/2/issue")).toBe(0);
    expect(c.apiCalls()).toBe(1);
  });

  it("keeps summaries to one line of at most 255 characters", async () => {
    const ref = await connector().createIssue({ summary: `Line one\nline two ${"x".repeat(300)}`, description: adf.doc(adf.paragraph("d")) });
    const summary = sb.getIssue(ref.key)!.summary;
    expect(summary.startsWith("Line one line two")).toBe(true);
    expect(summary).toHaveLength(255);
  });

  it("uses the configured issue type", async () => {
    const ref = await connector({ issueType: "service request" }).createIssue({ summary: "s", description: adf.doc(adf.paragraph("d")) });
    expect(sb.getIssue(ref.key)!.issueType).toBe("Service Request");
  });

  it("maps Jira's field errors to invalid", async () => {
    const e = await caught(connector({ projectKey: "NOPE" }).createIssue({ summary: "s", description: adf.doc() }));
    expect(e).toMatchObject({ code: "invalid", retryable: false, status: 400 });
    expect(e.message).toContain("project: valid project is required");
  });

  it("maps 401 to auth and 403 to forbidden", async () => {
    const auth = await caught(connector({ auth: { mode: "basic", email: EMAIL, apiToken: "bad" } }).createIssue({ summary: "s", description }));
    expect(auth).toMatchObject({ code: "auth", retryable: false, status: 401 });
    const forbidden = await caught(
      connector({ auth: { mode: "basic", email: "viewer@acme.test", apiToken: "viewer-token" } }).createIssue({ summary: "s", description }),
    );
    expect(forbidden).toMatchObject({ code: "forbidden", retryable: false, status: 403 });
  });
});

describe("addComment", () => {
  it("adds comments in order, as ADF", async () => {
    const c = connector();
    const ref = await newTicket();
    const bodies = [
      adf.doc(adf.paragraph("Approved by ", adf.strong("Grace Hopper"))),
      adf.doc(adf.paragraph("Granted in Okta: ", adf.code("github-admins"))),
      adf.doc(adf.panel("info", "Expires ", adf.link("in 30 days", "https://gatehouse.example/grants/1"))),
    ];
    const ids: string[] = [];
    for (const body of bodies) ids.push((await c.addComment(ref.key, body)).id);
    const stored = sb.comments(ref.key);
    expect(stored.map((s) => s.id)).toEqual(ids);
    expect(stored.map((s) => s.body)).toEqual(bodies);
    expect(new Set(ids).size).toBe(3);
    expect(sb.stats.count("POST /rest/api/2/issue/{issueIdOrKey}/comment")).toBe(0);
  });

  it("maps an unknown issue to not_found", async () => {
    const e = await caught(connector().addComment("ACC-99999", adf.doc(adf.paragraph("x"))));
    expect(e).toMatchObject({ code: "not_found", retryable: false, status: 404 });
  });

  it("refuses something that is not an issue key without calling Jira", async () => {
    const c = connector();
    const e = await caught(c.addComment("../../myself", adf.doc(adf.paragraph("x"))));
    expect(e.code).toBe("invalid");
    expect(c.apiCalls()).toBe(0);
  });
});

describe("setProperty", () => {
  it("creates (201) then updates (200), and the value reads back", async () => {
    const c = connector();
    const ref = await newTicket();
    sb.stats.reset();
    await c.setProperty(ref.key, "gatehouse.grant", { state: "pending" });
    await c.setProperty(ref.key, "gatehouse.grant", { state: "granted", at: "2026-01-01T00:00:00.000Z" });
    const puts = sb.stats.log.filter((l) => l.route === "PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}");
    expect(puts.map((p) => p.status)).toEqual([201, 200]);
    expect(sb.property(ref.key, "gatehouse.grant")).toEqual({ state: "granted", at: "2026-01-01T00:00:00.000Z" });
  });

  it("stores non-object JSON values and keys that need encoding", async () => {
    const c = connector();
    const ref = await newTicket();
    await c.setProperty(ref.key, "gatehouse/state ü", "granted");
    await c.setProperty(ref.key, "gatehouse.count", 3);
    expect(sb.property(ref.key, "gatehouse/state ü")).toBe("granted");
    expect(sb.property(ref.key, "gatehouse.count")).toBe(3);
  });

  it("maps an oversized value to invalid", async () => {
    const ref = await newTicket();
    const e = await caught(connector().setProperty(ref.key, "big", { blob: "x".repeat(40_000) }));
    expect(e).toMatchObject({ code: "invalid", retryable: false, status: 400 });
    expect(e.message).toMatch(/32768/);
    expect(sb.property(ref.key, "big")).toBeUndefined();
  });

  it("refuses an empty value", async () => {
    const ref = await newTicket();
    expect((await caught(connector().setProperty(ref.key, "p", null))).code).toBe("invalid");
    expect((await caught(connector().setProperty(ref.key, "p", undefined))).code).toBe("invalid");
  });
});

describe("transition", () => {
  it("looks the transition up by name, case-insensitively", async () => {
    const c = connector();
    const ref = await newTicket();
    expect(await c.transition(ref.key, "start")).toBe(true);
    expect(sb.getIssue(ref.key)!.status).toBe("In Progress");
    expect(await c.transition(ref.key, " DONE ")).toBe(true);
    expect(sb.getIssue(ref.key)!.status).toBe("Done");
    expect(await c.transition(ref.key, "Reopen")).toBe(true);
    expect(sb.getIssue(ref.key)!.status).toBe("To Do");
  });

  it("answers false for an unknown transition or one not available from the current status", async () => {
    const c = connector();
    const ref = await newTicket();
    expect(await c.transition(ref.key, "Revoke")).toBe(false);
    expect(await c.transition(ref.key, "Reopen")).toBe(false);
    expect(sb.getIssue(ref.key)!.status).toBe("To Do");
    expect(sb.stats.log.filter((l) => l.route === "POST /rest/api/3/issue/{issueIdOrKey}/transitions" && l.path.includes(ref.key))).toEqual([]);
  });
});

describe("errors from a struggling Jira", () => {
  it("maps 429 to rate_limited with retryAfterMs from Retry-After", async () => {
    const ref = await newTicket();
    sb.faults.inject({ status: 429, match: "/comment", retryAfterSeconds: 2 });
    const e = await caught(connector().addComment(ref.key, adf.doc(adf.paragraph("x"))));
    expect(e).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 2000, status: 429 });
    sb.faults.inject({ status: 429 });
    expect(await caught(connector().transition(ref.key, "Start"))).toMatchObject({ code: "rate_limited", retryAfterMs: 1000 });
    // the fault is used up: the next call goes through
    expect(await connector().transition(ref.key, "Start")).toBe(true);
  });

  it("maps 5xx to unavailable (retryable)", async () => {
    sb.faults.inject({ status: 500 });
    expect(await caught(newTicket())).toMatchObject({ code: "unavailable", retryable: true, status: 500 });
    sb.faults.inject({ status: 503 });
    expect(await caught(newTicket())).toMatchObject({ code: "unavailable", retryable: true, status: 503 });
  });

  it("maps Jira being down to unavailable, whether it answers 503 or drops the connection", async () => {
    sb.faults.down(true);
    expect(await caught(newTicket())).toMatchObject({ code: "unavailable", retryable: true, status: 503 });
    sb.faults.down(true, "reset");
    const dropped = await caught(newTicket());
    expect(dropped).toMatchObject({ code: "unavailable", retryable: true });
    expect(dropped.status).toBeUndefined();
    sb.faults.down(false);
    await expect(newTicket()).resolves.toMatchObject({ key: expect.stringMatching(/^ACC-/) });
  });

  it("maps a slow answer to timeout (retryable)", async () => {
    sb.faults.latency(300);
    const e = await caught(connector({ timeoutMs: 50 }).createIssue({ summary: "slow", description }));
    expect(e).toMatchObject({ code: "timeout", retryable: true });
  });

  it("a slow request left over from before cannot use a fault queued after it arrived", async () => {
    sb.faults.latency(150);
    const before = sb.stats.log.length;
    await caught(connector({ timeoutMs: 20 }).createIssue({ summary: "abandoned", description }));
    sb.faults.latency(0);
    sb.faults.inject({ status: 500 });
    // The abandoned request wakes up and is answered normally; the fault is still waiting for the next caller.
    await vi.waitFor(() => expect(sb.stats.log.slice(before).some((l) => l.route === "POST /rest/api/3/issue" && l.status === 201)).toBe(true), { timeout: 5_000 });
    expect(sb.faults.pending()).toBe(1);
    expect(await caught(newTicket())).toMatchObject({ code: "unavailable", status: 500 });
  });
});
