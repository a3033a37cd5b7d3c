import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { completeAccessTask } from "../tasks/complete-access-task.ts";
import type { DomainError } from "../errors.ts";
import { createCampaign } from "./create-campaign.ts";
import { launchCampaign } from "./launch-campaign.ts";
import { decideReviewItems } from "./decide-review-items.ts";
import { reassignReviewItems } from "./reassign-review-items.ts";
import { runReviewSchedules } from "./run-review-schedules.ts";
import { closeCampaign } from "./close-campaign.ts";
import { campaignEvidenceCsv } from "./campaign-evidence-csv.ts";
import type { PopulationSnapshot } from "./snapshot-population.ts";
import { handleCampaignEvidence } from "../../api/reviews/campaign-evidence-http.ts";
import { pushCampaignToVanta } from "./push-campaign-to-vanta.ts";
import { saveVantaConnection } from "../connections/save-vanta-connection.ts";
import { startVantaSandbox } from "../../sandbox/vanta/index.ts";

const { db, services, okta, driver, t, p, g } = await requestLoopWorld();
const vanta = await startVantaSandbox({ tokenRequestsPerMinute: 50 });
afterAll(() => vanta.stop());
const HOUR = 3_600_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);

let apps: { salesforce: string; zendesk: string; legacy: string };
let campaignId: string;
const items = () => db.prisma.reviewItem.findMany({ where: { campaignId }, orderBy: { personEmail: "asc" } });
const itemOf = async (login: string, access: string) => (await items()).find((i) => i.personEmail.startsWith(`${login}@`) && i.accessLabel.includes(access))!;
const decide = (who: string, itemIds: string[], decision: "KEEP" | "REVOKE", comment?: string) =>
  decideReviewItems(t.scope, { campaignId, itemIds, decision, comment, deciderPersonId: p[who]!.id });

async function grantVia(roleId: string, who: string, approver?: string) {
  const req = await requestAccess(t.scope, { roleId, requesterPersonId: p[who]!.id, reason: "Quarterly pipeline work", source: "web" });
  if (approver) await decideApproval(t.scope, { requestId: req.id, deciderPersonId: p[approver]!.id, decision: "APPROVE", channel: "web" });
  await driver.drain();
  return db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
}

beforeAll(async () => {
  const sf = await saveApp(t.scope, { name: "Salesforce", riskLevel: "HIGH", ownerPersonIds: [p["priya.shah"]!.id] });
  const sfUser = await saveRole(t.scope, { appId: sf.id, name: "User", groupIds: [g["salesforce-users"]!.id], steps: [{ kind: "MANAGER" }] });
  const zd = await saveApp(t.scope, { name: "Zendesk", riskLevel: "MEDIUM", ownerPersonIds: [p["nadia.haddad"]!.id] });
  await saveRole(t.scope, { appId: zd.id, name: "Agent", groupIds: [g["zendesk-agents"]!.id], steps: [{ kind: "MANAGER" }] });
  const legacy = await saveApp(t.scope, { name: "Legacy CRM", riskLevel: "LOW", provisioningMode: "MANUAL", ownerPersonIds: [p["priya.shah"]!.id] });
  const legacyUser = await saveRole(t.scope, { appId: legacy.id, name: "User", groupIds: [], steps: [{ kind: "AUTO" }] });
  apps = { salesforce: sf.id, zendesk: zd.id, legacy: legacy.id };
  // Dana and Noah ask for Salesforce (their manager Sam approves); Noah then moves to Sales.
  await grantVia(sfUser.id, "dana.lee", "sam.rivera");
  await grantVia(sfUser.id, "noah.patel", "sam.rivera");
  await db.prisma.person.update({ where: { id: p["noah.patel"]!.id }, data: { department: "Sales" } });
  // Legacy CRM is set up by hand: its owner Priya confirms Ethan's account before it is active.
  const legacyGrant = await grantVia(legacyUser.id, "ethan.brooks");
  const setUp = await db.prisma.accessTask.findFirstOrThrow({ where: { grantId: legacyGrant.id, kind: "grant" } });
  await completeAccessTask(t.scope, { taskId: setUp.id, note: "Created Ethan's Legacy CRM login", byPersonId: p["priya.shah"]!.id, asAdmin: false });
  // Ben has left (suspended); Sofia has not signed in for 60 days.
  await db.prisma.person.update({ where: { id: p["ben.foster"]!.id }, data: { status: "SUSPENDED" } });
  await db.prisma.person.update({ where: { id: p["sofia.rossi"]!.id }, data: { lastLoginAt: new Date(services.clock.now().getTime() - 60 * 24 * HOUR) } });

  const campaign = await createCampaign(t.scope, {
    name: "Q4 customer systems review", scope: { appIds: [sf.id, zd.id, legacy.id] }, reviewerMode: "manager",
    fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 72 * HOUR), reminderHours: [48, 24], inactivityDays: 30,
  });
  campaignId = campaign.id;
});

