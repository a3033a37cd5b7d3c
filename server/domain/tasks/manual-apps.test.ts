// Apps Gatehouse cannot change (no IdP groups): access is set up and removed by the app's owners through
// tasks, and becomes active or ends only when they confirm with a note. Real PGlite/PostgreSQL, the
// sandbox Okta and Jira, the local job driver, and a clock the test moves.
import { describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { callerAs } from "../../testing/fixtures.ts";
import { adfToText } from "../../sandbox/jira/index.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { reconcileGrants } from "../grants/reconcile-grants.ts";
import { revokeGrant } from "../grants/revoke-grant.ts";
import { giveBackGrant } from "../grants/give-back-grant.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant } from "../services.ts";
import type { DomainError } from "../errors.ts";
import { completeAccessTask } from "./complete-access-task.ts";
import { listMyTasks } from "./queries.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { recordLeaverProofs } from "../lifecycle/record-leaver-proofs.ts";
import { createCampaign } from "../reviews/create-campaign.ts";
import { launchCampaign } from "../reviews/launch-campaign.ts";
import { decideReviewItems } from "../reviews/decide-review-items.ts";
import { saveLifecycleSettings } from "../lifecycle/save-lifecycle-settings.ts";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const { db, services, okta, jira, driver, t, p } = await requestLoopWorld();

let n = 0;
/** A role of a manual app owned by Liam, approved by him. */
async function manualRole(durationRequired = false) {
  const app = await saveApp(t.scope, { name: `Ledger ${++n}`, riskLevel: "MEDIUM", provisioningMode: "MANUAL", ownerPersonIds: [p["liam.okafor"]!.id] });
  return saveRole(t.scope, { appId: app.id, name: "Bookkeeper", groupIds: [], steps: [{ kind: "APP_OWNER" }], ...(durationRequired ? { durationRequired: true } : {}) });
}
async function approved(roleId: string, who = "dana.lee", durationMinutes?: number) {
  const req = await requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Month-end close", durationMinutes, source: "web" });
  const step = await db.prisma.approvalStep.findFirstOrThrow({ where: { requestId: req.id, status: "PENDING" } });
  await decideApproval(t.scope, { requestId: req.id, deciderPersonId: step.approverPersonIds[0]!, decision: "APPROVE", channel: "web" });
  await driver.drain();
  return db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id }, include: { request: true } });
}
const tasksOf = (grantId: string) => db.prisma.accessTask.findMany({ where: { grantId }, orderBy: { createdAt: "asc" } });
const complete = (taskId: string, who: string | null, note = "Created the account in the admin console", asAdmin = false) =>
  completeAccessTask(t.scope, { taskId, note, byPersonId: who ? p[who]!.id : null, asAdmin });
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
const comments = (key: string) => jira.comments(key).map((c) => adfToText(c.body)).join("\n");
const auditOf = (grantId: string) => db.prisma.auditEvent.findMany({ where: { subjectId: grantId }, orderBy: { seq: "asc" } });
async function advance(ms: number) {
  services.clock.advance(ms);
  await driver.drain();
}

