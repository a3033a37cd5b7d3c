import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import type { RoleInput } from "../catalog/schemas.ts";
import { saveMember } from "../tenants/save-member.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { cancelRequest } from "../requests/cancel-request.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import { slackWorld } from "./slack-testkit.ts";

const db = await testDatabase();
const w = await slackWorld(db);
const { slack, driver, p, slackId, urls, t } = w;

beforeAll(async () => {
  await saveMember(t.scope, { email: "quinn.harper@acme.example", name: "Quinn", roles: ["security"] });
  await driver.drain();
});
afterEach(() => slack.faults.clear());

let n = 0;
async function role(steps: RoleInput["steps"], extra: Partial<RoleInput> = {}) {
  const app = await saveApp(t.scope, { name: `Slack App ${++n}`, riskLevel: "HIGH", ownerPersonIds: [p["liam.okafor"]!.id] });
  return saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [(await t.scope.tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } })).id], steps, ...extra });
}
const ask = (roleId: string, who = "dana.lee") =>
  requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Needed for the Q4 launch work", durationMinutes: 480, source: "web" });

/** The approval DM a person got for a request (after the jobs ran). */
async function approvalDm(requestId: string, login: string) {
  const row = await db.prisma.slackMessage.findFirstOrThrow({ where: { requestId, personId: p[login]!.id, purpose: "approval" } });
  expect(row.status).toBe("POSTED");
  return { row, message: slack.state.message(row.channel!, row.ts!)! };
}
const buttons = (m: { blocks: unknown[] }) =>
  (m.blocks as { type: string; elements?: { action_id: string }[] }[]).filter((b) => b.type === "actions").flatMap((b) => b.elements!.map((e) => e.action_id));
const text = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);
const ephemeral = (login: string) => slack.state.data.messages.filter((m) => m.ephemeralFor === slackId(login)).map((m) => m.text);
// Decision times are the database's; the day and format are what matter here.
const AT = "at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC";
const dms = (login: string) => slack.state.dmMessages(slackId(login)).filter((m) => !m.ephemeralFor);
const click = (requestId: string, login: string, action: "gatehouse.approve" | "gatehouse.deny", by?: string) =>
  approvalDm(requestId, login).then(({ message }) => slack.send.clickButton(urls.interactivityUrl, { userId: slackId(login), messageTs: message.ts, actionId: action, by: by && slackId(by) }));