describe("launch", () => {
  it("snapshots every grant and every unexplained membership, with the IdP's counts", async () => {
    const { snapshot } = await launchCampaign(t.scope, { campaignId });
    const byGroup = Object.fromEntries(snapshot.groups.map((s) => [s.name, s]));
    const zdIdp = await db.prisma.membership.count({ where: { groupId: g["zendesk-agents"]!.id } });
    expect(byGroup["zendesk-agents"]).toMatchObject({ idpMembers: zdIdp, gatehouseMembers: zdIdp, missingFromGatehouse: 0, notInIdp: 0, inScope: zdIdp, reviewed: zdIdp });
    expect(byGroup["salesforce-users"]!.idpMembers).toBe(byGroup["salesforce-users"]!.gatehouseMembers);
    expect(byGroup["salesforce-users"]!.reviewed).toBe(byGroup["salesforce-users"]!.inScope);
    expect(snapshot.complete).toBe(true);
    const all = await items();
    expect(snapshot.items).toBe(all.length);
    expect(snapshot.grantItems).toBe(3); // Dana, Noah (Salesforce) and Ethan (Legacy CRM)
    // Dana and Noah's Salesforce memberships are explained by their grants: not reviewed twice.
    expect(all.filter((i) => i.personEmail.startsWith("dana.lee@")).map((i) => i.howGranted)).toEqual(["request"]);
    const stored = await db.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(stored.status).toBe("ACTIVE");
    expect((stored.snapshot as unknown as PopulationSnapshot).items).toBe(all.length);
  });

  it("recommends with a reason for each case", async () => {
    const rec = async (login: string, access: string) => {
      const i = await itemOf(login, access);
      return [i.recommendation, i.recommendationReason];
    };
    expect(await rec("dana.lee", "Salesforce")).toEqual(["KEEP", "Active, and granted by an approved request"]);
    expect(await rec("noah.patel", "Salesforce")).toEqual(["REVOKE", "Changed department: Engineering → Sales"]);
    expect((await rec("ben.foster", "zendesk"))[1]).toMatch(/^Left the company \(suspended\)/);
    expect((await rec("sofia.rossi", "zendesk"))[1]).toMatch(/^Inactive: last sign-in 60 days ago \(threshold 30 days\)/);
    expect(await rec("kai.tanaka", "zendesk")).toEqual(["REVOKE", "Unexplained: no request or bundle grants this access"]);
  });

  it("assigns each item to the person's manager, never to the person, with the fallback recorded", async () => {
    expect((await itemOf("dana.lee", "Salesforce")).reviewerPersonId).toBe(p["sam.rivera"]!.id);
    expect((await itemOf("ivy.turner", "zendesk")).reviewerPersonId).toBe(p["omar.aziz"]!.id);
    const all = await items();
    expect(all.every((i) => i.reviewerPersonId !== i.personId)).toBe(true);
    // Victoria (VP Sales) has a manager; everyone in scope has one, so no fallback was needed here.
    expect(all.filter((i) => i.reviewerNote).length).toBe(0);
  });

  it("refuses a second launch and tells reviewers once", async () => {
    expect((await refusal(launchCampaign(t.scope, { campaignId }))).code).toBe("CONFLICT");
    const notes = await db.prisma.notification.count({ where: { kind: "review.assigned", personId: p["nadia.haddad"]!.id } });
    expect(notes).toBe(1);
  });
});

