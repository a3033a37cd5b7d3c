import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createCloudClient, isNotFoundError, isRateLimitError } from "jira.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startJiraSandbox, type JiraSandbox } from "./index.ts";

const EMAIL = "bot@acme.test";
const TOKEN = "good-token";
const BEARER = "bearer-token";
const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
const doc = (text: string) => ({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let sb: JiraSandbox;

function jiraClient(auth: { type: "basic"; email: string; apiToken: string } | { type: "bearer"; token: string } = { type: "basic", email: EMAIL, apiToken: TOKEN }) {
  return createCloudClient({ host: sb.url, auth, onSchemaMismatch: "throw" });
}

async function api(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sb.url}${p}`, {
    method,
    headers: {
      Authorization: basic(EMAIL, TOKEN),
      Accept: "application/json",
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, any> };
}

async function newIssue(summary = "Access to GitHub") {
  const r = await api("POST", "/rest/api/3/issue", {
    fields: { project: { key: "ACC" }, issuetype: { name: "Task" }, summary, description: doc("why") },
  });
  expect(r.status).toBe(201);
  return r.json as { id: string; key: string; self: string };
}

beforeAll(async () => {
  sb = await startJiraSandbox({
    accounts: [
      { email: EMAIL, apiToken: TOKEN, displayName: "Gatehouse Bot" },
      { email: "viewer@acme.test", apiToken: "viewer-token", readOnly: true },
    ],
    bearerTokens: [BEARER],
    projects: [{ key: "ACC", name: "Access Requests" }],
  });
});

afterEach(() => sb.faults.clear());

afterAll(async () => {
  await sb.stop();
});

describe("auth", () => {
  it("accepts Basic email:token and Bearer tokens", async () => {
    const me = await jiraClient().myself.getCurrentUser();
    expect(me).toMatchObject({ displayName: "Gatehouse Bot", emailAddress: EMAIL, accountType: "atlassian", active: true });
    const app = await jiraClient({ type: "bearer", token: BEARER }).myself.getCurrentUser();
    expect(app.accountType).toBe("app");
    expect(app.accountId).not.toBe(me.accountId);
  });

  it("answers a wrong token with Jira's plain-text 401", async () => {
    const r = await api("GET", "/rest/api/3/myself", undefined, { Authorization: basic(EMAIL, "wrong") });
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(r.headers.get("x-seraph-loginreason")).toBe("AUTHENTICATED_FAILED");
    expect(r.text).toBe("Client must be authenticated to access this resource.");
    const bearer = await api("GET", "/rest/api/3/myself", undefined, { Authorization: "Bearer nope" });
    expect(bearer.status).toBe(401);
  });

  it("answers a missing Authorization header with a JSON 401, except for serverInfo", async () => {
    const res = await fetch(`${sb.url}/rest/api/3/myself`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errorMessages: ["You are not authenticated. Authentication required to perform this operation."],
      errors: {},
    });
    const info = await fetch(`${sb.url}/rest/api/3/serverInfo`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ deploymentType: "Cloud", baseUrl: sb.url });
  });

  it("refuses writes from a read-only account with 403", async () => {
    const r = await api(
      "POST",
      "/rest/api/3/issue",
      { fields: { project: { key: "ACC" }, issuetype: { name: "Task" }, summary: "x" } },
      { Authorization: basic("viewer@acme.test", "viewer-token") },
    );
    expect(r.status).toBe(403);
    expect(r.json.errorMessages[0]).toMatch(/permission/);
  });
});

describe("headers and error shapes", () => {
  it("sends JSON content type, request id and rate-limit headers on every answer", async () => {
    const r = await api("GET", "/rest/api/3/myself");
    expect(r.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(r.headers.get("x-arequestid")).toBeTruthy();
    expect(r.headers.get("date")).toBeTruthy();
    expect(Number(r.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
    expect(Number(r.headers.get("x-ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
  });

  it("answers unknown issues and projects with Jira's 404 bodies", async () => {
    const issue = await api("GET", "/rest/api/3/issue/ACC-9999");
    expect(issue.status).toBe(404);
    expect(issue.json).toEqual({ errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} });
    const project = await api("GET", "/rest/api/3/project/NOPE");
    expect(project.status).toBe(404);
    expect(project.json).toEqual({ errorMessages: ["No project could be found with key 'NOPE'."], errors: {} });
    await expect(jiraClient().issues.getIssue({ issueIdOrKey: "ACC-9999" })).rejects.toSatisfy(isNotFoundError);
  });

  it("validates issue creation field by field", async () => {
    const unknownProject = await api("POST", "/rest/api/3/issue", {
      fields: { project: { key: "XYZ" }, issuetype: { name: "Task" }, summary: "x" },
    });
    expect(unknownProject.status).toBe(400);
    expect(unknownProject.json).toEqual({ errorMessages: [], errors: { project: "valid project is required" } });

    const several = await api("POST", "/rest/api/3/issue", {
      fields: { project: { key: "ACC" }, issuetype: { name: "Epicish" }, description: "not ADF", labels: ["has space"] },
    });
    expect(several.status).toBe(400);
    expect(Object.keys(several.json.errors).sort()).toEqual(["description", "issuetype", "labels", "summary"]);
    expect(several.json.errors.description).toMatch(/Atlassian Document/);

    const notJson = await api("POST", "/rest/api/3/issue", "{oops", {});
    expect(notJson.status).toBe(400);
    const wrongType = await api("POST", "/rest/api/3/issue", "a=b", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expect((await api("GET", "/rest/api/3/nothing-here")).status).toBe(404);
    const r = await api("DELETE", "/rest/api/3/myself");
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET");
  });
});

describe("issues through jira.js (schema mismatch throws)", () => {
  it("creates an issue with an ADF description, labels and properties, and reads it back", async () => {
    const jira = jiraClient();
    const created = await jira.issues.createIssue({
      fields: { project: { key: "ACC" }, issuetype: { name: "Task" }, summary: "Grant admin", description: doc("Needs admin"), labels: ["gatehouse"] },
      properties: [{ key: "gatehouse.request", value: { id: "req_1", state: "pending" } }],
    });
    expect(created.key).toMatch(/^ACC-\d+$/);
    expect(created.self).toBe(`${sb.url}/rest/api/3/issue/${created.id}`);
    const issue = await jira.issues.getIssue({ issueIdOrKey: created.key, properties: ["gatehouse.request"] });
    expect(issue.key).toBe(created.key);
    expect(issue.fields).toMatchObject({
      summary: "Grant admin",
      description: doc("Needs admin"),
      labels: ["gatehouse"],
      status: { name: "To Do", statusCategory: { key: "new" } },
      issuetype: { name: "Task" },
      project: { key: "ACC", name: "Access Requests" },
    });
    expect(issue.properties).toEqual({ "gatehouse.request": { id: "req_1", state: "pending" } });
    // lookup by id works too, and `fields` narrows the answer
    const byId = await jira.issues.getIssue({ issueIdOrKey: created.id, fields: ["summary"] });
    expect(Object.keys(byId.fields ?? {})).toEqual(["summary"]);
    expect(sb.property(created.key, "gatehouse.request")).toEqual({ id: "req_1", state: "pending" });
  });

  it("routes string descriptions and comments to /rest/api/2 and stores them as ADF", async () => {
    const jira = jiraClient();
    sb.stats.reset();
    const created = await jira.issues.createIssue({
      fields: { project: { key: "ACC" }, issuetype: { name: "Task" }, summary: "v2", description: "line one\nline two" },
    });
    const comment = await jira.issueComments.addComment({ issueIdOrKey: created.key, body: "wiki text" });
    expect(comment.body).toEqual(doc("wiki text"));
    expect(sb.stats.count("POST /rest/api/2/issue")).toBe(1);
    expect(sb.stats.count("POST /rest/api/2/issue/{issueIdOrKey}/comment")).toBe(1);
    expect(sb.stats.count("GET /rest/api/3/issue/{issueIdOrKey}/comment/{id}")).toBe(1);
    expect(sb.getIssue(created.key)?.description?.content).toHaveLength(2);
  });
});

describe("comments", () => {
  it("requires an ADF body", async () => {
    const { key } = await newIssue();
    const missing = await api("POST", `/rest/api/3/issue/${key}/comment`, {});
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ errorMessages: [], errors: { comment: "Comment body can not be empty!" } });
    const stringBody = await api("POST", `/rest/api/3/issue/${key}/comment`, { body: "plain" });
    expect(stringBody.status).toBe(400);
    expect(stringBody.json.errors.comment).toMatch(/Atlassian Document/);
    const tooLong = await api("POST", `/rest/api/3/issue/${key}/comment`, { body: doc("x".repeat(32768)) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors.comment).toMatch(/too long/);
    const emptyText = await api("POST", `/rest/api/3/issue/${key}/comment`, {
      body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }] },
    });
    expect(emptyText.status).toBe(400);
    expect(emptyText.json).toEqual({ errorMessages: ["INVALID_INPUT"], errors: {} });
    const unknown = await api("POST", "/rest/api/3/issue/ACC-9999/comment", { body: doc("x") });
    expect(unknown.status).toBe(404);
  });

  it("pages with startAt / maxResults / total and keeps creation order", async () => {
    const jira = jiraClient();
    const { key } = await newIssue();
    for (let i = 1; i <= 5; i++) {
      const c = await jira.issueComments.addComment({ issueIdOrKey: key, body: doc(`comment ${i}`) });
      expect(c).toMatchObject({ body: doc(`comment ${i}`), author: { displayName: "Gatehouse Bot" } });
      expect(c.created).toBeInstanceOf(Date);
    }
    const page1 = await jira.issueComments.getComments({ issueIdOrKey: key, startAt: 0, maxResults: 2 });
    expect(page1).toMatchObject({ startAt: 0, maxResults: 2, total: 5 });
    expect(page1.comments?.map((c) => c.body)).toEqual([doc("comment 1"), doc("comment 2")]);
    const page3 = await jira.issueComments.getComments({ issueIdOrKey: key, startAt: 4, maxResults: 2 });
    expect(page3.comments?.map((c) => c.body)).toEqual([doc("comment 5")]);
    const beyond = await jira.issueComments.getComments({ issueIdOrKey: key, startAt: 10 });
    expect(beyond).toMatchObject({ total: 5, comments: [] });
    const newest = await jira.issueComments.getComments({ issueIdOrKey: key, orderBy: "-created", maxResults: 1 });
    expect(newest.comments?.[0]?.body).toEqual(doc("comment 5"));
    expect(sb.comments(key).map((c) => Number(c.id))).toEqual([...sb.comments(key).map((c) => Number(c.id))].sort((a, b) => a - b));
  });
});

describe("transitions", () => {
  it("lists the transitions available from the current status with string ids", async () => {
    const jira = jiraClient();
    const { key } = await newIssue();
    const { transitions } = await jira.issues.getTransitions({ issueIdOrKey: key });
    expect(transitions?.map((t) => t.name)).toEqual(["Start", "Done", "Decline"]);
    for (const t of transitions ?? []) {
      expect(typeof t.id).toBe("string");
      expect(t).toMatchObject({ hasScreen: false, isConditional: false });
    }
    expect(transitions?.[0]?.to).toMatchObject({ name: "In Progress", statusCategory: { key: "indeterminate" } });
  });

  it("moves the issue with 204 and refuses transitions not available from its status", async () => {
    const jira = jiraClient();
    const { key } = await newIssue();
    const reopen = await api("POST", `/rest/api/3/issue/${key}/transitions`, { transition: { id: "41" } });
    expect(reopen.status).toBe(400);
    expect(reopen.json).toEqual({ errorMessages: ["Transition id '41' is not valid for this issue."], errors: {} });
    const start = await api("POST", `/rest/api/3/issue/${key}/transitions`, { transition: { id: "11" } });
    expect(start.status).toBe(204);
    expect(start.text).toBe("");
    expect(sb.getIssue(key)?.status).toBe("In Progress");
    await jira.issues.doTransition({ issueIdOrKey: key, transition: { id: "31" } });
    expect(sb.getIssue(key)?.status).toBe("Declined");
    const issue = await jira.issues.getIssue({ issueIdOrKey: key });
    expect(issue.fields?.resolution).toMatchObject({ name: "Won't Do" });
    const { transitions } = await jira.issues.getTransitions({ issueIdOrKey: key });
    expect(transitions?.map((t) => t.name)).toEqual(["Reopen"]);
    const missing = await api("POST", `/rest/api/3/issue/${key}/transitions`, {});
    expect(missing.status).toBe(400);
  });
});

describe("issue properties", () => {
  it("answers 201 on create, 200 on update, and serves {key, value}", async () => {
    const { key } = await newIssue();
    const first = await api("PUT", `/rest/api/3/issue/${key}/properties/gatehouse.grant`, { state: "pending" });
    expect(first.status).toBe(201);
    const second = await api("PUT", `/rest/api/3/issue/${key}/properties/gatehouse.grant`, { state: "granted" });
    expect(second.status).toBe(200);
    const read = await jiraClient().issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: "gatehouse.grant" });
    expect(read).toEqual({ key: "gatehouse.grant", value: { state: "granted" } });
    const keys = await jiraClient().issueProperties.getIssuePropertyKeys({ issueIdOrKey: key });
    expect(keys.keys?.map((k) => k.key)).toEqual(["gatehouse.grant"]);
  });

  it("rejects values over 32768 characters and bodies that are not JSON", async () => {
    const { key } = await newIssue();
    const big = await api("PUT", `/rest/api/3/issue/${key}/properties/big`, { blob: "x".repeat(32768) });
    expect(big.status).toBe(400);
    expect(big.json.errorMessages[0]).toMatch(/32768/);
    const exact = await api("PUT", `/rest/api/3/issue/${key}/properties/edge`, `"${"x".repeat(32766)}"`);
    expect(exact.status).toBe(201);
    const notJson = await api("PUT", `/rest/api/3/issue/${key}/properties/bad`, "{not json");
    expect(notJson.status).toBe(400);
    const empty = await fetch(`${sb.url}/rest/api/3/issue/${key}/properties/empty`, {
      method: "PUT",
      headers: { Authorization: basic(EMAIL, TOKEN) },
    });
    expect(empty.status).toBe(400);
  });

  it("deletes with 204 and then answers 404", async () => {
    const { key } = await newIssue();
    await api("PUT", `/rest/api/3/issue/${key}/properties/tmp`, { a: 1 });
    expect((await api("DELETE", `/rest/api/3/issue/${key}/properties/tmp`)).status).toBe(204);
    const gone = await api("GET", `/rest/api/3/issue/${key}/properties/tmp`);
    expect(gone.status).toBe(404);
    expect(gone.json.errorMessages[0]).toMatch(/tmp/);
    expect((await api("DELETE", `/rest/api/3/issue/${key}/properties/tmp`)).status).toBe(404);
  });
});

describe("faults", () => {
  it("injects 429 with Retry-After and an ISO X-RateLimit-Reset for matching requests only", async () => {
    sb.faults.inject({ status: 429, times: 2, match: "GET /rest/api/3/myself", retryAfterSeconds: 3 });
    const first = await api("GET", "/rest/api/3/myself");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    const reset = first.headers.get("x-ratelimit-reset")!;
    expect(new Date(reset).toISOString()).toBe(reset);
    expect(first.headers.get("ratelimit-reason")).toBe("jira-burst-based");
    expect((await api("GET", "/rest/api/3/project/ACC")).status).toBe(200);
    const err = await jiraClient().myself.getCurrentUser().catch((e: unknown) => e);
    expect(isRateLimitError(err) && err.retryAfterMs).toBe(3000);
    expect((await api("GET", "/rest/api/3/myself")).status).toBe(200);
    expect(sb.faults.pending()).toBe(0);
  });

  it("injects 5xx with a Jira error body, by RegExp or predicate", async () => {
    sb.faults.inject({ status: 500, match: /\/comment$/ });
    sb.faults.inject({ status: 503, match: (r) => r.method === "PUT" });
    const { key } = await newIssue();
    const c = await api("POST", `/rest/api/3/issue/${key}/comment`, { body: doc("x") });
    expect(c.status).toBe(500);
    expect(c.json.errorMessages).toHaveLength(1);
    expect((await api("PUT", `/rest/api/3/issue/${key}/properties/p`, { a: 1 })).status).toBe(503);
    expect((await api("PUT", `/rest/api/3/issue/${key}/properties/p`, { a: 1 })).status).toBe(201);
  });

  it("goes down with 503 or by resetting connections, and comes back", async () => {
    sb.faults.down(true);
    expect((await api("GET", "/rest/api/3/myself")).status).toBe(503);
    sb.faults.down(true, "reset");
    await expect(api("GET", "/rest/api/3/myself")).rejects.toThrow(/fetch failed/);
    sb.faults.down(false);
    expect((await api("GET", "/rest/api/3/myself")).status).toBe(200);
  });

  it("adds latency", async () => {
    sb.faults.latency(150);
    const started = Date.now();
    expect((await api("GET", "/rest/api/3/myself")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("enforces a configured rate limit window", async () => {
    const limited = await startJiraSandbox({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const auth = { Authorization: basic("gatehouse-bot@example.com", "sandbox-jira-api-token") };
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${limited.url}/rest/api/3/myself`, { headers: auth });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.headers.get("x-ratelimit-remaining")).toBe("0");
    } finally {
      await limited.stop();
    }
  });
});