describe("approving in Slack", () => {
  it("DMs each approver the context with buttons, approves through a signed click, updates the message and tells the requester", async () => {
    const r = await role([{ kind: "MANAGER" }, { kind: "APP_OWNER" }]);
    const req = await ask(r.id);
    await driver.drain();
    const { message } = await approvalDm(req.id, "sam.rivera");
    expect(buttons(message)).toEqual(["gatehouse.approve", "gatehouse.deny", "gatehouse.open"]);
    for (const fact of ["Dana Lee", "Software Engineer, Engineering", "manager Sam Rivera", "figma-editors", "high", "8 hours", "Needed for the Q4 launch work", "never", "nobody yet"]) {
      expect(text(message)).toContain(fact);
    }
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: p["sam.rivera"]!.id } })).toMatchObject({ slackUserId: slackId("sam.rivera") });

    const answer = await click(req.id, "sam.rivera", "gatehouse.approve");
    expect(answer.status).toBe(200);
    const decision = await db.prisma.approvalDecision.findFirstOrThrow({ where: { requestId: req.id } });
    expect(decision).toMatchObject({ deciderPersonId: p["sam.rivera"]!.id, decision: "APPROVE", channel: "slack" });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: req.id, action: "request.step.approved" } });
    expect(audit).toMatchObject({ actorType: "user", actorLabel: p["sam.rivera"]!.email });

    await driver.drain();
    const updated = (await approvalDm(req.id, "sam.rivera")).message;
    expect(buttons(updated)).toEqual(["gatehouse.open"]);
    expect(text(updated)).toMatch(new RegExp(`Approved by Sam Rivera ${AT} via slack`));
    expect(text(updated)).toContain("Now waiting for step 2 of 2 (app owner)");
    // Step 2: the app owner gets their own message and finishes it in Slack too.
    expect(text((await approvalDm(req.id, "liam.okafor")).message)).toContain("Sam Rivera (step 1)");
    await click(req.id, "liam.okafor", "gatehouse.approve");
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("APPROVED");
    await driver.drain();
    expect(text((await approvalDm(req.id, "liam.okafor")).message)).toContain("Request approved");
    expect(dms("dana.lee").map((m) => m.text).join("\n")).toMatch(/Slack App \d+ · Editor approved/);
  });

  it("denies through a modal that requires a comment", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id);
    await driver.drain();
    expect((await click(req.id, "sam.rivera", "gatehouse.deny")).status).toBe(200);
    const [view] = slack.state.openViews(slackId("sam.rivera"));
    expect(view!.view.callback_id).toBe("gatehouse.deny");
    await slack.send.submitView(urls.interactivityUrl, { viewId: view!.id, values: { comment: "" } });
    expect(slack.state.view(view!.id)).toMatchObject({ open: true, errors: { comment: expect.stringMatching(/Say why/) } });
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("PENDING");

    await slack.send.submitView(urls.interactivityUrl, { viewId: view!.id, values: { comment: "Use the read-only role instead" } });
    expect(slack.state.view(view!.id)!.open).toBe(false);
    const decided = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id }, include: { steps: { include: { decisions: true } } } });
    expect(decided.status).toBe("DENIED");
    expect(decided.steps[0]!.decisions[0]).toMatchObject({ decision: "DENY", channel: "slack", comment: "Use the read-only role instead" });
    await driver.drain();
    const updated = (await approvalDm(req.id, "sam.rivera")).message;
    expect(buttons(updated)).toEqual(["gatehouse.open"]);
    expect(text(updated)).toMatch(new RegExp(`Denied by Sam Rivera ${AT} via slack: “Use the read-only role instead”`));
    expect(dms("dana.lee").at(-1)!.text).toMatch(/denied.*Use the read-only role instead/);
  });

  it("refuses a non-approver's click and tells them why, changing nothing", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id);
    await driver.drain();
    const answer = await click(req.id, "sam.rivera", "gatehouse.approve", "noah.patel");
    expect(answer.status).toBe(200);
    expect(await db.prisma.approvalDecision.count({ where: { requestId: req.id } })).toBe(0);
    await driver.drain();
    expect(ephemeral("noah.patel").at(-1)).toBe("Could not approve: You are not an approver of this request");
    expect(buttons((await approvalDm(req.id, "sam.rivera")).message)).toContain("gatehouse.approve");
  });

  it("decides once on a double click and tells the second click it is already decided", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id);
    await driver.drain();
    const answers = await Promise.all([click(req.id, "sam.rivera", "gatehouse.approve"), click(req.id, "sam.rivera", "gatehouse.approve")]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await db.prisma.approvalDecision.count({ where: { requestId: req.id } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { subjectId: req.id, action: "request.step.approved" } })).toBe(1);
    await driver.drain();
    expect(ephemeral("sam.rivera").at(-1)).toMatch(/Could not approve: This request is already approved/);
  });

  it("updates the Slack message when the decision is made in the web inbox, or the request is cancelled", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id);
    await driver.drain();
    await decideApproval(t.scope, { requestId: req.id, decision: "APPROVE", deciderPersonId: p["sam.rivera"]!.id, channel: "web" });
    await driver.drain();
    const updated = (await approvalDm(req.id, "sam.rivera")).message;
    expect(buttons(updated)).toEqual(["gatehouse.open"]);
    expect(text(updated)).toMatch(new RegExp(`Approved by Sam Rivera ${AT} via web`));

    const r2 = await role([{ kind: "MANAGER" }]);
    const req2 = await ask(r2.id);
    await driver.drain();
    await cancelRequest(t.scope, { requestId: req2.id, personId: p["dana.lee"]!.id });
    await driver.drain();
    const cancelled = (await approvalDm(req2.id, "sam.rivera")).message;
    expect(buttons(cancelled)).toEqual(["gatehouse.open"]);
    expect(text(cancelled)).toMatch(new RegExp(`Request cancelled ${AT}`));
  });

  it("keeps the DM when Slack answers 429 or 500: the job retries it, never sooner than Retry-After", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    slack.faults.inject({ status: 429, retryAfterSeconds: 20, match: "chat.postMessage" });
    const req = await ask(r.id);
    await driver.drain();
    const job = await db.prisma.job.findFirstOrThrow({ where: { name: "slack.notify", payload: { path: ["notificationId"], equals: (await db.prisma.notification.findFirstOrThrow({ where: { requestId: req.id, kind: "approval.pending" } })).id } } });
    expect(job).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(job.runAt.getTime() - w.services.clock.now().getTime()).toBeGreaterThanOrEqual(20_000);
    expect(job.lastError).toMatch(/rate limited/);
    slack.faults.inject({ status: 500, match: "chat.postMessage" });
    w.services.clock.advance(21_000);
    await driver.drain();
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(2);
    w.services.clock.advance(60_000);
    await driver.drain();
    expect((await db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("SUCCEEDED");
    const { message } = await approvalDm(req.id, "sam.rivera");
    expect(buttons(message)).toContain("gatehouse.approve");
    expect(dms("sam.rivera").filter((m) => m.ts === message.ts)).toHaveLength(1);
  });

  it("delivers expiry warnings (and any other notice) to the holder by DM with a link back", async () => {
    await t.scope.tdb.$transaction((tx) => notifyPeople(tx, w.services.jobs, t.tenantId, [{
      personId: p["ava.nguyen"]!.id, kind: "grant.expiring", title: "Figma · Editor ends in 3 days", body: "Extend it or give it back.", link: "/my-access",
    }], w.services.clock.now()));
    await driver.drain();
    const [dm] = dms("ava.nguyen");
    expect(dm!.text).toBe("Figma · Editor ends in 3 days: Extend it or give it back.");
    expect(text(dm!)).toContain("http://localhost:3000/my-access");
  });
});

describe("manual apps in Slack", () => {
  it("the owner is told by DM to set the access up by hand, with a link to the inbox", async () => {
    const app = await saveApp(t.scope, { name: "Slack Ledger", riskLevel: "LOW", provisioningMode: "MANUAL", ownerPersonIds: [p["liam.okafor"]!.id] });
    const role = await saveRole(t.scope, { appId: app.id, name: "Bookkeeper", groupIds: [], steps: [{ kind: "AUTO" }] });
    const before = dms("liam.okafor").length;
    await requestAccess(t.scope, { roleId: role.id, requesterPersonId: p["ava.nguyen"]!.id, reason: "Month-end close", source: "web" });
    await driver.drain();
    const fresh = dms("liam.okafor").slice(before);
    expect(fresh.map((m) => m.text)).toContain("Give Ava Nguyen Slack Ledger · Bookkeeper: Slack Ledger is not connected to an identity provider, so this access is set up by hand. Create the account or role in Slack Ledger, then mark the task done with a note; the access becomes active when you confirm.");
    expect(text(fresh.find((m) => m.text.startsWith("Give Ava Nguyen"))!)).toContain("http://localhost:3000/inbox");
  });
});