describe("launch when the IdP cannot be read", () => {
  it("still launches, but the snapshot says which group could not be counted and is not complete", async () => {
    const other = await createCampaign(t.scope, {
      name: "Zendesk only", scope: { appIds: [apps.zendesk] }, reviewerMode: "app_owner",
      fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 72 * HOUR),
    });
    okta.faults.inject({ status: 500, times: Infinity, match: (m, path) => m === "GET" && path.startsWith("/api/v1/groups/") });
    const { snapshot } = await launchCampaign(t.scope, { campaignId: other.id });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.groups).toEqual([expect.objectContaining({ name: "zendesk-agents", idpMembers: null, idpError: expect.stringMatching(/.+/) })]);
    // App owner mode: Nadia owns Zendesk, so her own membership goes to the fallback reviewer, with the reason.
    const own = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: other.id, personId: p["nadia.haddad"]!.id } });
    expect([own.reviewerPersonId, own.reviewerNote]).toEqual([p["alex.kim"]!.id, "Fallback reviewer: no app owner other than the person"]);
    await db.prisma.reviewCampaign.delete({ where: { id: other.id } });
  });
});

describe("deciding", () => {
  it("keeps with no comment when the recommendation agrees, and needs a comment otherwise", async () => {
    await decide("sam.rivera", [(await itemOf("dana.lee", "Salesforce")).id], "KEEP");
    const sofia = await itemOf("sofia.rossi", "zendesk");
    const e = await refusal(decide("nadia.haddad", [sofia.id], "KEEP"));
    expect([e.code, e.message]).toEqual(["BAD_REQUEST", "Keeping access the recommendation says to revoke needs a comment that says why"]);
    await decide("nadia.haddad", [sofia.id], "KEEP", "Back from parental leave next week");
    const kept = await itemOf("sofia.rossi", "zendesk");
    expect(kept).toMatchObject({ decision: "KEEP", comment: "Back from parental leave next week", deciderName: "Nadia Haddad", howGranted: "unexplained" });
    // Kept access no grant explained is now a grant, so the next review sees it as explained.
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: kept.grantId! }, include: { actions: true } });
    expect([grant.source, grant.status, grant.actions.map((a) => [a.kind, a.groupId])]).toEqual(["kept", "ACTIVE", [["ADD_MEMBER", g["zendesk-agents"]!.id]]]);
    expect(okta.state.isMember(g["zendesk-agents"]!.externalId, p["sofia.rossi"]!.externalId)).toBe(true);
  });

  it("refuses someone else's item, your own access, a decided item and unknown ids", async () => {
    const kai = await itemOf("kai.tanaka", "zendesk");
    expect((await refusal(decide("sam.rivera", [kai.id], "REVOKE"))).code).toBe("FORBIDDEN");
    const nadiaOwn = await itemOf("nadia.haddad", "zendesk");
    expect((await refusal(decide("nadia.haddad", [nadiaOwn.id], "KEEP", "mine"))).message).toMatch(/Nobody reviews their own access/);
    expect((await refusal(decide("sam.rivera", [(await itemOf("dana.lee", "Salesforce")).id], "REVOKE"))).code).toBe("CONFLICT");
    expect((await refusal(decide("nadia.haddad", ["not-an-item"], "REVOKE"))).code).toBe("NOT_FOUND");
    expect((await refusal(decideReviewItems(t.scope, { campaignId, itemIds: [kai.id], decision: "REVOKE", deciderPersonId: null }))).code).toBe("FORBIDDEN");
    const e = await refusal(decideReviewItems(t.scope, { campaignId, itemIds: Array.from({ length: 1001 }, (_, i) => `x${i}`), decision: "REVOKE", deciderPersonId: p["nadia.haddad"]!.id }));
    expect(e.message).toMatch(/At most 1000 items/);
    expect((await itemOf("kai.tanaka", "zendesk")).decision).toBeNull();
  });

  it("revoke removes the person from the IdP group right away and stores the read-back on the item", async () => {
    const ben = await itemOf("ben.foster", "zendesk");
    expect(okta.state.isMember(g["zendesk-agents"]!.externalId, p["ben.foster"]!.externalId)).toBe(true);
    const r = await decide("nadia.haddad", [ben.id], "REVOKE", "Left in October");
    expect(r).toMatchObject({ decided: 1, removing: 1 });
    expect(okta.state.isMember(g["zendesk-agents"]!.externalId, p["ben.foster"]!.externalId)).toBe(false);
    const after = await itemOf("ben.foster", "zendesk");
    expect(after.revocation).toBe("CONFIRMED");
    expect(after.revocationCompletedAt).not.toBeNull();
    const proof = after.readBack as { group: string; readBack: { isMember: boolean } }[];
    expect(proof).toEqual([expect.objectContaining({ group: "zendesk-agents", readBack: expect.objectContaining({ isMember: false }) })]);
    // The unexplained membership was adopted as a grant and ended through the same revocation path.
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: after.revocationGrantId! } });
    expect([grant.source, grant.status, grant.endReason]).toEqual(["import", "ENDED", "revoked: access review “Q4 customer systems review”: Left in October"]);
    expect(await db.prisma.membership.count({ where: { groupId: g["zendesk-agents"]!.id, personId: p["ben.foster"]!.id } })).toBe(0);
  });

  it("a revoke the IdP refuses stays pending until the retry confirms it", async () => {
    okta.faults.inject({ status: 500, times: Infinity, match: (m) => m === "DELETE" });
    const noah = await itemOf("noah.patel", "Salesforce");
    await decide("sam.rivera", [noah.id], "REVOKE");
    expect((await itemOf("noah.patel", "Salesforce")).revocation).toBe("PENDING");
    expect(okta.state.isMember(g["salesforce-users"]!.externalId, p["noah.patel"]!.externalId)).toBe(true);
    okta.faults.clear();
    services.clock.advance(2 * 60_000);
    await driver.drain();
    expect((await itemOf("noah.patel", "Salesforce")).revocation).toBe("CONFIRMED");
    expect(okta.state.isMember(g["salesforce-users"]!.externalId, p["noah.patel"]!.externalId)).toBe(false);
  });

  it("bulk keeps several items with one comment", async () => {
    const ids = [(await itemOf("kai.tanaka", "zendesk")).id, (await itemOf("leah.goldberg", "zendesk")).id];
    expect((await decide("nadia.haddad", ids, "KEEP", "Support rota, confirmed with the team lead")).decided).toBe(2);
    expect((await items()).filter((i) => ids.includes(i.id)).map((i) => i.decision)).toEqual(["KEEP", "KEEP"]);
  });

  it("reassigns with a reason, never to the person reviewed", async () => {
    const ivy = await itemOf("ivy.turner", "zendesk");
    const e = await refusal(reassignReviewItems(t.scope, { campaignId, itemIds: [ivy.id], toPersonId: p["ivy.turner"]!.id, reason: "She knows best", byPersonId: p["omar.aziz"]!.id, asAdmin: false }));
    expect(e.message).toMatch(/cannot review their own access/);
    expect((await refusal(reassignReviewItems(t.scope, { campaignId, itemIds: [ivy.id], toPersonId: p["nadia.haddad"]!.id, reason: "x", byPersonId: p["omar.aziz"]!.id, asAdmin: false }))).message).toMatch(/Say why you are reassigning/);
    expect((await refusal(reassignReviewItems(t.scope, { campaignId, itemIds: [ivy.id], toPersonId: p["nadia.haddad"]!.id, reason: "Not my team any more", byPersonId: p["sam.rivera"]!.id, asAdmin: false }))).code).toBe("FORBIDDEN");
    await reassignReviewItems(t.scope, { campaignId, itemIds: [ivy.id], toPersonId: p["nadia.haddad"]!.id, reason: "Not my team any more", byPersonId: p["omar.aziz"]!.id, asAdmin: false });
    expect(await itemOf("ivy.turner", "zendesk")).toMatchObject({ reviewerPersonId: p["nadia.haddad"]!.id, reassignedFromId: p["omar.aziz"]!.id, reassignReason: "Not my team any more" });
  });

  it("a non-SSO app gets a removal task; completing it records who and when", async () => {
    const ethan = await itemOf("ethan.brooks", "Legacy CRM");
    await decide("mia.schmidt", [ethan.id], "REVOKE", "Legacy CRM is being retired");
    const item = await itemOf("ethan.brooks", "Legacy CRM");
    expect(item.revocation).toBe("TASK");
    const task = await db.prisma.accessTask.findUniqueOrThrow({ where: { id: item.taskId! } });
    expect([task.kind, task.status, task.assigneePersonIds]).toEqual(["remove", "OPEN", [p["priya.shah"]!.id]]);
    expect((await refusal(completeAccessTask(t.scope, { taskId: task.id, note: "Removed the user", byPersonId: p["dana.lee"]!.id, asAdmin: false }))).code).toBe("FORBIDDEN");
    await completeAccessTask(t.scope, { taskId: task.id, note: "Deactivated ethan in Legacy CRM admin", byPersonId: p["priya.shah"]!.id, asAdmin: false });
    const done = await itemOf("ethan.brooks", "Legacy CRM");
    expect(done.revocation).toBe("CONFIRMED");
    expect(done.readBack).toMatchObject({ manual: true, completedBy: "Priya Shah", note: "Deactivated ethan in Legacy CRM admin" });
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: ethan.grantId! } })).status).toBe("ENDED");
  });
});