describe("persistence", () => {
  it("saves issues, comments and properties and loads them at the next start", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "jira-sandbox-"));
    const file = path.join(dir, "state.json");
    try {
      const first = await startJiraSandbox({ persistTo: file, projects: [{ key: "OPS", name: "Ops" }] });
      const jira = createCloudClient({
        host: first.url,
        auth: { type: "basic", email: "gatehouse-bot@example.com", apiToken: "sandbox-jira-api-token" },
        onSchemaMismatch: "throw",
      });
      const created = await jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Persist me", description: doc("d") } });
      await jira.issueComments.addComment({ issueIdOrKey: created.key, body: doc("kept") });
      await jira.issueProperties.setIssueProperty({ issueIdOrKey: created.key, propertyKey: "p", body: { v: 1 } });
      await jira.issues.doTransition({ issueIdOrKey: created.key, transition: { id: "11" } });
      await first.stop();
      expect(JSON.parse(await readFile(file, "utf8")).issues).toHaveLength(1);

      const second = await startJiraSandbox({ persistTo: file, projects: [{ key: "OPS", name: "Ops" }] });
      try {
        expect(second.getIssue("OPS-1")).toMatchObject({ summary: "Persist me", status: "In Progress" });
        expect(second.comments("OPS-1").map((c) => c.body)).toEqual([doc("kept")]);
        expect(second.property("OPS-1", "p")).toEqual({ v: 1 });
        const next = await fetch(`${second.url}/rest/api/3/issue`, {
          method: "POST",
          headers: { Authorization: basic("gatehouse-bot@example.com", "sandbox-jira-api-token"), "Content-Type": "application/json" },
          body: JSON.stringify({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Next" } }),
        });
        expect(((await next.json()) as { key: string }).key).toBe("OPS-2");
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("jira.js strict schema audit", () => {
  it("finds no undocumented keys or values in any answer the connector relies on", async () => {
    const script = path.join(import.meta.dirname, "schema-audit.ts");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      timeout: 30_000,
    });
    const report = JSON.parse(stdout.trim().split("\n").pop()!) as { strict: boolean; calls: string[]; drift: unknown[] };
    expect(report.strict).toBe(true);
    expect(report.calls.length).toBeGreaterThanOrEqual(15);
    expect(report.drift).toEqual([]);
  });
});
