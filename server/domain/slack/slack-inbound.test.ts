import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { callerAs } from "../../testing/fixtures.ts";
import { startSlackSandbox } from "../../sandbox/slack/index.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant } from "../services.ts";
import { requestAccess } from "../requests/request-access.ts";
import { saveSlackConnection } from "./save-slack-connection.ts";
import { slackWorld } from "./slack-testkit.ts";

const db = await testDatabase();
const w = await slackWorld(db);
const { slack, driver, p, slackId, urls, t, services } = w;
// Another tenant with its own Slack workspace and signing secret.
const globex = await startSlackSandbox({ team: { id: "T0GLOBEX01", name: "Globex", domain: "globex" }, signingSecret: "globex-signing-secret-000000001", now: () => services.clock.now() });
afterAll(() => globex.stop());

let roleId = "";
let timeBound = "";
beforeAll(async () => {
  const app = await saveApp(t.scope, { name: "Figma", riskLevel: "MEDIUM", ownerPersonIds: [p["liam.okafor"]!.id] });
  const group = await t.scope.tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } });
  roleId = (await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "MANAGER" }] })).id;
  timeBound = (await saveRole(t.scope, { appId: app.id, name: "Admin", groupIds: [group.id], steps: [{ kind: "MANAGER" }], durationRequired: true, maxDurationMinutes: 24 * 60, privileged: true })).id;
  const other = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex", name: "Globex", adminEmail: "admin@globex.example" });
  await saveSlackConnection(forTenant(services, other.id, { type: "cli", label: "test" }), { kind: "SLACK", name: "Slack", apiUrl: globex.apiUrl, botToken: globex.botToken, signingSecret: globex.signingSecret });
  await driver.drain();
});

const counts = async () => ({
  requests: await db.prisma.accessRequest.count(), decisions: await db.prisma.approvalDecision.count(), deliveries: await db.prisma.webhookDelivery.count(),
  jobs: await db.prisma.job.count(), audit: await db.prisma.auditEvent.count(), views: slack.state.data.views.length,
});

describe("requesting from Slack", () => {
  it("opens the request modal from the slash command and creates a normal request (source slack); bad input comes back on the modal", async () => {
    const answer = await slack.send.slashCommand(urls.commandsUrl, { userId: slackId("dana.lee"), command: "/access", text: "figma" });
    expect(answer.status).toBe(200);
    const view = slack.state.openViews(slackId("dana.lee")).at(-1)!;
    expect(view.view.callback_id).toBe("gatehouse.request");
    expect(JSON.stringify(view.view.blocks)).toContain("Admin (privileged) · time-bound");

    const before = await counts();
    await slack.send.submitView(urls.interactivityUrl, { viewId: view.id, values: { role: timeBound, duration: "soon-ish", reason: "Debug the production incident" } });
    expect(slack.state.view(view.id)!.errors).toEqual({ duration: expect.stringMatching(/like 8h/) });
    await slack.send.submitView(urls.interactivityUrl, { viewId: view.id, values: { role: timeBound, duration: "3d", reason: "Debug the production incident" } });
    expect(slack.state.view(view.id)!.errors).toEqual({ duration: expect.stringMatching(/at most 1 day/) });
    await slack.send.submitView(urls.interactivityUrl, { viewId: view.id, values: { role: timeBound, duration: "", reason: "Debug the production incident" } });
    expect(slack.state.view(view.id)!.errors).toEqual({ duration: expect.stringMatching(/time-bound/) });
    await slack.send.submitView(urls.interactivityUrl, { viewId: view.id, values: { role: timeBound, duration: "8h", reason: "short" } });
    expect(slack.state.view(view.id)!.errors).toEqual({ reason: expect.stringMatching(/at least 10/) });
    expect((await counts()).requests).toBe(before.requests);

    await slack.send.submitView(urls.interactivityUrl, { viewId: view.id, values: { role: timeBound, duration: "8h", reason: "Debug the production incident" } });
    const created = await db.prisma.accessRequest.findFirstOrThrow({ where: { roleId: timeBound }, include: { steps: true } });
    expect(created).toMatchObject({ source: "slack", durationMinutes: 480, requesterPersonId: p["dana.lee"]!.id, status: "PENDING" });
    expect(slack.state.view(view.id)).toMatchObject({ open: true, view: { title: { text: "Request sent" } } });
    expect(JSON.stringify(slack.state.view(view.id)!.view)).toContain("waits for step 1 of 1 (manager)");
    await driver.drain();
    const dm = await db.prisma.slackMessage.findFirstOrThrow({ where: { requestId: created.id, personId: p["sam.rivera"]!.id } });
    expect(dm.status).toBe("POSTED");
  });

  it("tells someone whose Slack email matches nobody that they cannot request", async () => {
    slack.state.addUser({ email: "contractor@elsewhere.example", realName: "Con Tractor" });
    const answer = await slack.send.slashCommand(urls.commandsUrl, { userId: slack.state.userByEmail("contractor@elsewhere.example")!.id, command: "/access" });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/not linked/) });
  });
});

