// The auditor portal's four answers, its search and its refusals, through the tRPC procedures the
// Evidence pages call: a real database, the sandbox Okta and Jira, real approvals, reviews and revocations.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerAs } from "../../testing/fixtures.ts";
import { revokeGrant } from "../../domain/grants/revoke-grant.ts";
import { requestAccess } from "../../domain/requests/request-access.ts";
import { decideApproval } from "../../domain/requests/decide-approval.ts";
import { createCampaign } from "../../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../../domain/reviews/launch-campaign.ts";
import { decideReviewItems } from "../../domain/reviews/decide-review-items.ts";
import { STILL_NEEDED_DAYS } from "../../domain/evidence/trace-grant.ts";
import { evidenceWorld } from "./evidence-test-world.ts";

const { db, services, t, p, g, driver, auto, managed, decided, beta, betaRequestId } = await evidenceWorld(5);
const auditor = callerAs(services, t.auditor, t.slug);
const admin = callerAs(services, t.admin, t.slug);
const employee = callerAs(services, t.employee, t.slug);
const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

// Dana's Figma grant: asked on the web, approved by Sam in Slack, added in Okta (read back), kept by Sam in
// an access review, then revoked by Alex and removed from Okta (read back).
const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: decided.id } });
const jiraKey = (await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: decided.id } })).jiraIssueKey!;
const campaign = await createCampaign(t.scope, {
  name: "Q4 Figma access review", scope: { appIds: [managed.appId] }, reviewerMode: "manager", fallbackReviewerId: p["alex.kim"]!.id,
  dueAt: new Date(services.clock.now().getTime() + 7 * 86_400_000),
});
await launchCampaign(t.scope, { campaignId: campaign.id });
const item = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, grantId: grant.id } });
await decideReviewItems(t.scope, { campaignId: campaign.id, itemIds: [item.id], decision: "KEEP", comment: "Still leads the Q4 design reviews", deciderPersonId: item.reviewerPersonId });
await revokeGrant(t.scope, { grantId: grant.id, reason: "Left the design team", channel: "web", revokerPersonId: p["alex.kim"]!.id, asAdmin: true });
await driver.drain();