describe("schedule", () => {
  it("reminds pending reviewers once per reminder, then escalates overdue items to the fallback reviewer", async () => {
    const pendingReviewers = new Set((await items()).filter((i) => !i.decision).map((i) => i.reviewerPersonId));
    const reminders = () => db.prisma.notification.count({ where: { kind: "review.reminder" } });
    expect((await runReviewSchedules(services)).reminded).toBe(0);
    services.clock.advance(25 * HOUR); // 47 h before the due date: the 48 h reminder is due
    expect((await runReviewSchedules(services)).reminded).toBe(pendingReviewers.size);
    expect((await runReviewSchedules(services)).reminded).toBe(0);
    expect(await reminders()).toBe(pendingReviewers.size);
    services.clock.advance(24 * HOUR);
    expect((await runReviewSchedules(services)).reminded).toBe(pendingReviewers.size);
    services.clock.advance(24 * HOUR); // past due
    const before = (await items()).filter((i) => !i.decision);
    const { escalated } = await runReviewSchedules(services);
    expect(escalated).toBe(before.filter((i) => i.reviewerPersonId !== p["alex.kim"]!.id && i.personId !== p["alex.kim"]!.id).length);
    const after = (await items()).filter((i) => !i.decision);
    expect(after.every((i) => i.reviewerPersonId === p["alex.kim"]!.id && i.escalatedAt)).toBe(true);
    expect(after.find((i) => i.personEmail.startsWith("kai") || i.reassignedFromId)?.reassignedFromId).toBeTruthy();
    expect(await db.prisma.notification.count({ where: { kind: "review.escalated", personId: p["alex.kim"]!.id } })).toBe(1);
    expect((await runReviewSchedules(services)).escalated).toBe(0);
  });
});

