// The sandbox's admin webhooks: registration over REST (secret never shown), JQL filters, signed deliveries
// on transitions and label edits, and Jira's retries with the same identifier.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJiraSandbox, hubSignature, matchesJql, type JiraSandbox } from "./index.ts";
import { addIssueLabel, transitionIssue } from "./act-on-issue.ts";

const login = { email: "bot@acme.test", apiToken: "good-token" };
const auth = `Basic ${Buffer.from(`${login.email}:${login.apiToken}`).toString("base64")}`;
let sb: JiraSandbox;
let receiverUrl = "";
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let failNext = 0;
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    res.statusCode = failNext-- > 0 ? 503 : 200;
    res.end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  sb = await startJiraSandbox({ accounts: [login], webhooks: { retryDelaysMs: [10, 10] } });
});
afterAll(async () => {
  await sb.stop();
  await new Promise((r) => receiver.close(r));
});

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sb.url}${path}`, { method, headers: { Authorization: auth, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};
const newIssue = async (labels: string[]) =>
  (await api("POST", "/rest/api/3/issue", { fields: { project: { key: "ACCESS" }, issuetype: { name: "Task" }, summary: "Access", labels } })).json.key as string;

describe("sandbox Jira admin webhooks", () => {
  it("registers, lists, reads and deletes webhooks without ever showing the secret", async () => {
    const created = await api("POST", "/rest/webhooks/1.0/webhook", { name: "Gatehouse", url: receiverUrl, events: ["jira:issue_updated"], filters: { "issue-related-events-section": "labels = gatehouse" }, secret: "s3cret" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Gatehouse", url: receiverUrl, filters: { "issue-related-events-section": "labels = gatehouse" }, enabled: true });
    expect(JSON.stringify(created.json)).not.toContain("s3cret");
    const id = created.json.self.split("/").pop();
    expect((await api("GET", "/rest/webhooks/1.0/webhook")).json).toHaveLength(1);
    expect((await api("GET", `/rest/webhooks/1.0/webhook/${id}`)).status).toBe(200);
    expect((await api("POST", "/rest/webhooks/1.0/webhook", { name: "x", url: "not a url", events: [] })).status).toBe(400);
    const extra = await api("POST", "/rest/webhooks/1.0/webhook", { name: "Other", url: receiverUrl, events: ["jira:issue_created"] });
    expect((await api("DELETE", `/rest/webhooks/1.0/webhook/${extra.json.self.split("/").pop()}`)).status).toBe(204);
    expect((await api("GET", "/rest/webhooks/1.0/webhook/999")).status).toBe(404);
  });

  it("signs a transition's jira:issue_updated with the changelog, only for issues the filter matches", async () => {
    const key = await newIssue(["gatehouse"]);
    const skipped = await newIssue(["other"]);
    received.length = 0;
    await transitionIssue(sb.url, login, key, "Done");
    await transitionIssue(sb.url, login, skipped, "Done");
    await sb.webhooks.settled();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers["x-hub-signature"]).toBe(`sha256=${hubSignature("s3cret", body)}`);
    expect(headers["x-atlassian-webhook-identifier"]).toBeTruthy();
    expect(headers["x-atlassian-webhook-retry"]).toBeUndefined();
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({
      webhookEvent: "jira:issue_updated", issue_event_type_name: "issue_generic", user: { displayName: "bot" },
      issue: { key, fields: { status: { name: "Done" }, labels: ["gatehouse"] } },
      changelog: { items: [{ field: "status", fromString: "To Do", toString: "Done" }] },
    });
    expect(typeof payload.timestamp).toBe("number");
  });

  it("sends a label edit, and retries a failed delivery with the same identifier and X-Atlassian-Webhook-Retry", async () => {
    const key = await newIssue(["gatehouse"]);
    received.length = 0;
    failNext = 2;
    await addIssueLabel(sb.url, login, key, "gatehouse-revoke");
    await sb.webhooks.settled();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["x-atlassian-webhook-identifier"])).size).toBe(1);
    expect(received.map((r) => r.headers["x-atlassian-webhook-retry"])).toEqual([undefined, "1", "2"]);
    expect(JSON.parse(received[0]!.body).changelog.items).toEqual([
      { field: "labels", fieldtype: "jira", fieldId: "labels", from: null, fromString: "gatehouse", to: null, toString: "gatehouse gatehouse-revoke" },
    ]);
    // Adding a label it already has changes nothing and sends nothing.
    await addIssueLabel(sb.url, login, key, "gatehouse-revoke");
    await sb.webhooks.settled();
    expect(received).toHaveLength(3);
    expect(sb.getIssue(key)!.labels).toEqual(["gatehouse", "gatehouse-revoke"]);
  });

  it("matches the small JQL subset webhook filters use", () => {
    const issue = sb.state.issues[0]!;
    expect(matchesJql("labels = gatehouse", issue)).toBe(true);
    expect(matchesJql("labels = gatehouse AND project = ACCESS", issue)).toBe(true);
    expect(matchesJql("labels in (x, gatehouse)", issue)).toBe(true);
    expect(matchesJql("labels != gatehouse", issue)).toBe(false);
    expect(matchesJql("project = OTHER", issue)).toBe(false);
    expect(matchesJql("", issue)).toBe(true);
  });
});