describe("the grant trace", () => {
  it("answers who approved: each step with the approver, decision, comment, channel and time", async () => {
    const trace = await auditor.evidence.grant({ grantId: grant.id });
    const r = trace.approval.request!;
    expect(r).toMatchObject({ id: decided.id, jiraIssueKey: jiraKey, status: "APPROVED", autoApproved: false, source: "web", reason: "Design reviews for the Q4 launch", isExtension: false });
    expect(r.requester.displayName).toBe("Dana Lee");
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ position: 0, kind: "MANAGER", status: "APPROVED", approvers: [{ id: p["sam.rivera"]!.id, displayName: "Sam Rivera" }] });
    expect(r.steps[0]!.decisions).toEqual([
      expect.objectContaining({ decision: "APPROVE", channel: "slack", comment: 'ok, "approved" for Q4', decider: expect.objectContaining({ displayName: "Sam Rivera", email: "sam.rivera@acme.example" }) }),
    ]);
    expect(trace.approval.withoutRequest).toBeNull();
    expect(trace.holder).toMatchObject({ id: p["dana.lee"]!.id, displayName: "Dana Lee" });
  });

  it("answers what was granted: app, role, each group with its external id and the add read-back", async () => {
    const trace = await auditor.evidence.grant({ grantId: grant.id });
    expect(trace.app.name).toBe("Figma");
    expect(trace.role.name).toBe("Editor");
    expect(trace.granted.adds).toHaveLength(1);
    const add = trace.granted.adds[0]!;
    expect(add).toMatchObject({
      kind: "ADD_MEMBER", status: "SUCCEEDED", proves: true,
      group: { name: "figma-editors", externalId: g["figma-editors"]!.externalId }, groupExternalId: g["figma-editors"]!.externalId,
      personExternalId: p["dana.lee"]!.externalId,
    });
    expect(add.readBack).toMatchObject({ isMember: true, kept: false });
    expect(add.readBack!.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(trace.granted.notAdded).toEqual([]);
  });

  it("answers whether it was still needed: the 30-day mark, the holder's last sign-in, and the review it passed", async () => {
    const trace = await auditor.evidence.grant({ grantId: grant.id });
    const s = trace.stillNeeded;
    expect(s.days).toBe(STILL_NEEDED_DAYS);
    expect(s.checkpointAt!.getTime() - s.activatedAt!.getTime()).toBe(30 * 86_400_000);
    expect(s.verdict).toBe("ended-before");
    const dana = await db.prisma.person.findUniqueOrThrow({ where: { id: p["dana.lee"]!.id } });
    expect(s.holderLastLoginAt?.toISOString() ?? null).toBe(dana.lastLoginAt?.toISOString() ?? null);
    expect(s.reviews).toHaveLength(1);
    expect(s.reviews[0]).toMatchObject({
      id: item.id, via: "reviewed", campaign: { id: campaign.id, name: "Q4 Figma access review" }, decision: "KEEP",
      decidedBy: "Sam Rivera", reviewer: "Sam Rivera", comment: "Still leads the Q4 design reviews", revocation: "NONE",
    });
    expect(s.reviews[0]!.decidedAt).toBeInstanceOf(Date);
  });

  it("answers the removal: reason, who, when, and the read-back proving the membership is gone", async () => {
    const trace = await auditor.evidence.grant({ grantId: grant.id });
    expect(trace.grant.status).toBe("ENDED");
    expect(trace.removal).toMatchObject({ status: "ENDED", allProven: true });
    expect(trace.removal.endReason).toMatch(/^revoked/);
    expect(trace.removal.endReason).toContain("Left the design team");
    expect(trace.removal.endedBy).toContain("(via web)");
    expect(trace.removal.endedAt).toBeInstanceOf(Date);
    expect(trace.removal.endingAt).toBeInstanceOf(Date);
    expect(trace.removal.removes).toHaveLength(1);
    expect(trace.removal.removes[0]).toMatchObject({ kind: "REMOVE_MEMBER", status: "SUCCEEDED", proves: true, group: { name: "figma-editors" }, readBack: { isMember: false } });
  });

  it("ends with the grant's audit events, its request's and its review's, in chain order", async () => {
    const trace = await auditor.evidence.grant({ grantId: grant.id });
    const actions = trace.audit.map((e) => e.action);
    for (const a of ["request.created", "grant.created", "grant.activated", "review.decided", "grant.ending", "grant.ended"]) expect(actions).toContain(a);
    const seqs = trace.audit.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(trace.audit.every((e) => [grant.id, decided.id, item.id].includes(e.subjectId))).toBe(true);
    expect(actions.indexOf("grant.created")).toBeLessThan(actions.indexOf("grant.ended"));
  });

  it("says when the policy approved it, and when no request explains a grant", async () => {
    const autoGrant = await db.prisma.grant.findFirstOrThrow({ where: { tenantId: t.tenantId, roleId: auto.id, status: "ACTIVE" } });
    const autoTrace = await auditor.evidence.grant({ grantId: autoGrant.id });
    expect(autoTrace.approval.request).toMatchObject({ autoApproved: true, steps: [{ kind: "AUTO", status: "APPROVED", decisions: [] }] });
    expect(autoTrace.removal.status).toBe("ACTIVE");
    expect(autoTrace.removal.removes).toEqual([]);

    const imported = await t.scope.tdb.grant.create({
      data: { personId: p["zoe.martin"]!.id, roleId: managed.id, source: "import", status: "ACTIVE", activatedAt: services.clock.now() } as never,
    });
    const trace = await auditor.evidence.grant({ grantId: imported.id });
    expect(trace.approval.request).toBeNull();
    expect(trace.approval.withoutRequest).toMatch(/^Imported: .*no request explains it/);
    expect(trace.granted.adds).toEqual([]);
    expect(trace.granted.notAdded.map((x) => x.name)).toEqual(["figma-editors"]);
  });

  it("a request resolves to its grant; a denied one to its approvals alone", async () => {
    expect((await auditor.evidence.request({ requestId: decided.id })).grantId).toBe(grant.id);
    const denied = await requestAccess(t.scope, { roleId: managed.id, requesterPersonId: p["dana.lee"]!.id, reason: "Back on the design team again", source: "web" });
    await decideApproval(t.scope, { requestId: denied.id, deciderPersonId: p["sam.rivera"]!.id, decision: "DENY", comment: "Use the viewer seat", channel: "web" });
    const trace = await auditor.evidence.request({ requestId: denied.id });
    expect(trace.grantId).toBeNull();
    expect(trace.approval).toMatchObject({ status: "DENIED", autoApproved: false });
    expect(trace.approval.steps[0]!.decisions[0]).toMatchObject({ decision: "DENY", comment: "Use the viewer seat", decider: { displayName: "Sam Rivera" } });
    expect(trace.audit.map((e) => e.action)).toContain("request.created");
  });

  it("a person lists every grant they held, ended ones too, and a campaign every decision", async () => {
    const person = await auditor.evidence.person({ personId: p["dana.lee"]!.id });
    expect(person.grants.find((x) => x.id === grant.id)).toMatchObject({ status: "ENDED", app: "Figma", role: "Editor", groups: ["figma-editors"], jiraIssueKey: jiraKey });
    expect(person.otherRequests.some((r) => r.status === "DENIED")).toBe(true);
    const c = await auditor.evidence.campaign({ campaignId: campaign.id });
    expect(c.campaign.name).toBe("Q4 Figma access review");
    expect(c.items.find((i) => i.id === item.id)).toMatchObject({ decision: "KEEP", decidedBy: "Sam Rivera", grantId: grant.id });
    expect(c.counts.kept).toBeGreaterThanOrEqual(1);
  });

  it("at the 30-day mark, an active grant was still held", async () => {
    const autoGrant = await db.prisma.grant.findFirstOrThrow({ where: { tenantId: t.tenantId, roleId: auto.id, status: "ACTIVE" } });
    expect((await auditor.evidence.grant({ grantId: autoGrant.id })).stillNeeded.verdict).toBe("not-yet");
    services.clock.advance((STILL_NEEDED_DAYS + 1) * 86_400_000);
    const s = (await auditor.evidence.grant({ grantId: autoGrant.id })).stillNeeded;
    expect(s).toMatchObject({ verdict: "held", daysActive: STILL_NEEDED_DAYS + 1 });
  });
});

