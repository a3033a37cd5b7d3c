import { beforeAll, describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { saveMember } from "../tenants/save-member.ts";
import { requestAccess } from "./request-access.ts";
import { decideApproval } from "./decide-approval.ts";
import { cancelRequest } from "./cancel-request.ts";
import { provisionGrant } from "../grants/provision-grant.ts";
import { retryGrant } from "../grants/retry-grant.ts";
import { reconcileGrants } from "../grants/reconcile-grants.ts";
import { DomainError } from "../errors.ts";
import type { RoleInput } from "../catalog/schemas.ts";

const { db, services, okta, jira, driver, t, p, g } = await requestLoopWorld();

beforeAll(async () => {
  await saveMember(t.scope, { email: "quinn.harper@acme.example", name: "Quinn", roles: ["security"] });
});

let n = 0;
async function role(steps: RoleInput["steps"], extra: Partial<RoleInput> & { owners?: string[]; group?: string } = {}) {
  const app = await saveApp(t.scope, { name: `App ${++n}`, riskLevel: "HIGH", ownerPersonIds: (extra.owners ?? ["liam.okafor"]).map((o) => p[o]!.id) });
  const { owners: _o, group, ...rest } = extra;
  return saveRole(t.scope, { appId: app.id, name: "Role", groupIds: [g[group ?? "figma-editors"]!.id], steps, ...rest });
}
const ask = (roleId: string, who = "dana.lee", more: { beneficiary?: string; durationMinutes?: number } = {}) =>
  requestAccess(t.scope, {
    roleId, requesterPersonId: p[who]!.id, beneficiaryPersonId: more.beneficiary ? p[more.beneficiary]!.id : undefined,
    reason: "Needed for the Q4 launch work", durationMinutes: more.durationMinutes, source: "web",
  });
const decide = (requestId: string, who: string, decision: "APPROVE" | "DENY" = "APPROVE", comment?: string) =>
  decideApproval(t.scope, { requestId, deciderPersonId: p[who]!.id, decision, comment, channel: "web" });
const steps = (requestId: string) => db.prisma.approvalStep.findMany({ where: { requestId }, orderBy: { position: "asc" } });
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);

describe("routing", () => {
  it("resolves each step kind to people at request time", async () => {
    const r = await role([{ kind: "MANAGER" }, { kind: "APP_OWNER" }, { kind: "SECURITY" }, { kind: "NAMED", approverPersonId: p["paul.meyer"]!.id }]);
    const req = await ask(r.id);
    const s = await steps(req.id);
    expect(s.map((x) => [x.kind, x.status, x.approverPersonIds])).toEqual([
      ["MANAGER", "PENDING", [p["sam.rivera"]!.id]],
      ["APP_OWNER", "WAITING", [p["liam.okafor"]!.id]],
      ["SECURITY", "WAITING", [p["quinn.harper"]!.id]],
      ["NAMED", "WAITING", [p["paul.meyer"]!.id]],
    ]);
    for (const who of ["sam.rivera", "liam.okafor", "quinn.harper"]) expect((await decide(req.id, who)).status).toBe("PENDING");
    expect((await decide(req.id, "paul.meyer")).status).toBe("APPROVED");
  });

  it("auto-approves and provisions without anyone deciding", async () => {
    const r = await role([{ kind: "AUTO" }], { group: "datadog-users" });
    const req = await ask(r.id, "ava.nguyen");
    expect(req.status).toBe("APPROVED");
    await driver.drain();
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
    expect(grant.status).toBe("ACTIVE");
    expect(okta.state.isMember(g["datadog-users"]!.externalId, p["ava.nguyen"]!.externalId)).toBe(true);
  });

  it("ALL needs every approver; ANY needs one", async () => {
    const r = await role([{ kind: "APP_OWNER", mode: "ALL" }], { owners: ["liam.okafor", "isla.fraser"] });
    const req = await ask(r.id);
    expect((await decide(req.id, "liam.okafor")).status).toBe("PENDING");
    expect((await decide(req.id, "isla.fraser")).status).toBe("APPROVED");
    const any = await role([{ kind: "APP_OWNER", mode: "ANY" }], { owners: ["liam.okafor", "isla.fraser"] });
    const req2 = await ask(any.id);
    expect((await decide(req2.id, "isla.fraser")).status).toBe("APPROVED");
  });

  it("never lets people approve their own request, and records the fallback", async () => {
    // Sam asks for his report Dana: the manager step would be Sam himself → the app owner decides.
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id, "sam.rivera", { beneficiary: "dana.lee" });
    const [s] = await steps(req.id);
    expect(s!.approverPersonIds).toEqual([p["liam.okafor"]!.id]);
    expect(s!.fallback).toMatch(/app owner because the manager is the requester/);
    expect((await refusal(decide(req.id, "sam.rivera"))).code).toBe("FORBIDDEN");
    // The app owner asks for their own app: the owner step falls back to the admins.
    const own = await role([{ kind: "APP_OWNER" }], { owners: ["liam.okafor"] });
    const req2 = await ask(own.id, "liam.okafor");
    const [s2] = await steps(req2.id);
    expect(s2!.approverPersonIds).toEqual([p["alex.kim"]!.id]);
    expect(s2!.fallback).toMatch(/workspace admins/);
  });

  it("lets a manager ask for a direct report, but not for anyone else", async () => {
    const r = await role([{ kind: "APP_OWNER" }]);
    const req = await ask(r.id, "sam.rivera", { beneficiary: "noah.patel" });
    expect(req.beneficiaryPersonId).toBe(p["noah.patel"]!.id);
    expect((await refusal(ask(r.id, "sam.rivera", { beneficiary: "marcus.reed" }))).message).toMatch(/direct reports/);
    expect((await refusal(ask(r.id, "dana.lee", { beneficiary: "noah.patel" }))).code).toBe("FORBIDDEN");
  });
});

