// Revoke from the Jira ticket: the sandbox Jira delivers signed `jira:issue_updated` webhooks over HTTP to the
// route handler (behind a real HTTP server); forged, stale, replayed or malformed deliveries change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { serveRoute } from "../../testing/route-server.ts";
import { startJiraSandbox, DEFAULT_JIRA_ACCOUNT, hubSignature } from "../../sandbox/jira/index.ts";
import { addIssueLabel, transitionIssue } from "../../sandbox/jira/act-on-issue.ts";
import { handleJiraWebhook } from "../../api/webhooks/jira-webhook-http.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import { forTenant } from "../services.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { saveConnection } from "../connections/save-connection.ts";
import { saveJiraRevokeSettings } from "../connections/jira-revoke-settings.ts";
import { setUpJiraWebhook } from "../connections/set-up-jira-webhook.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { adfToText } from "../../sandbox/jira/state.ts";
import { verifyHubSignature } from "./jira-webhook-signature.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
const alex = { email: "alex.kim@acme.example", apiToken: "alex-jira-token", displayName: "Alex Kim" };
// The sandbox stamps deliveries with the services' clock, so "now" is the same on both sides.
const jira = await startJiraSandbox({ accounts: [DEFAULT_JIRA_ACCOUNT, alex], now: () => services.clock.now(), webhooks: { retryDelaysMs: [20, 20] } });
afterAll(() => jira.stop());
const driver = new LocalJobDriver(services, jobDefinitions);
const receiver = await serveRoute((req) => {
  const slug = decodeURIComponent(new URL(req.url).pathname.split("/").pop()!);
  return handleJiraWebhook(services, req, slug);
});
const hookUrl = (slug: string) => `${receiver.url}/api/webhooks/jira/${slug}`;

let t: Awaited<ReturnType<typeof syncedTenant>>;
let secret = "";
let otherSecret = "";
let roleId = "";
let pendingRoleId = "";

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  const { connection } = await saveConnection(t.scope, { kind: "JIRA", name: "Jira", siteUrl: jira.url, projectKey: "ACCESS", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken });
  await saveJiraRevokeSettings(t.scope, { connectionId: connection.id, revokeStatus: "Access removed", revokeLabel: "gatehouse-revoke" });
  const setUp = await setUpJiraWebhook(t.scope, { connectionId: connection.id });
  expect(setUp.url).toMatch(/\/api\/webhooks\/jira\/acme$/);
  expect(setUp).toMatchObject({ events: ["jira:issue_updated"], jqlFilter: "labels = gatehouse", rotated: false });
  secret = setUp.secret;
  // What the admin does in Jira's webhook form, through Jira's REST API.
  const res = await fetch(`${jira.url}/rest/webhooks/1.0/webhook`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`${alex.email}:${alex.apiToken}`).toString("base64")}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Gatehouse", url: hookUrl("acme"), events: setUp.events, filters: { "issue-related-events-section": setUp.jqlFilter }, secret }),
  });
  expect(res.status).toBe(201);
  expect(JSON.stringify(await res.json())).not.toContain(secret);

  // Another tenant with a webhook secret of its own.
  const other = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex", name: "Globex", adminEmail: "admin@globex.example" });
  const otherScope = forTenant(services, other.id, { type: "cli", label: "test" });
  const { connection: otherJira } = await saveConnection(otherScope, { kind: "JIRA", name: "Jira", siteUrl: jira.url, projectKey: "ACCESS", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken });
  otherSecret = (await setUpJiraWebhook(otherScope, { connectionId: otherJira.id })).secret;

  const people = await t.scope.tdb.person.findMany();
  const groups = await t.scope.tdb.group.findMany();
  const liam = people.find((p) => p.login.startsWith("liam.okafor"))!;
  const app = await saveApp(t.scope, { name: "Datadog", riskLevel: "LOW", ownerPersonIds: [liam.id] });
  roleId = (await saveRole(t.scope, { appId: app.id, name: "Viewer", groupIds: [groups.find((g) => g.name === "datadog-users")!.id], steps: [{ kind: "AUTO" }] })).id;
  pendingRoleId = (await saveRole(t.scope, { appId: app.id, name: "Admin", groupIds: [groups.find((g) => g.name === "github-admins")!.id], steps: [{ kind: "MANAGER" }] })).id;
}, 120_000);

const person = async (login: string) => (await t.scope.tdb.person.findMany()).find((p) => p.login.startsWith(login))!;