describe("manual apps: set-up", () => {
  it("approval opens a task for the owner (in the app, Slack-ready notice, Jira); the grant is active only when they confirm", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "dana.lee", 8 * 60);
    expect(grant.status).toBe("PENDING");
    await reconcileGrants(services);
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("PENDING");

    const [task] = await tasksOf(grant.id);
    expect(task).toMatchObject({ kind: "grant", status: "OPEN", assigneePersonIds: [p["liam.okafor"]!.id] });
    expect(task!.title).toMatch(/^Give Dana Lee Ledger \d+ · Bookkeeper$/);
    expect(task!.dueAt!.getTime()).toBe(task!.createdAt.getTime() + 3 * DAY);
    expect((await listMyTasks(t.scope.tdb, p["liam.okafor"]!.id)).map((x) => x.id)).toContain(task!.id);
    expect(await db.prisma.notification.count({ where: { personId: p["liam.okafor"]!.id, kind: "task.assigned", title: task!.title } })).toBe(1);
    expect(comments(grant.request!.jiraIssueKey!)).toMatch(/Manual step: .*Liam Okafor must give Dana Lee this access by hand/);

    // Only the assignee (or an admin) confirms, with a real note, once.
    expect((await refusal(complete(task!.id, "ava.nguyen"))).code).toBe("FORBIDDEN");
    expect((await refusal(complete(task!.id, "liam.okafor", "ok"))).name).toBe("ZodError");
    expect((await db.prisma.accessTask.findUniqueOrThrow({ where: { id: task!.id } })).status).toBe("OPEN");

    await advance(HOUR);
    await complete(task!.id, "liam.okafor", "Added Dana as Bookkeeper in Ledger admin");
    const active = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(active.status).toBe("ACTIVE");
    // The clock of a time-bound grant starts when the access exists, not when it was approved.
    expect(active.expiresAt!.getTime()).toBe(active.activatedAt!.getTime() + 8 * HOUR);
    const activated = (await auditOf(grant.id)).find((e) => e.action === "grant.activated")!;
    expect(activated.data).toMatchObject({ manual: { completedBy: "Liam Okafor", note: "Added Dana as Bookkeeper in Ledger admin", taskId: task!.id } });
    expect(await db.prisma.notification.count({ where: { personId: p["dana.lee"]!.id, kind: "request.provisioned", grantId: grant.id } })).toBe(1);
    await driver.drain();
    expect(comments(grant.request!.jiraIssueKey!)).toMatch(/Provisioned: Dana Lee now has Ledger \d+ · Bookkeeper[\s\S]*Added Dana as Bookkeeper in Ledger admin/);
    expect(jira.getIssue(grant.request!.jiraIssueKey!)!.status).toBe("Done");
    expect((await refusal(complete(task!.id, "liam.okafor"))).code).toBe("CONFLICT");
  });

  it("never assigns the owner's own access to them; falls back to the admins", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "liam.okafor");
    const [task] = await tasksOf(grant.id);
    const admins = (await db.prisma.tenantMember.findMany({ where: { tenantId: t.tenantId, roles: { has: "admin" } } })).map((m) => m.personId);
    expect(task!.assigneePersonIds.length).toBeGreaterThan(0);
    expect(task!.assigneePersonIds).not.toContain(p["liam.okafor"]!.id);
    expect(task!.assigneePersonIds.every((id) => admins.includes(id))).toBe(true);
  });

  it("revoked before it was set up: the set-up task is cancelled and there is nothing to remove", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "ava.nguyen");
    await revokeGrant(t.scope, { grantId: grant.id, reason: "No longer needed", channel: "web", asAdmin: true });
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDED");
    const tasks = await tasksOf(grant.id);
    expect(tasks.map((x) => [x.kind, x.status])).toEqual([["grant", "CANCELLED"]]);
    expect((await refusal(complete(tasks[0]!.id, "liam.okafor"))).code).toBe("CONFLICT");
  });

  it("admins see every open task, the most overdue first, with who it is assigned to; others may not", async () => {
    const grant = await approved((await manualRole()).id, "kai.tanaka");
    const [task] = await tasksOf(grant.id);
    const queue = await callerAs(services, t.admin, t.slug).reviews.openTasks();
    const row = queue.find((x) => x.id === task!.id)!;
    expect(row).toMatchObject({ kind: "grant", assignees: ["Liam Okafor"], person: { displayName: "Kai Tanaka" } });
    const dues = queue.map((x) => x.dueAt!.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    await expect(callerAs(services, t.employee, t.slug).reviews.openTasks()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("another tenant cannot see or complete the task", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "ava.nguyen");
    const [task] = await tasksOf(grant.id);
    const other = await createTenant(services, { type: "cli", label: "test" }, { slug: "globex-manual", name: "Globex", adminEmail: "admin@globex.example" });
    const globex = forTenant(services, other.id, { type: "user", label: "Globex admin" });
    const e = await refusal(completeAccessTask(globex, { taskId: task!.id, note: "Created the account", byPersonId: null, asAdmin: true }));
    expect(e.code).toBe("NOT_FOUND");
    expect(await listMyTasks(globex.tdb, p["liam.okafor"]!.id)).toEqual([]);
    expect((await db.prisma.accessTask.findUniqueOrThrow({ where: { id: task!.id } })).status).toBe("OPEN");
  });
});