describe("request rules", () => {
  it("enforces durations on the server", async () => {
    const r = await role([{ kind: "MANAGER" }], { privileged: true, durationRequired: true, allowedDurations: [60, 360], maxDurationMinutes: 1440 });
    expect((await refusal(ask(r.id))).message).toMatch(/time-bound: choose how long/);
    expect((await refusal(ask(r.id, "dana.lee", { durationMinutes: 2880 }))).message).toMatch(/at most 1 day/);
    const ok = await ask(r.id, "dana.lee", { durationMinutes: 720 });
    expect(ok.durationMinutes).toBe(720);
  });

  it("refuses duplicates of an open request or an active grant", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "hubspot-users" });
    const req = await ask(r.id);
    expect((await refusal(ask(r.id))).message).toMatch(/already an open request/);
    await decide(req.id, "sam.rivera");
    await driver.drain();
    expect((await refusal(ask(r.id))).message).toMatch(/already has App \d+ · Role/);
  });

  it("cancels a pending request; only the people in it can", async () => {
    const r = await role([{ kind: "MANAGER" }]);
    const req = await ask(r.id);
    expect((await refusal(cancelRequest(t.scope, { requestId: req.id, personId: p["noah.patel"]!.id }))).code).toBe("NOT_FOUND");
    await cancelRequest(t.scope, { requestId: req.id, personId: p["dana.lee"]!.id });
    expect((await steps(req.id)).map((s) => s.status)).toEqual(["SKIPPED"]);
    expect((await refusal(decide(req.id, "sam.rivera"))).message).toMatch(/already cancelled/);
  });

  it("denies with a required comment; decisions are final and single", async () => {
    const r = await role([{ kind: "MANAGER" }, { kind: "APP_OWNER" }]);
    const req = await ask(r.id);
    expect((await refusal(decide(req.id, "sam.rivera", "DENY"))).message).toMatch(/Say why/);
    expect((await refusal(decide(req.id, "liam.okafor"))).message).toMatch(/waiting for step 1/);
    expect((await refusal(decide(req.id, "marcus.reed"))).message).toMatch(/not an approver/);
    await decide(req.id, "sam.rivera", "DENY", "Use the staging account instead");
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("DENIED");
    expect((await steps(req.id)).map((s) => s.status)).toEqual(["DENIED", "SKIPPED"]);
    expect((await refusal(decide(req.id, "liam.okafor"))).message).toMatch(/decisions are final/);
    const d = await db.prisma.approvalDecision.findMany({ where: { requestId: req.id } });
    expect(d.map((x) => [x.decision, x.comment, x.channel])).toEqual([["DENY", "Use the staging account instead", "web"]]);
  });

  it("decides once when the same approver clicks twice at the same moment", async () => {
    const r = await role([{ kind: "MANAGER" }, { kind: "APP_OWNER" }]);
    const req = await ask(r.id);
    const results = await Promise.allSettled([decide(req.id, "sam.rivera"), decide(req.id, "sam.rivera")]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.approvalDecision.count({ where: { requestId: req.id } })).toBe(1);
  });
});