/** A provisioned grant with its Jira ticket (moved to Done by Gatehouse). */
async function provisionedGrant(login: string, role = roleId) {
  const who = await person(login);
  const req = await requestAccess(t.scope, { roleId: role, requesterPersonId: who.id, reason: "Needed for the on-call rotation", source: "web" });
  await driver.drain();
  await jira.webhooks.settled();
  const request = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id }, include: { grant: true } });
  expect(request.jiraIssueKey).toBeTruthy();
  return { requestId: req.id, issueKey: request.jiraIssueKey!, grantId: request.grant?.id ?? null, grantStatus: request.grant?.status };
}

const counts = async () => ({
  audit: await db.prisma.auditEvent.count({ where: { tenantId: t.tenantId } }),
  deliveries: await db.prisma.webhookDelivery.count(),
  ending: await db.prisma.grant.count({ where: { status: { in: ["ENDING", "ENDED"] } } }),
});

/** A delivery like Jira's, signed with `key` (or with an explicit signature header). */
function delivery(body: unknown, opts: { key?: string; signature?: string | null; id?: string | null } = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const sig = opts.signature !== undefined ? opts.signature : `sha256=${hubSignature(opts.key ?? secret, raw)}`;
  if (sig !== null) headers["X-Hub-Signature"] = sig;
  if (opts.id !== null) headers["X-Atlassian-Webhook-Identifier"] = opts.id ?? crypto.randomUUID();
  return { raw, headers };
}
async function post(slug: string, d: { raw: string; headers: Record<string, string> }) {
  const res = await fetch(hookUrl(slug), { method: "POST", headers: d.headers, body: d.raw });
  return { status: res.status, json: (await res.json()) as { outcome?: string; detail?: string; error?: string } };
}
const revokePayload = (issueKey: string, at = services.clock.now().getTime()) => ({
  timestamp: at, webhookEvent: "jira:issue_updated", issue_event_type_name: "issue_generic",
  user: { accountId: "abc", displayName: "Mallory" },
  issue: { id: "1", key: issueKey, self: `${jira.url}/rest/api/2/issue/1`, fields: {} },
  changelog: { id: "1", items: [{ field: "status", fieldtype: "jira", fromString: "Done", toString: "Access removed" }] },
});

describe("revoke from the Jira ticket", () => {
  it("moving the ticket to the revoke status revokes the grant, logs it and comments on the ticket", async () => {
    const g = await provisionedGrant("dana.lee");
    expect(g.grantStatus).toBe("ACTIVE");
    expect(jira.getIssue(g.issueKey)!.status).toBe("Done");
    // Gatehouse's own "Done" transition reached the route too, and was ignored.
    const own = jira.webhooks.deliveries.find((d) => JSON.parse(d.body).issue.key === g.issueKey)!;
    expect(own.attempts[0]).toMatchObject({ status: 200 });

    await transitionIssue(jira.url, alex, g.issueKey, "Remove access");
    await jira.webhooks.settled();
    const sent = jira.webhooks.deliveries.at(-1)!;
    expect(sent.attempts).toEqual([{ retry: 0, status: 200, error: null }]);
    expect(sent.headers["X-Hub-Signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyHubSignature(secret, sent.body, sent.headers["X-Hub-Signature"])).toBe(true);

    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } });
    expect(["ENDING", "ENDED"]).toContain(grant.status);
    expect(grant.endReason).toBe(`revoked: Alex Kim moved it to "Access removed" on ${g.issueKey}`);
    expect(grant.endedBy).toBe("Alex Kim in Jira (via jira)");
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenantId, subjectId: g.grantId!, action: "grant.ending" } });
    expect(audit).toMatchObject({ actorType: "webhook", actorLabel: "Alex Kim in Jira" });
    expect(await db.prisma.webhookDelivery.findFirst({ where: { deliveryId: sent.identifier } })).toMatchObject({ tenantId: t.tenantId, source: "jira" });

    await driver.drain();
    const comments = jira.comments(g.issueKey).map((c) => adfToText(c.body));
    expect(comments.some((c) => /Access revoked by Alex Kim in Jira/.test(c))).toBe(true);
  });

  it("adding the revoke label does the same", async () => {
    const g = await provisionedGrant("ava.nguyen");
    await addIssueLabel(jira.url, alex, g.issueKey, "gatehouse-revoke");
    await jira.webhooks.settled();
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } });
    expect(["ENDING", "ENDED"]).toContain(grant.status);
    expect(grant.endReason).toBe(`revoked: Alex Kim added the label "gatehouse-revoke" on ${g.issueKey}`);
  });

  it("a revoke on an extension's ticket revokes the grant it extends", async () => {
    const g = await provisionedGrant("noah.patel");
    const original = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: g.requestId } });
    const issue = jira.state.createIssue({
      project: jira.state.project("ACCESS")!, issueType: { id: "10001", name: "Task", description: "" }, summary: "Extend access",
      description: null, labels: ["gatehouse"], properties: {}, reporterAccountId: "bot",
    });
    await db.prisma.accessRequest.create({
      data: {
        tenantId: t.tenantId, requesterPersonId: original.requesterPersonId, beneficiaryPersonId: original.beneficiaryPersonId,
        appId: original.appId, roleId: original.roleId, reason: "Extend for the next rotation", source: "extension",
        extendsGrantId: g.grantId, jiraIssueKey: issue.key,
      },
    });
    await addIssueLabel(jira.url, alex, issue.key, "gatehouse-revoke");
    await jira.webhooks.settled();
    expect(["ENDING", "ENDED"]).toContain((await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } })).status);
  });

  it("unrelated updates are answered 200 and ignored: another status, a ticket without a grant", async () => {
    const g = await provisionedGrant("liam.okafor");
    const pending = await provisionedGrant("marcus.reed", pendingRoleId);
    expect(pending.grantId).toBeNull();
    const before = await counts();
    await transitionIssue(jira.url, alex, g.issueKey, "Reopen");
    await addIssueLabel(jira.url, alex, pending.issueKey, "gatehouse-revoke");
    await jira.webhooks.settled();
    const last = jira.webhooks.deliveries.slice(-2);
    expect(last.map((d) => d.attempts[0]!.status)).toEqual([200, 200]);
    expect(await counts()).toEqual(before);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } })).status).toBe("ACTIVE");
    const other = await post("acme", delivery({ ...revokePayload(pending.issueKey), webhookEvent: "comment_created" }));
    expect(other).toMatchObject({ status: 200, json: { outcome: "ignored" } });
    const unknownIssue = await post("acme", delivery(revokePayload("ACCESS-99999")));
    expect(unknownIssue).toMatchObject({ status: 200, json: { outcome: "ignored", detail: expect.stringMatching(/not a Gatehouse ticket/) } });
  });
});