describe("manual apps: removal", () => {
  async function activeManual(durationMinutes?: number, who = "dana.lee") {
    const role = await manualRole();
    const grant = await approved(role.id, who, durationMinutes);
    const [task] = await tasksOf(grant.id);
    await complete(task!.id, "liam.okafor");
    await driver.drain();
    return grant;
  }

  it("expiry opens a removal task; the access ends when the owner confirms, with their note as the proof", async () => {
    const grant = await activeManual(2 * 60);
    await advance(2 * HOUR);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDING");
    const removal = (await tasksOf(grant.id)).find((x) => x.kind === "remove")!;
    expect(removal).toMatchObject({ status: "OPEN", assigneePersonIds: [p["liam.okafor"]!.id] });
    expect(removal.detail).toMatch(/The access was expired\. Remove this access in Ledger \d+ by hand/);
    expect(comments(grant.request!.jiraIssueKey!)).toMatch(/Manual step: Liam Okafor must remove Dana Lee's access in Ledger \d+ by hand/);

    // The sweep and removal runs leave it ENDING while the owner has not confirmed.
    await advance(HOUR);
    await reconcileGrants(services);
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDING");

    await complete(removal.id, "liam.okafor", "Deleted Dana's Ledger account");
    await driver.drain();
    const ended = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended.status).toBe("ENDED");
    expect(ended.endReason).toBe("expired");
    const endedEvent = (await auditOf(grant.id)).find((e) => e.action === "grant.ended")!;
    expect(endedEvent.data).toMatchObject({ manual: { completedBy: "Liam Okafor", note: "Deleted Dana's Ledger account", taskId: removal.id } });
    expect(comments(grant.request!.jiraIssueKey!)).toMatch(/Access removed: Dana Lee no longer has[\s\S]*Deleted Dana's Ledger account/);
    expect(await db.prisma.notification.count({ where: { personId: p["dana.lee"]!.id, kind: "grant.ended", grantId: grant.id } })).toBe(1);
  });

  it("revocation and give-back open one removal task each, never two for one grant", async () => {
    const revoked = await activeManual(undefined, "ava.nguyen");
    await revokeGrant(t.scope, { grantId: revoked.id, reason: "Changed teams", channel: "web", asAdmin: true });
    await revokeGrant(t.scope, { grantId: revoked.id, reason: "Changed teams", channel: "web", asAdmin: true }).catch(() => null);
    await driver.drain();
    const removals = (await tasksOf(revoked.id)).filter((x) => x.kind === "remove");
    expect(removals).toHaveLength(1);
    expect(removals[0]!.detail).toMatch(/^The access was revoked by /);

    const given = await activeManual(undefined, "kai.tanaka");
    await giveBackGrant(t.scope, { grantId: given.id, holderPersonId: p["kai.tanaka"]!.id });
    await driver.drain();
    expect((await tasksOf(given.id)).filter((x) => x.kind === "remove").map((x) => x.status)).toEqual(["OPEN"]);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: given.id } })).status).toBe("ENDING");
  });
});

describe("manual apps: leavers", () => {
  it("a leaver's manual access becomes a removal task; the offboarding proof waits for it and carries the owner's note", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "mateo.garcia");
    await complete((await tasksOf(grant.id))[0]!.id, "liam.okafor");
    await driver.drain();
    okta.state.setStatus(p["mateo.garcia"]!.externalId, "SUSPENDED");
    const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
    await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
    await driver.drain();
    const leaver = await db.prisma.lifecycleEvent.findFirstOrThrow({ where: { personId: p["mateo.garcia"]!.id, kind: "LEAVER" } });
    const removal = (await tasksOf(grant.id)).find((x) => x.kind === "remove")!;
    expect(removal.detail).toMatch(/left the company/);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDING");
    await recordLeaverProofs(services, { tenantId: t.tenantId });
    expect((await db.prisma.lifecycleEvent.findUniqueOrThrow({ where: { id: leaver.id } })).outcome).not.toHaveProperty("proof");

    await complete(removal.id, "liam.okafor", "Deactivated Mateo in Ledger");
    await driver.drain();
    await recordLeaverProofs(services, { tenantId: t.tenantId });
    await driver.drain();
    const outcome = (await db.prisma.lifecycleEvent.findUniqueOrThrow({ where: { id: leaver.id } })).outcome as { proof: { grantId: string; removedByHand?: object }[]; jiraIssueKey?: string };
    expect(outcome.proof.find((x) => x.grantId === grant.id)!.removedByHand).toMatchObject({ by: "Liam Okafor", note: "Deactivated Mateo in Ledger" });
    const issue = jira.state.issues.find((i) => i.labels.includes("lifecycle") && adfToText(i.description).includes("Mateo Garcia"))!;
    expect(comments(issue.key)).toMatch(/removed by hand[\s\S]*Deactivated Mateo in Ledger/);
  });
});