describe("provisioning", () => {
  it("adds the person to each group, reads it back, activates with the expiry, and records it all", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "aws-prod-admin", privileged: true, durationRequired: true, allowedDurations: [360] });
    const req = await ask(r.id, "dana.lee", { durationMinutes: 360 });
    expect(okta.state.isMember(g["aws-prod-admin"]!.externalId, p["dana.lee"]!.externalId)).toBe(false);
    await decide(req.id, "sam.rivera", "APPROVE", "ok for the migration");
    await driver.drain();
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id }, include: { actions: true } });
    expect(grant.status).toBe("ACTIVE");
    expect(grant.expiresAt!.getTime() - grant.activatedAt!.getTime()).toBe(360 * 60_000);
    expect(grant.actions[0]!.readBack).toMatchObject({ isMember: true });
    expect(okta.state.isMember(g["aws-prod-admin"]!.externalId, p["dana.lee"]!.externalId)).toBe(true);
    const actions = (await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, subjectId: { in: [req.id, grant.id] } }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["request.created", "request.step.approved", "request.approved", "grant.created", "grant.activated"]);
  });

  it("waits out a 429 and retries 500s until the add is confirmed", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "github-admins" });
    const req = await ask(r.id);
    okta.faults.inject({ status: 429, times: 1, match: (m) => m === "PUT" });
    okta.faults.inject({ status: 500, times: 2, match: (m) => m === "GET" });
    await decide(req.id, "sam.rivera");
    await driver.drain();
    services.clock.advance(10 * 60_000);
    await driver.drain();
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
    expect(grant.status).toBe("ACTIVE");
    expect(okta.state.isMember(g["github-admins"]!.externalId, p["dana.lee"]!.externalId)).toBe(true);
  });

  it("fails permanently on a group the IdP refuses, visibly, and an admin can retry", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "zendesk-admins" });
    const req = await ask(r.id);
    okta.state.groups.get(g["zendesk-admins"]!.externalId)!.type = "APP_GROUP";
    await decide(req.id, "sam.rivera");
    await driver.drain();
    const failed = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id }, include: { grant: true } });
    expect(failed.status).toBe("FAILED");
    expect(failed.failureReason).toMatch(/zendesk-admins: .*(APP_GROUP|refuses|403)/i);
    expect(failed.grant!.status).toBe("FAILED");
    okta.state.groups.get(g["zendesk-admins"]!.externalId)!.type = "OKTA_GROUP";
    await retryGrant(t.scope, { grantId: failed.grant!.id });
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: failed.grant!.id } })).status).toBe("ACTIVE");
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("APPROVED");
  });

  it("a lost job is finished by the reconciler, and a second run adds nothing", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "netsuite-users" });
    const req = await ask(r.id);
    await decide(req.id, "sam.rivera");
    await db.prisma.job.deleteMany({ where: { name: "grant.provision" } }); // the process died before the job ran
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } });
    expect(grant.status).toBe("PENDING");
    expect((await reconcileGrants(services)).grants).toBeGreaterThanOrEqual(1);
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
    const puts = okta.stats.count(`PUT /api/v1/groups/{groupId}/users/{userId}`);
    expect((await provisionGrant(services, { tenantId: t.tenantId, grantId: grant.id })).outcome).toBe("skipped");
    expect(okta.stats.count(`PUT /api/v1/groups/{groupId}/users/{userId}`)).toBe(puts);
  });
});

describe("Jira record", () => {
  it("creates the issue with ADF, comments each event in order, sets the property and transitions", async () => {
    const r = await role([{ kind: "MANAGER" }, { kind: "APP_OWNER" }], { group: "1password-team" });
    const req = await ask(r.id);
    await decide(req.id, "sam.rivera", "APPROVE", "fine");
    await decide(req.id, "liam.okafor");
    await driver.drain();
    const { jiraIssueKey } = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } });
    const issue = jira.getIssue(jiraIssueKey!)!;
    expect(issue.summary).toMatch(/^Access: App \d+ · Role for Dana Lee$/);
    expect(JSON.stringify(issue.description)).toContain("1password-team");
    const texts = jira.comments(jiraIssueKey!).map((c) => JSON.stringify(c.body));
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/Approved by Sam Rivera \(step 1 of 2/);
    expect(texts[1]).toMatch(/Approved by Liam Okafor \(step 2 of 2/);
    expect(texts[2]).toMatch(/Provisioned: Dana Lee now has/);
    expect(jira.property(jiraIssueKey!, "gatehouse")).toMatchObject({ requestId: req.id, status: "ACTIVE" });
    expect(issue.status).toBe("Done");
  });

  it("never blocks access while Jira is down, and catches up once without duplicates", async () => {
    const r = await role([{ kind: "MANAGER" }], { group: "security-team" });
    jira.faults.down(true);
    const req = await ask(r.id);
    await decide(req.id, "sam.rivera");
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } })).status).toBe("ACTIVE");
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } })).jiraIssueKey).toBeNull();
    jira.faults.down(false);
    services.clock.advance(30 * 60_000);
    await reconcileGrants(services);
    await driver.drain();
    const { jiraIssueKey } = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(jiraIssueKey).toBeTruthy();
    expect(jira.comments(jiraIssueKey!)).toHaveLength(2);
    expect(await db.prisma.ticketEvent.count({ where: { requestId: req.id, status: { not: "DELIVERED" } } })).toBe(0);
  });
});
