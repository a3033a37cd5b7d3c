import { beforeAll, describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { saveBundle } from "../bundles/save-bundle.ts";
import { requestAccess } from "../requests/request-access.ts";
import { createCampaign } from "../reviews/create-campaign.ts";
import { launchCampaign } from "../reviews/launch-campaign.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { forTenant } from "../services.ts";
import type { DomainError } from "../errors.ts";
import { processPersonChange } from "./process-person-change.ts";
import { processDueDates } from "./process-due-dates.ts";
import { confirmAccess } from "./confirm-access.ts";
import { revokeAccess } from "./revoke-access.ts";
import { revokeUnconfirmedAccess } from "./revoke-unconfirmed-access.ts";
import { saveLifecycleSettings } from "./save-lifecycle-settings.ts";
import { recordLeaverProofs } from "./record-leaver-proofs.ts";
import { listLifecycleEvents } from "./queries.ts";

const { db, services, okta, jira, driver, t, p } = await requestLoopWorld();
const DAY = 86_400_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
const roles: Record<string, string> = {};
const groupExt: Record<string, string> = {};

async function syncAndDrain() {
  const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
  await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
  await driver.drain();
}
const personByLogin = (login: string) => db.prisma.person.findFirstOrThrow({ where: { tenantId: t.tenantId, login } });
const eventsOf = (personId: string) => db.prisma.lifecycleEvent.findMany({ where: { tenantId: t.tenantId, personId }, orderBy: { createdAt: "asc" } });
const lifecycleIssues = () => jira.state.issues.filter((i) => i.labels.includes("lifecycle"));

async function addOktaPerson(login: string, profile: Record<string, unknown>) {
  const user = okta.state.addUser({ login, firstName: login.split(".")[0], lastName: "Newcomer", ...profile } as never);
  return user;
}

beforeAll(async () => {
  // Two teams with their own tools; groups nobody is in yet, so memberships prove what the bundles did.
  for (const name of ["platform-tools", "design-tools"]) groupExt[name] = okta.state.addGroup({ name, description: name }).id;
  await syncAndDrain();
  const groups = await db.prisma.group.findMany({ where: { tenantId: t.tenantId, name: { in: ["platform-tools", "design-tools", "salesforce-users", "zendesk-agents"] } } });
  const gid = (n: string) => groups.find((g) => g.name === n)!.id;
  const tools = await saveApp(t.scope, { name: "Team tools", riskLevel: "LOW", ownerPersonIds: [p["alex.kim"]!.id] });
  roles.platform = (await saveRole(t.scope, { appId: tools.id, name: "Platform", groupIds: [gid("platform-tools")], steps: [{ kind: "AUTO" }] })).id;
  roles.design = (await saveRole(t.scope, { appId: tools.id, name: "Design", groupIds: [gid("design-tools")], steps: [{ kind: "AUTO" }] })).id;
  const sf = await saveApp(t.scope, { name: "Salesforce", riskLevel: "HIGH", ownerPersonIds: [p["priya.shah"]!.id] });
  roles.salesforce = (await saveRole(t.scope, { appId: sf.id, name: "User", groupIds: [gid("salesforce-users")], steps: [{ kind: "AUTO" }] })).id;
  const zd = await saveApp(t.scope, { name: "Zendesk", riskLevel: "MEDIUM", ownerPersonIds: [p["nadia.haddad"]!.id] });
  roles.zendesk = (await saveRole(t.scope, { appId: zd.id, name: "Agent", groupIds: [gid("zendesk-agents")], steps: [{ kind: "MANAGER" }] })).id;
  await saveBundle(t.scope, { name: "Platform team", rules: [{ field: "department", op: "equals", value: "Platform" }], roleIds: [roles.platform] });
  await saveBundle(t.scope, { name: "Design team", rules: [{ field: "department", op: "equals", value: "Design" }], roleIds: [roles.design] });
  await driver.drain();
});

describe("baseline", () => {
  it("the first sync of a connection records everyone's values without treating them as joiners", async () => {
    const people = await db.prisma.person.count({ where: { tenantId: t.tenantId } });
    const baselined = await db.prisma.person.count({ where: { tenantId: t.tenantId, lifecycleSnapshot: { not: null as never } } });
    expect(baselined).toBe(people);
    expect(await db.prisma.lifecycleEvent.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(lifecycleIssues()).toHaveLength(0);
  });
});

let joinerId: string;
let joinerExt: string;

describe("joiner", () => {
  it("a new person gets every matching bundle, provisioned in the IdP, and one Jira issue", async () => {
    const user = await addOktaPerson("pat.joiner@acme.example", { department: "Platform", title: "Engineer", managerId: p["sam.rivera"]!.externalId });
    joinerExt = user.id;
    await syncAndDrain();
    const person = await personByLogin("pat.joiner@acme.example");
    joinerId = person.id;
    const events = await eventsOf(person.id);
    expect(events.map((e) => [e.kind, e.source])).toEqual([["JOINER", "sync"]]);
    const grant = await db.prisma.grant.findFirstOrThrow({ where: { personId: person.id, roleId: roles.platform } });
    expect([grant.source, grant.status]).toEqual(["bundle", "ACTIVE"]);
    expect(okta.state.isMember(groupExt["platform-tools"]!, user.id)).toBe(true);
    const issues = lifecycleIssues();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.summary).toBe("Onboarding: pat Newcomer");
    expect(events[0]!.ticketKey).toBe(issues[0]!.key);
  });

  it("the same change seen again (another sync, or the hook) acts once", async () => {
    await syncAndDrain();
    expect(await processPersonChange(services, { tenantId: t.tenantId, personId: joinerId, source: "hook" })).toBeNull();
    expect(await eventsOf(joinerId)).toHaveLength(1);
    expect(await db.prisma.grant.count({ where: { personId: joinerId } })).toBe(1);
    expect(lifecycleIssues()).toHaveLength(1);
  });

  it("a future start date waits until the day, when the sweep picks them up", async () => {
    const start = new Date(services.clock.now().getTime() + 3 * DAY).toISOString().slice(0, 10);
    const user = await addOktaPerson("robin.later@acme.example", { department: "Design", startDate: start });
    await syncAndDrain();
    const person = await personByLogin("robin.later@acme.example");
    expect(await eventsOf(person.id)).toHaveLength(0);
    expect(await processDueDates(services)).toMatchObject({ acted: 0 });
    services.clock.advance(4 * DAY);
    expect(await processDueDates(services)).toMatchObject({ acted: 1 });
    await driver.drain();
    expect((await eventsOf(person.id)).map((e) => e.kind)).toEqual(["JOINER"]);
    expect(okta.state.isMember(groupExt["design-tools"]!, user.id)).toBe(true);
  });
});

describe("mover", () => {
  let requestedGrantId: string;

  it("loses bundles that no longer match, gains the new ones, and requested access goes to the new manager", async () => {
    const req = await requestAccess(t.scope, { roleId: roles.salesforce, requesterPersonId: joinerId, reason: "Pipeline reviews", source: "web" });
    await driver.drain();
    requestedGrantId = (await db.prisma.grant.findFirstOrThrow({ where: { requestId: req.id } })).id;
    okta.state.updateUserProfile(joinerExt, { department: "Design", managerId: p["mia.schmidt"]!.externalId, manager: "mia.schmidt@acme.example" });
    await syncAndDrain();
    const events = await eventsOf(joinerId);
    expect(events.map((e) => e.kind)).toEqual(["JOINER", "MOVER"]);
    expect((events[1]!.changes as Record<string, unknown>).department).toEqual(["Platform", "Design"]);
    expect(okta.state.isMember(groupExt["platform-tools"]!, joinerExt)).toBe(false);
    expect(okta.state.isMember(groupExt["design-tools"]!, joinerExt)).toBe(true);
    const old = await db.prisma.grant.findFirstOrThrow({ where: { personId: joinerId, roleId: roles.platform } });
    expect(old.status).toBe("ENDED");
    const confirmations = await db.prisma.accessConfirmation.findMany({ where: { personId: joinerId } });
    expect(confirmations.map((c) => [c.grantId, c.managerPersonId, c.status])).toEqual([[requestedGrantId, p["mia.schmidt"]!.id, "PENDING"]]);
    expect(confirmations[0]!.dueAt.getTime()).toBe(services.clock.now().getTime() + 7 * DAY);
    expect(await db.prisma.notification.count({ where: { personId: p["mia.schmidt"]!.id, kind: "access.confirm" } })).toBe(1);
    const listed = await listLifecycleEvents(t.scope.tdb, { personId: joinerId });
    expect(listed.items.map((e) => e.kind)).toEqual(["MOVER", "JOINER"]);
    expect(listed.items[0]!.done).toEqual([
      "Granted Team tools · Design (bundle)", "Removed Team tools · Platform (bundle no longer matches)", "1 requested access sent to the new manager to confirm",
    ]);
    // Movers get no Jira issue of their own; processing again does nothing.
    expect(lifecycleIssues()).toHaveLength(2);
    expect(await processPersonChange(services, { tenantId: t.tenantId, personId: joinerId, source: "manual" })).toBeNull();
  });

  it("only the person asked can decide, and only in their tenant", async () => {
    const c = await db.prisma.accessConfirmation.findFirstOrThrow({ where: { personId: joinerId, status: "PENDING" } });
    expect((await refusal(confirmAccess(t.scope, { confirmationId: c.id, deciderPersonId: p["sam.rivera"]!.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(confirmAccess(t.scope, { confirmationId: c.id, deciderPersonId: null }))).code).toBe("FORBIDDEN");
    const other = forTenant(services, (await db.prisma.tenant.create({ data: { slug: "other-co", name: "Other" } })).id, { type: "cli", label: "test" });
    expect((await refusal(confirmAccess(other, { confirmationId: c.id, deciderPersonId: p["mia.schmidt"]!.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(confirmAccess(t.scope, { confirmationId: "x".repeat(500), deciderPersonId: p["mia.schmidt"]!.id }))).name).toBe("ZodError");
  });

  it("the manager confirming keeps the access, even past the due date", async () => {
    const c = await db.prisma.accessConfirmation.findFirstOrThrow({ where: { personId: joinerId, status: "PENDING" } });
    await confirmAccess(t.scope, { confirmationId: c.id, deciderPersonId: p["mia.schmidt"]!.id });
    expect((await refusal(revokeAccess(t.scope, { confirmationId: c.id, deciderPersonId: p["mia.schmidt"]!.id }))).code).toBe("CONFLICT");
    services.clock.advance(8 * DAY);
    await revokeUnconfirmedAccess(services);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: requestedGrantId } })).status).toBe("ACTIVE");
  });

  it("access nobody confirms by the due date is revoked and removed in the IdP", async () => {
    const dana = p["dana.lee"]!;
    const req = await requestAccess(t.scope, { roleId: roles.salesforce, requesterPersonId: dana.id, reason: "Customer calls", source: "web" });
    await driver.drain();
    const grant = await db.prisma.grant.findFirstOrThrow({ where: { requestId: req.id } });
    okta.state.updateUserProfile(dana.externalId, { title: "Solutions Engineer" });
    await syncAndDrain();
    expect((await eventsOf(dana.id)).map((e) => e.kind)).toEqual(["MOVER"]);
    const c = await db.prisma.accessConfirmation.findFirstOrThrow({ where: { grantId: grant.id } });
    expect(c.managerPersonId).toBe(p["sam.rivera"]!.id);
    services.clock.advance(6 * DAY);
    expect(await revokeUnconfirmedAccess(services)).toBe(0);
    services.clock.advance(2 * DAY);
    expect(await revokeUnconfirmedAccess(services)).toBe(1);
    const ended = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect([ended.status, ended.endedBy]).toEqual(["ENDED", "Mover confirmation lapsed"]);
    expect(okta.state.isMember(groupExt["salesforce-users"] ?? (await db.prisma.group.findFirstOrThrow({ where: { tenantId: t.tenantId, name: "salesforce-users" } })).externalId, dana.externalId)).toBe(false);
    expect((await db.prisma.accessConfirmation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("REVOKED");
  });
});

describe("mover without a manager", () => {
  it("asks the tenant's admins instead", async () => {
    const jordan = p["jordan.ellis"]!;
    const req = await requestAccess(t.scope, { roleId: roles.salesforce, requesterPersonId: jordan.id, reason: "Board reporting", source: "web" });
    await driver.drain();
    const grant = await db.prisma.grant.findFirstOrThrow({ where: { requestId: req.id } });
    okta.state.updateUserProfile(jordan.externalId, { title: "Executive Chair" });
    await syncAndDrain();
    const asked = await db.prisma.accessConfirmation.findMany({ where: { grantId: grant.id } });
    expect(asked.map((c) => c.managerPersonId)).toEqual([p["alex.kim"]!.id]);
    // Alex revokes: the grant ends and is removed in the IdP, with who decided as the reason.
    await revokeAccess(t.scope, { confirmationId: asked[0]!.id, deciderPersonId: p["alex.kim"]!.id, note: "Not needed as chair" });
    const ended = await db.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect([ended.status, ended.endedBy]).toEqual(["ENDED", "Alex Kim (mover confirmation)"]);
  });
});

describe("tenancy", () => {
  it("another tenant's id processes nothing", async () => {
    const other = await db.prisma.tenant.create({ data: { slug: "lifecycle-other", name: "Other" } });
    const before = await db.prisma.lifecycleEvent.count();
    okta.state.updateUserProfile(p["ava.nguyen"]!.externalId, { department: "Platform" });
    await syncAndDrain();
    const after = await db.prisma.lifecycleEvent.count();
    await db.prisma.person.update({ where: { id: p["ava.nguyen"]!.id }, data: { department: "Design" } });
    expect(await processPersonChange(services, { tenantId: other.id, personId: p["ava.nguyen"]!.id, source: "hook" })).toBeNull();
    expect(await db.prisma.lifecycleEvent.count()).toBe(after);
    expect(after).toBe(before + 1);
  });
});

describe("leaver", () => {
  it("loses everything (read back, through Okta 429/500), requests cancelled, reviews closed, suspended, one Jira issue with proof", async () => {
    await saveLifecycleSettings(t.scope, { suspendLeavers: true, moverConfirmDays: 7 });
    const campaign = await createCampaign(t.scope, {
      name: "Salesforce review", scope: { appIds: [(await db.prisma.role.findUniqueOrThrow({ where: { id: roles.salesforce } })).appId] }, reviewerMode: "manager",
      fallbackReviewerId: p["alex.kim"]!.id, dueAt: new Date(services.clock.now().getTime() + 5 * DAY),
    });
    await launchCampaign(t.scope, { campaignId: campaign.id });
    const pending = await requestAccess(t.scope, { roleId: roles.zendesk, requesterPersonId: joinerId, reason: "Help the support team", source: "web" });
    await driver.drain();
    const live = await db.prisma.grant.findMany({ where: { personId: joinerId, status: "ACTIVE" } });
    expect(live.map((g) => g.roleId).sort()).toEqual([roles.design, roles.salesforce].sort());
    const openItems = await db.prisma.reviewItem.count({ where: { campaignId: campaign.id, personId: joinerId, decision: null } });
    expect(openItems).toBe(1);

    const yesterday = new Date(services.clock.now().getTime() - DAY).toISOString().slice(0, 10);
    okta.state.updateUserProfile(joinerExt, { terminationDate: yesterday });
    // Okta rate-limits one removal and fails the other: both stay ENDING until a retry confirms them.
    okta.faults.inject({ status: 429, times: Infinity, match: (m, path) => m === "DELETE" && path.includes(groupExt["design-tools"]!) });
    okta.faults.inject({ status: 500, times: Infinity, match: (m, path) => m === "DELETE" && path.includes("/users/") });
    await syncAndDrain();
    const [, , leaver] = await eventsOf(joinerId);
    expect([leaver!.kind, leaver!.source]).toEqual(["LEAVER", "sync"]);
    expect((await db.prisma.grant.findMany({ where: { id: { in: live.map((g) => g.id) } } })).map((g) => g.status)).toEqual(["ENDING", "ENDING"]);
    expect(okta.state.isMember(groupExt["design-tools"]!, joinerExt)).toBe(true);

    okta.faults.clear();
    services.clock.advance(5 * 60_000);
    await driver.drain();
    const grants = await db.prisma.grant.findMany({ where: { id: { in: live.map((g) => g.id) } } });
    expect(grants.map((g) => [g.status, g.endedBy])).toEqual([["ENDED", "Leaver"], ["ENDED", "Leaver"]]);
    expect(okta.state.isMember(groupExt["design-tools"]!, joinerExt)).toBe(false);
    expect(okta.state.groupsOfUser(joinerExt).filter((g) => g === groupExt["design-tools"])).toEqual([]);
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("CANCELLED");
    const item = await db.prisma.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id, personId: joinerId } });
    expect([item.decision, item.comment, item.revocation]).toEqual(["REVOKE", "Left the company", "CONFIRMED"]);
    expect(okta.state.getUser(joinerExt)!.status).toBe("SUSPENDED");

    await recordLeaverProofs(services);
    await driver.drain();
    const event = await db.prisma.lifecycleEvent.findUniqueOrThrow({ where: { id: leaver!.id } });
    const outcome = event.outcome as { suspension: { status: string }; proof: unknown[]; proofCommented: boolean; requestsCancelled: string[] };
    expect(outcome.suspension.status).toBe("CONFIRMED");
    expect(outcome.proof).toHaveLength(2);
    expect(outcome.requestsCancelled).toEqual([pending.id]);
    const issue = jira.state.issues.find((i) => i.key === event.ticketKey)!;
    expect(issue.summary).toBe("Offboarding: pat Newcomer");
    expect(issue.comments).toHaveLength(1);
    expect(JSON.stringify(issue.comments[0])).toContain("Every removal is confirmed");

    // The suspension the next sync sees is the same leaver: nothing more happens.
    await syncAndDrain();
    expect(await eventsOf(joinerId)).toHaveLength(3);
    expect(lifecycleIssues().filter((i) => i.summary.startsWith("Offboarding"))).toHaveLength(1);
  });

  it("refuses settings out of range", async () => {
    expect((await refusal(saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 0 }))).name).toBe("ZodError");
    expect((await refusal(saveLifecycleSettings(t.scope, { suspendLeavers: false, moverConfirmDays: 1000 }))).name).toBe("ZodError");
  });
});