describe("refusing what Slack did not send", () => {
  let messageTs = "";
  let requestId = "";
  beforeAll(async () => {
    requestId = (await requestAccess(t.scope, { roleId, requesterPersonId: p["noah.patel"]!.id, reason: "Design review for the launch", source: "web" })).id;
    await driver.drain();
    messageTs = (await db.prisma.slackMessage.findFirstOrThrow({ where: { requestId, personId: p["sam.rivera"]!.id } })).ts!;
  });
  const approveBody = () => slack.send.interactionBody(slack.send.buttonPayload({ userId: slackId("sam.rivera"), messageTs, actionId: "gatehouse.approve" }));
  const now = () => Math.floor(services.clock.now().getTime() / 1000);

  async function refused(status: number, request: { body: string; headers: Record<string, string> }, url = urls.interactivityUrl) {
    const before = await counts();
    const answer = await slack.send.deliver(url, request);
    expect(answer.status, answer.text).toBe(status);
    expect(await counts()).toEqual(before);
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
  }

  it("refuses a forged signature, a stale or future timestamp, and missing headers with 401", async () => {
    await refused(401, slack.send.sign(approveBody(), { secret: "not-the-signing-secret" }));
    await refused(401, slack.send.sign(approveBody(), { timestamp: now() - 301 }));
    await refused(401, slack.send.sign(approveBody(), { timestamp: now() + 301 }));
    const signed = slack.send.sign(approveBody());
    await refused(401, { body: signed.body, headers: { ...signed.headers, "X-Slack-Signature": "" } });
    await refused(401, { body: signed.body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    // Signed right, then changed on the way.
    await refused(401, { body: signed.body.replace("gatehouse.approve", "gatehouse.deny"), headers: signed.headers });
    await refused(401, slack.send.sign(slack.send.slashCommandBody({ userId: slackId("dana.lee"), command: "/access" }), { secret: "nope-nope-nope-nope" }), urls.commandsUrl);
  });

  it("refuses another workspace, and a signature made with another tenant's secret", async () => {
    const payload = slack.send.buttonPayload({ userId: slackId("sam.rivera"), messageTs, actionId: "gatehouse.approve" });
    const unknownTeam = { ...payload, team: { id: "T0NOBODY01", domain: "nobody" } };
    await refused(401, slack.send.sign(slack.send.interactionBody(unknownTeam)));
    const globexTeam = { ...payload, team: { id: "T0GLOBEX01", domain: "globex" } };
    await refused(401, slack.send.sign(slack.send.interactionBody(globexTeam)));
    await refused(401, slack.send.sign(slack.send.interactionBody(payload), { secret: globex.signingSecret }));
  });

  it("refuses a malformed body with 400", async () => {
    for (const body of ["", "payload=", "payload=%7Bnot-json", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", team: { id: "T0ACME001" } }))}`, "a=b"]) {
      await refused(400, slack.send.sign(body));
    }
    await refused(400, slack.send.sign("team_id=T0ACME001&user_id=U1"), urls.commandsUrl);
  });

  it("acts on a signed click once and refuses its replay with 400", async () => {
    const request = slack.send.sign(approveBody());
    const first = await slack.send.deliver(urls.interactivityUrl, request);
    expect(first.status).toBe(200);
    expect(await db.prisma.approvalDecision.count({ where: { requestId } })).toBe(1);
    const before = await counts();
    const replay = await slack.send.deliver(urls.interactivityUrl, request);
    expect(replay.status).toBe(400);
    expect(await counts()).toEqual(before);
    const delivery = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { tenantId: t.tenantId, source: "slack", deliveryId: request.headers["X-Slack-Signature"]!.slice(3) } });
    expect(delivery.outcome).toBe("ack");
  });
});

describe("connecting Slack", () => {
  it("verifies the bot token with auth.test, learns the workspace, seals both secrets and never returns them", async () => {
    const conn = await db.prisma.connection.findFirstOrThrow({ where: { tenantId: t.tenantId, kind: "SLACK" } });
    expect(conn.config).toEqual({ apiUrl: slack.apiUrl, teamId: "T0ACME001", teamName: "Acme", botUserId: "U0GATEBOT" });
    expect(conn.secretCipher).not.toContain(slack.botToken);
    expect(conn.webhookSecretCipher).not.toContain(slack.signingSecret);
    const admin = callerAs(services, t.admin, "acme");
    const listed = JSON.stringify(await admin.connections.list());
    for (const secret of [slack.botToken, slack.signingSecret, conn.secretCipher, conn.webhookSecretCipher!]) expect(listed).not.toContain(secret);

    const input = { kind: "SLACK" as const, name: "Slack", apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret, connectionId: conn.id };
    await expect(admin.connections.save({ ...input, botToken: "xoxb-wrong-token" })).rejects.toThrow(/Could not connect: .*invalid_auth/);
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: conn.id } })).secretCipher).toBe(conn.secretCipher);
    await expect(admin.connections.save({ ...input, botToken: "not-a-bot-token" })).rejects.toThrow(/xoxb-/);
    expect((await admin.connections.save(input)).detail).toMatch(/Workspace Acme \(T0ACME001\)/);
    await expect(saveSlackConnection(t.scope, { ...input, connectionId: undefined, name: "Second" })).rejects.toThrow(/already connected/);
    await expect(callerAs(services, t.employee, "acme").connections.save(input)).rejects.toThrow();

    slack.faults.down(true);
    expect((await admin.connections.test({ connectionId: conn.id })).ok).toBe(false);
    expect((await db.prisma.connection.findUniqueOrThrow({ where: { id: conn.id } })).status).toBe("ERROR");
    slack.faults.clear();
    expect(await admin.connections.test({ connectionId: conn.id })).toMatchObject({ ok: true });
  });
});