describe("close and prove", () => {
  it("refuses to close until every item is decided and every revocation confirmed", async () => {
    const e = await refusal(closeCampaign(t.scope, { campaignId }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/items are not decided yet/);
    const pending = (await items()).filter((i) => !i.decision);
    const revoke = pending.filter((i) => i.recommendation === "REVOKE");
    const keep = pending.filter((i) => i.recommendation === "KEEP");
    await decide("alex.kim", revoke.map((i) => i.id), "REVOKE", "Escalated: no answer from the reviewer");
    if (keep.length) await decide("alex.kim", keep.map((i) => i.id), "KEEP");
    const { summary } = await closeCampaign(t.scope, { campaignId });
    const all = await items();
    expect(summary).toMatchObject({ items: all.length, pending: 0, revokedUnconfirmed: 0, completedOnTime: false, escalated: true });
    expect((await refusal(decide("alex.kim", [all[0]!.id], "KEEP", "late"))).message).toBe("This campaign is closed");
  });

  it("the evidence CSV has one row per item with the decision, reviewer and proof", async () => {
    const csv = await campaignEvidenceCsv(t.scope, { campaignId });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const all = await items();
    expect(rows.length).toBe(all.length);
    const ben = rows.find((r) => r["Email"]!.startsWith("ben.foster@") && r["Access"]!.startsWith("zendesk-agents"))!;
    expect(ben).toMatchObject({
      Person: "Ben Foster", "How granted": "unexplained", Recommendation: "REVOKE", Reviewer: "Nadia Haddad", Decision: "REVOKE",
      Comment: "Left in October", Revocation: "confirmed", "IdP groups": "zendesk-agents",
    });
    expect(ben["Read-back result"]).toMatch(/^zendesk-agents: not a member \(checked /);
    expect(ben["Revocation completed at"]).toMatch(/^2026-/);
    const dana = rows.find((r) => r["Email"]!.startsWith("dana.lee@"))!;
    expect(dana).toMatchObject({ Decision: "KEEP", Recommendation: "KEEP", Reviewer: "Sam Rivera", Revocation: "", "Read-back result": "" });
    expect(dana["Approved by"]).toMatch(/^Sam Rivera \(approve, web, /);
    expect(dana["How granted"]).toMatch(/^request /);
    const ethan = rows.find((r) => r["Email"]!.startsWith("ethan.brooks@") && r["Access"] === "Legacy CRM · User")!;
    expect(ethan["Read-back result"]).toMatch(/^removed by hand by Priya Shah at .*: Deactivated ethan in Legacy CRM admin$/);
    const ivy = rows.find((r) => r["Email"]!.startsWith("ivy.turner@"))!;
    expect(ivy["Reassigned / escalated"]).toBe("from Nadia Haddad: Overdue: escalated to the fallback reviewer"); // the last hand-off; the audit log keeps each one
  });

  it("the evidence download: admins and auditors only, CSV streamed and JSON with the snapshot", async () => {
    const get = (user: typeof t.admin | null, id = campaignId, format = "csv") =>
      handleCampaignEvidence(services, new Request(`http://x/api/reviews/${id}/evidence?format=${format}`), id, { user, tenantSlug: t.slug });
    expect((await get(null)).status).toBe(401);
    expect((await get(t.employee)).status).toBe(403);
    expect((await get(t.admin, "no-such-campaign")).status).toBe(404);
    expect((await get(t.admin, campaignId, "xml")).status).toBe(400);
    const csv = await get(t.auditor);
    expect([csv.status, csv.headers.get("content-type")]).toEqual([200, "text/csv; charset=utf-8"]);
    expect(await csv.text()).toBe(await campaignEvidenceCsv(t.scope, { campaignId }));
    const json = (await (await get(t.auditor, campaignId, "json")).json()) as { snapshot: PopulationSnapshot; summary: { items: number }; campaign: { name: string } };
    expect(json.campaign.name).toBe("Q4 customer systems review");
    expect(json.snapshot.items).toBe(json.summary.items);
    expect(json.snapshot.groups.map((g) => g.name).sort()).toEqual(["salesforce-users", "zendesk-agents"]);
  });

  it("pushes to Vanta: the live accounts (read back) and the evidence, submitted; a Vanta failure records nothing", async () => {
    expect((await refusal(pushCampaignToVanta(t.scope, { campaignId }))).message).toBe("Connect Vanta first (Settings → Connections)");
    await saveVantaConnection(t.scope, { kind: "VANTA", name: "Vanta", apiUrl: vanta.url, userAccountResourceId: vanta.resourceId, clientId: vanta.client.clientId, clientSecret: vanta.client.clientSecret });
    vanta.faults.inject({ status: 500, times: 5, match: "PUT /v1/resources/user_account" });
    const e = await refusal(pushCampaignToVanta(t.scope, { campaignId }));
    expect([e.code, e.message]).toEqual(["PRECONDITION_FAILED", expect.stringMatching(/^Vanta did not accept the evidence: .+ \(try again in a moment\)$/)]);
    expect((await db.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).vantaPushedAt).toBeNull();
    vanta.faults.clear();
    const pushed = await pushCampaignToVanta(t.scope, { campaignId });
    const live = await db.prisma.grant.findMany({ where: { status: "ACTIVE" }, select: { id: true } });
    expect(pushed).toMatchObject({ accounts: live.length, readBack: { missing: 0 } });
    const accounts = vanta.state.resource(vanta.resourceId)!.accounts.filter((a) => !a.deletedAt).map((a) => a.uniqueId).sort();
    expect(accounts).toEqual(live.map((x) => x.id).sort());
    // Ben's revoked access is not among them; Sofia's kept access is.
    const doc = vanta.state.document("access-reviews")!;
    expect(doc.overallStatus).toBe("OK");
    expect(vanta.state.uploadContent("access-reviews", pushed.uploads[0]!)!.toString("utf8")).toBe(await campaignEvidenceCsv(t.scope, { campaignId }));
    expect((await db.prisma.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).vantaPushedAt).not.toBeNull();
  });
});