describe("deliveries that are refused change nothing", () => {
  let g: Awaited<ReturnType<typeof provisionedGrant>>;
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    g = await provisionedGrant("paul.meyer");
    before = await counts();
  });
  const unchanged = async () => {
    expect(await counts()).toEqual(before);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } })).status).toBe("ACTIVE");
  };

  it.each([
    ["a forged signature", () => delivery(revokePayload(g.issueKey), { key: "not-the-secret" }), 401, /signature does not match/],
    ["a signature over another body", () => ({ ...delivery(revokePayload(g.issueKey)), raw: JSON.stringify({ ...revokePayload(g.issueKey), x: 1 }) }), 401, /signature/],
    ["a truncated signature", () => delivery(revokePayload(g.issueKey), { signature: `sha256=${hubSignature(secret, "x").slice(0, 40)}` }), 401, /signature/],
    ["no signature", () => delivery(revokePayload(g.issueKey), { signature: null }), 401, /missing X-Hub-Signature/],
    ["a stale timestamp", () => delivery(revokePayload(g.issueKey, services.clock.now().getTime() - 6 * 60_000)), 401, /stale delivery/],
    ["a future timestamp", () => delivery(revokePayload(g.issueKey, services.clock.now().getTime() + 10 * 60_000)), 401, /from the future/],
    ["a body that is not JSON", () => delivery("{not json"), 400, /not JSON/],
    ["a body of the wrong shape", () => delivery({ ...revokePayload(g.issueKey), timestamp: "yesterday" }), 400, /timestamp/],
    ["no delivery identifier", () => delivery(revokePayload(g.issueKey), { id: null }), 400, /X-Atlassian-Webhook-Identifier/],
  ])("%s", async (_what, make, status, error) => {
    const res = await post("acme", make());
    expect(res.status).toBe(status);
    expect(res.json.error).toMatch(error);
    await unchanged();
  });

  it("another tenant's secret, sent to this tenant's URL (and the reverse), or an unknown tenant", async () => {
    expect((await post("acme", delivery(revokePayload(g.issueKey), { key: otherSecret }))).status).toBe(401);
    expect((await post("globex", delivery(revokePayload(g.issueKey)))).status).toBe(401);
    const unknown = await post("nobody", delivery(revokePayload(g.issueKey)));
    expect(unknown).toMatchObject({ status: 401, json: { error: "unknown tenant, or no Jira webhook is set up for it" } });
    await unchanged();
  });

  it("an oversized body is refused before it is read", async () => {
    const huge = delivery({ ...revokePayload(g.issueKey), padding: "x".repeat(1024 * 1024) });
    expect((await post("acme", huge)).status).toBe(413);
    const chunked = await handleJiraWebhook(services, new Request(hookUrl("acme"), {
      method: "POST", headers: huge.headers, body: new Blob([huge.raw]).stream(), duplex: "half",
    } as RequestInit), "acme");
    expect(chunked.status).toBe(413);
    await unchanged();
  });

  it("a replayed delivery (same identifier), also as Jira's retry, is processed once", async () => {
    await transitionIssue(jira.url, alex, g.issueKey, "Remove access");
    await jira.webhooks.settled();
    const sent = jira.webhooks.deliveries.at(-1)!;
    const after = await counts();
    expect(after.ending).toBe(before.ending + 1);
    for (const retry of [undefined, 1, 2]) {
      const again = await jira.webhooks.resend(sent.identifier, { retry });
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body)).toMatchObject({ outcome: "duplicate" });
    }
    expect(await counts()).toEqual(after);
    // A fresh identifier for the same change finds the grant already ending: no second audit event either.
    const fresh = await post("acme", { raw: sent.body, headers: { ...sent.headers, "X-Atlassian-Webhook-Identifier": crypto.randomUUID() } });
    expect(fresh.json.outcome).toBe("already-ended");
    expect((await counts()).audit).toBe(after.audit);
    // Five minutes later the captured delivery is stale even with a new identifier.
    services.clock.advance(6 * 60_000);
    const late = await post("acme", { raw: sent.body, headers: { ...sent.headers, "X-Atlassian-Webhook-Identifier": crypto.randomUUID() } });
    expect(late.status).toBe(401);
  });
});