describe("manual apps: reviews", () => {
  it("a revoked review item joins the removal task already open for its grant (one task), and its completion confirms the item", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "noah.patel");
    await complete((await tasksOf(grant.id))[0]!.id, "liam.okafor");
    const campaign = await createCampaign(t.scope, {
      name: `Ledger review ${n}`, scope: { appIds: [role.appId] }, reviewerMode: "app_owner",
      fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 5 * DAY),
    });
    await launchCampaign(t.scope, { campaignId: campaign.id });
    const item = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId: grant.id } });
    // The grant is revoked elsewhere first (as when the person leaves): its removal task opens.
    await revokeGrant(t.scope, { grantId: grant.id, reason: "Left the finance project", channel: "web", asAdmin: true });
    await decideReviewItems(t.scope, { campaignId: campaign.id, itemIds: [item.id], decision: "REVOKE", comment: "Not needed", deciderPersonId: p["liam.okafor"]!.id });
    const removals = (await tasksOf(grant.id)).filter((x) => x.kind === "remove");
    expect(removals).toHaveLength(1);
    expect(await db.prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ revocation: "TASK", taskId: removals[0]!.id });

    await complete(removals[0]!.id, "liam.okafor", "Deleted Noah's Ledger login");
    await driver.drain();
    expect(await db.prisma.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ revocation: "CONFIRMED", readBack: { manual: true, note: "Deleted Noah's Ledger login" } });
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ENDED");
  });
});

describe("manual apps: overdue tasks", () => {
  it("are due after the tenant's setting (1 to 30 days)", async () => {
    expect((await refusal(saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 7, manualTaskDueDays: 0 }))).name).toBe("ZodError");
    expect((await refusal(saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 7, manualTaskDueDays: 31 }))).name).toBe("ZodError");
    await saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 7, manualTaskDueDays: 1 });
    try {
      const grant = await approved((await manualRole()).id, "ava.nguyen");
      const [task] = await tasksOf(grant.id);
      expect(task!.dueAt!.getTime()).toBe(task!.createdAt.getTime() + DAY);
    } finally {
      await saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 7 });
      expect((await db.prisma.tenant.findUniqueOrThrow({ where: { id: t.tenantId } })).manualTaskDueDays).toBe(1);
      await saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 7, manualTaskDueDays: 3 });
    }
  });

  it("escalate once to the admins, in the app, the audit log and Jira", async () => {
    const role = await manualRole();
    const grant = await approved(role.id, "kai.tanaka");
    const [task] = await tasksOf(grant.id);
    await advance(3 * DAY - 60_000);
    await reconcileGrants(services);
    expect((await db.prisma.accessTask.findUniqueOrThrow({ where: { id: task!.id } })).escalatedAt).toBeNull();

    await advance(2 * 60_000);
    expect((await reconcileGrants(services)).escalated).toBeGreaterThanOrEqual(1);
    await driver.drain();
    const escalated = await db.prisma.accessTask.findUniqueOrThrow({ where: { id: task!.id } });
    expect(escalated.escalatedAt).not.toBeNull();
    const admin = p["alex.kim"]!.id;
    expect(escalated.assigneePersonIds).toEqual(expect.arrayContaining([p["liam.okafor"]!.id, admin]));
    expect(await db.prisma.notification.count({ where: { kind: "task.escalated", title: `Overdue: ${task!.title}`, personId: { in: [admin, p["liam.okafor"]!.id] } } })).toBe(2);
    expect(await db.prisma.auditEvent.count({ where: { action: "task.escalated", subjectId: task!.id } })).toBe(1);
    expect(comments(grant.request!.jiraIssueKey!)).toMatch(/Overdue: “Give Kai Tanaka Ledger \d+ · Bookkeeper” was not done by its due date/);

    await advance(DAY);
    await reconcileGrants(services);
    expect(await db.prisma.auditEvent.count({ where: { action: "task.escalated", subjectId: task!.id } })).toBe(1);
    // An admin who joined through the escalation can now do it.
    await completeAccessTask(t.scope, { taskId: task!.id, note: "Done by IT after the escalation", byPersonId: admin, asAdmin: false });
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
  });
});