describe("evidence search", () => {
  it("finds a request and its grant by Jira key, exact match first", async () => {
    const r = await auditor.evidence.search({ q: jiraKey });
    expect(r.requests.rows[0]).toMatchObject({ id: decided.id, jiraIssueKey: jiraKey, grantId: grant.id, app: "Figma", role: "Editor", person: { displayName: "Dana Lee" } });
    expect(r.grants.rows[0]).toMatchObject({ id: grant.id, jiraIssueKey: jiraKey });
    expect((await auditor.evidence.search({ q: jiraKey.toLowerCase() })).requests.rows[0]!.id).toBe(decided.id);
  });

  it("finds by person (name or email), by every word, by group and by campaign name", async () => {
    const byName = await auditor.evidence.search({ q: "Dana Lee" });
    expect(byName.people.rows.map((x) => x.id)).toContain(p["dana.lee"]!.id);
    expect(byName.requests.rows.map((x) => x.id)).toContain(decided.id);
    expect(byName.grants.rows.map((x) => x.id)).toContain(grant.id);
    const both = await auditor.evidence.search({ q: "dana.lee figma" });
    expect(both.requests.rows.every((x) => x.person.displayName === "Dana Lee" && x.app === "Figma")).toBe(true);
    expect(both.requests.rows.length).toBeGreaterThan(0);
    expect((await auditor.evidence.search({ q: "figma-editors" })).grants.rows.map((x) => x.id)).toContain(grant.id);
    expect((await auditor.evidence.search({ q: "q4 figma access" })).campaigns.rows).toMatchObject([{ id: campaign.id, status: "ACTIVE" }]);
    expect((await auditor.evidence.search({ q: grant.id })).grants.rows[0]!.id).toBe(grant.id);
  });

  it("finds nothing of another tenant, and refuses an empty or oversized query", async () => {
    const r = await auditor.evidence.search({ q: "Beta dashboards" });
    expect(JSON.stringify(r)).not.toContain(betaRequestId);
    expect(await codeOf(auditor.evidence.search({ q: betaRequestId }))).toBe("OK");
    expect((await auditor.evidence.search({ q: betaRequestId })).requests.rows).toEqual([]);
    expect(await codeOf(auditor.evidence.search({ q: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(auditor.evidence.search({ q: "x".repeat(101) }))).toBe("BAD_REQUEST");
  });
});

describe("who may trace", () => {
  it("another tenant's grant, request, person or campaign is not found", async () => {
    const betaGrant = await db.prisma.grant.findFirstOrThrow({ where: { tenantId: beta.tenantId } });
    const betaPerson = await db.prisma.person.findFirstOrThrow({ where: { tenantId: beta.tenantId } });
    expect(await codeOf(auditor.evidence.grant({ grantId: betaGrant.id }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.evidence.request({ requestId: betaRequestId }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.evidence.person({ personId: betaPerson.id }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.evidence.grant({ grantId: betaGrant.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callerAs(services, beta.auditor, beta.slug).evidence.campaign({ campaignId: campaign.id }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.evidence.grant({ grantId: "no-such-grant" }))).toBe("NOT_FOUND");
  });

  it("an employee (neither auditor nor admin) is refused every evidence procedure", async () => {
    const range = { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") };
    // Each call starts only when awaited: a refusal must never sit unhandled while another is awaited.
    for (const call of [
      () => employee.evidence.search({ q: "Dana" }), () => employee.evidence.grant({ grantId: grant.id }), () => employee.evidence.request({ requestId: decided.id }),
      () => employee.evidence.person({ personId: p["dana.lee"]!.id }), () => employee.evidence.campaign({ campaignId: campaign.id }), () => employee.evidence.exportCounts(range),
    ]) expect(await codeOf(call())).toBe("FORBIDDEN");
    expect(await codeOf(callerAs(services, null, t.slug).evidence.grant({ grantId: grant.id }))).toBe("UNAUTHORIZED");
  });

  it("admins trace too; export counts follow the window and its rules", async () => {
    expect((await admin.evidence.grant({ grantId: grant.id })).grant.id).toBe(grant.id);
    const counts = await auditor.evidence.exportCounts({ from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") });
    expect(counts.requests).toBe(await db.prisma.accessRequest.count({ where: { tenantId: t.tenantId, createdAt: { gte: new Date("2026-05-01T00:00:00Z"), lt: new Date("2026-07-01T00:00:00Z") } } }));
    expect(counts.grants).toBeGreaterThan(0);
    expect(await codeOf(auditor.evidence.exportCounts({ from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-05-01T00:00:00Z") }))).toBe("BAD_REQUEST");
    expect(await codeOf(auditor.evidence.exportCounts({ from: new Date("2025-01-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") }))).toBe("BAD_REQUEST");
  });
});