describe("setting up the webhook", () => {
  it("rotating the secret refuses deliveries signed with the old one; the DTO never carries it", async () => {
    const jiraConnection = await t.scope.tdb.connection.findFirstOrThrow({ where: { kind: "JIRA" } });
    const rotated = await setUpJiraWebhook(t.scope, { connectionId: jiraConnection.id });
    expect(rotated.rotated).toBe(true);
    expect(rotated.secret).not.toBe(secret);
    const g = revokePayload("ACCESS-1");
    expect((await post("acme", delivery(g))).status).toBe(401);
    expect((await post("acme", delivery(g, { key: rotated.secret }))).status).toBe(200);
    const { listConnections } = await import("../connections/queries.ts");
    const dto = (await listConnections(t.scope)).find((c) => c.kind === "JIRA")!;
    expect(dto.webhookConfigured).toBe(true);
    expect(JSON.stringify(dto)).not.toContain(rotated.secret);
    expect(JSON.stringify(await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId } }))).not.toContain(rotated.secret);
    secret = rotated.secret;
  });

  it("replacing the Jira credentials keeps the revoke settings and the webhook secret", async () => {
    const before = await t.scope.tdb.connection.findFirstOrThrow({ where: { kind: "JIRA" } });
    await saveConnection(t.scope, { connectionId: before.id, kind: "JIRA", name: "Jira", siteUrl: jira.url, projectKey: "ACCESS", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken });
    const after = await t.scope.tdb.connection.findFirstOrThrow({ where: { id: before.id } });
    expect(after.config).toMatchObject({ revokeStatus: "Access removed", revokeLabel: "gatehouse-revoke" });
    expect(after.webhookSecretCipher).toBe(before.webhookSecretCipher);
    await expect(saveJiraRevokeSettings(t.scope, { connectionId: before.id, revokeStatus: "", revokeLabel: "has space" })).rejects.toThrow(/no spaces/);
  });
});

describe("the demo's wiring (npm start)", () => {
  it("registers the sandbox webhook for the app's address at each start, rotating the secret only when the address changed", async () => {
    const { connectDemoJiraWebhook } = await import("../../demo/demo-jira-webhook.ts");
    expect(await connectDemoJiraWebhook(services, jira, "http://127.0.0.1:1")).toEqual({ registered: true });
    expect(jira.webhooks.list().map((w) => w.url)).toEqual(["http://127.0.0.1:1/api/webhooks/jira/acme"]);
    expect(await connectDemoJiraWebhook(services, jira, receiver.url)).toEqual({ registered: true });
    expect(await connectDemoJiraWebhook(services, jira, receiver.url)).toEqual({ registered: false });
    expect(jira.webhooks.list().map((w) => w.url)).toEqual([hookUrl("acme")]);
    services.clock.advance(60_000);
    const g = await provisionedGrant("isla.fraser");
    await transitionIssue(jira.url, alex, g.issueKey, "Remove access");
    await jira.webhooks.settled();
    expect(["ENDING", "ENDED"]).toContain((await db.prisma.grant.findUniqueOrThrow({ where: { id: g.grantId! } })).status);
  });
});
