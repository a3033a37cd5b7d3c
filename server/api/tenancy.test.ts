import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { acmeOkta, callerAs, makeServices, syncedTenant } from "../testing/fixtures.ts";
import { appRouter } from "./root.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { requestAccess } from "../domain/requests/request-access.ts";
import { decideApproval } from "../domain/requests/decide-approval.ts";
import { createApiToken } from "../domain/api-tokens/create-api-token.ts";
import { createCampaign } from "../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../domain/reviews/launch-campaign.ts";
import { detectDrift } from "../domain/drift/detect-drift.ts";
import { saveBundle } from "../domain/bundles/save-bundle.ts";
import { saveReclaimRule } from "../domain/reclaim/save-reclaim-rule.ts";

// Every procedure, called by tenant B with tenant A's ids, is refused and changes nothing in A.
// The table must name every procedure of the router: a new procedure fails this test until it is added.

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();

type Ids = { appId: string; roleId: string; connectionId: string; syncRunId: string; personId: string; groupId: string; requestId: string; grantId: string; notificationId: string; apiTokenId: string; campaignId: string; itemId: string; taskId: string; bundleId: string; findingId: string; confirmationId: string; caseId: string };
type Caller = ReturnType<typeof callerAs>;
type Case = { kind: "refused"; call: (c: Caller, a: Ids, b: Ids) => Promise<unknown> } | { kind: "listsOnlyOwn"; call: (c: Caller) => Promise<unknown> };

const oktaInput = (connectionId: string) => ({ kind: "OKTA" as const, name: "Okta", orgUrl: okta.url, authMode: "token" as const, token: okta.token, connectionId });
const appInput = { name: "Hijack", description: "", riskLevel: "LOW" as const, provisioningMode: "IDP_GROUPS" as const, ownerPersonIds: [] };
const roleInput = (appId: string, groupId: string) => ({ appId, name: "Hijack", groupIds: [groupId], steps: [{ kind: "MANAGER" as const, mode: "ANY" as const }] });

const cases: Record<string, Case> = {
  "me.get": { kind: "listsOnlyOwn", call: (c) => c.me.get() },
  "me.workspaces": { kind: "listsOnlyOwn", call: (c) => c.me.workspaces() },
  "connections.list": { kind: "listsOnlyOwn", call: (c) => c.connections.list() },
  "connections.save": { kind: "refused", call: (c, a) => c.connections.save(oktaInput(a.connectionId)) },
  "connections.test": { kind: "refused", call: (c, a) => c.connections.test({ connectionId: a.connectionId }) },
  "connections.startSync": { kind: "refused", call: (c, a) => c.connections.startSync({ connectionId: a.connectionId }) },
  "connections.syncRun": { kind: "refused", call: (c, a) => c.connections.syncRun({ syncRunId: a.syncRunId }) },
  "connections.syncRuns": { kind: "refused", call: (c, a) => c.connections.syncRuns({ connectionId: a.connectionId }) },
  "connections.saveRevokeSettings": { kind: "refused", call: (c, a) => c.connections.saveRevokeSettings({ connectionId: a.connectionId, revokeStatus: "Done", revokeLabel: null }) },
  "connections.setUpWebhook": { kind: "refused", call: (c, a) => c.connections.setUpWebhook({ connectionId: a.connectionId }) },
  "connections.setUpEventHook": { kind: "refused", call: (c, a) => c.connections.setUpEventHook({ connectionId: a.connectionId }) },
  "catalog.list": { kind: "listsOnlyOwn", call: (c) => c.catalog.list({}) },
  "catalog.app": { kind: "refused", call: (c, a) => c.catalog.app({ appId: a.appId }) },
  "catalog.saveApp": { kind: "refused", call: (c, a) => c.catalog.saveApp({ ...appInput, appId: a.appId }) },
  "catalog.deleteApp": { kind: "refused", call: (c, a) => c.catalog.deleteApp({ appId: a.appId }) },
  "catalog.saveRole": { kind: "refused", call: (c, a, b) => c.catalog.saveRole({ ...roleInput(b.appId, b.groupId), roleId: a.roleId }) },
  "catalog.deleteRole": { kind: "refused", call: (c, a) => c.catalog.deleteRole({ roleId: a.roleId }) },
  "catalog.groups": { kind: "listsOnlyOwn", call: (c) => c.catalog.groups({}) },
  "people.list": { kind: "listsOnlyOwn", call: (c) => c.people.list({}) },
  "people.get": { kind: "refused", call: (c, a) => c.people.get({ personId: a.personId }) },
  "requests.create": { kind: "refused", call: (c, a) => c.requests.create({ roleId: a.roleId, reason: "Needed for the launch" }) },
  "requests.get": { kind: "refused", call: (c, a) => c.requests.get({ requestId: a.requestId }) },
  "requests.list": { kind: "listsOnlyOwn", call: (c) => c.requests.list({ scope: "all" }) },
  "requests.cancel": { kind: "refused", call: (c, a) => c.requests.cancel({ requestId: a.requestId }) },
  "requests.decide": { kind: "refused", call: (c, a) => c.requests.decide({ requestId: a.requestId, decision: "APPROVE" }) },
  "requests.inbox": { kind: "listsOnlyOwn", call: (c) => c.requests.inbox() },
  "requests.myAccess": { kind: "listsOnlyOwn", call: (c) => c.requests.myAccess() },
  "requests.retryGrant": { kind: "refused", call: (c, a) => c.requests.retryGrant({ grantId: a.grantId }) },
  "grants.mine": { kind: "listsOnlyOwn", call: (c) => c.grants.mine() },
  "grants.ofPerson": { kind: "refused", call: (c, a) => c.grants.ofPerson({ personId: a.personId }) },
  "grants.revoke": { kind: "refused", call: (c, a) => c.grants.revoke({ grantId: a.grantId, reason: "Taking it over" }) },
  "grants.giveBack": { kind: "refused", call: (c, a) => c.grants.giveBack({ grantId: a.grantId }) },
  "notifications.list": { kind: "listsOnlyOwn", call: (c) => c.notifications.list() },
  "notifications.markRead": { kind: "refused", call: (c, a) => c.notifications.markRead({ ids: [a.notificationId] }) },
  "demo.clock": { kind: "listsOnlyOwn", call: (c) => c.demo.clock() },
  // Refused in tests either way: not the demo tenant, and the process is not in demo mode.
  "demo.advanceClock": { kind: "listsOnlyOwn", call: (c) => c.demo.advanceClock({ minutes: 60 }) },
  "settings.sso": { kind: "listsOnlyOwn", call: (c) => c.settings.sso() },
  "settings.saveSso": { kind: "listsOnlyOwn", call: (c) => c.settings.saveSso({ issuer: "http://127.0.0.1:9/", clientId: "x", clientSecret: "y" }) },
  "apiTokens.list": { kind: "listsOnlyOwn", call: (c) => c.apiTokens.list() },
  "apiTokens.create": { kind: "listsOnlyOwn", call: (c) => c.apiTokens.create({ name: "Vanta" }) },
  "apiTokens.revoke": { kind: "refused", call: (c, a) => c.apiTokens.revoke({ tokenId: a.apiTokenId }) },
  "audit.list": { kind: "listsOnlyOwn", call: (c) => c.audit.list({}) },
  "reviews.list": { kind: "listsOnlyOwn", call: (c) => c.reviews.list() },
  "reviews.get": { kind: "refused", call: (c, a) => c.reviews.get({ campaignId: a.campaignId }) },
  "reviews.items": { kind: "refused", call: (c, a) => c.reviews.items({ campaignId: a.campaignId }) },
  // With A's app and reviewer: refused as unknown ids, nothing created anywhere.
  "reviews.create": { kind: "listsOnlyOwn", call: (c) => c.reviews.create({ name: "Hijack", scope: { appIds: [aIds.appId] }, reviewerMode: "manager", fallbackReviewerId: aIds.personId, dueAt: new Date(Date.now() + 86_400_000) }) },
  "reviews.launch": { kind: "refused", call: (c, a) => c.reviews.launch({ campaignId: a.campaignId }) },
  "reviews.decide": { kind: "refused", call: (c, a) => c.reviews.decide({ campaignId: a.campaignId, itemIds: [a.itemId], decision: "REVOKE" }) },
  "reviews.reassign": { kind: "refused", call: (c, a, b) => c.reviews.reassign({ campaignId: a.campaignId, itemIds: [a.itemId], toPersonId: b.personId, reason: "Taking it over" }) },
  "reviews.importAccounts": { kind: "refused", call: (c, a) => c.reviews.importAccounts({ campaignId: a.campaignId, appId: a.appId, csv: "email\nkai.tanaka@acme.example\n" }) },
  "reviews.close": { kind: "refused", call: (c, a) => c.reviews.close({ campaignId: a.campaignId }) },
  "reviews.pushToVanta": { kind: "refused", call: (c, a) => c.reviews.pushToVanta({ campaignId: a.campaignId }) },
  "reviews.myTasks": { kind: "listsOnlyOwn", call: (c) => c.reviews.myTasks() },
  "reviews.openTasks": { kind: "listsOnlyOwn", call: (c) => c.reviews.openTasks() },
  "reviews.completeTask": { kind: "refused", call: (c, a) => c.reviews.completeTask({ taskId: a.taskId, note: "Done by hand" }) },
  // Verifies B's own chain (and appends B's "audit.verified"); A's chain is neither read nor written.
  "audit.verify": { kind: "listsOnlyOwn", call: (c) => c.audit.verify() },
  "evidence.search": { kind: "listsOnlyOwn", call: (c) => c.evidence.search({ q: "Figma" }) },
  "evidence.exportCounts": { kind: "listsOnlyOwn", call: (c) => c.evidence.exportCounts({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) }) },
  "evidence.grant": { kind: "refused", call: (c, a) => c.evidence.grant({ grantId: a.grantId }) },
  "evidence.request": { kind: "refused", call: (c, a) => c.evidence.request({ requestId: a.requestId }) },
  "evidence.person": { kind: "refused", call: (c, a) => c.evidence.person({ personId: a.personId }) },
  "evidence.campaign": { kind: "refused", call: (c, a) => c.evidence.campaign({ campaignId: a.campaignId }) },
  "drift.groups": { kind: "listsOnlyOwn", call: (c) => c.drift.groups() },
  // Filtered by A's group: B sees only its own findings (none of A's).
  "drift.findings": { kind: "listsOnlyOwn", call: (c) => c.drift.findings({ groupId: aIds.groupId }) },
  "drift.setMode": { kind: "refused", call: (c, a) => c.drift.setMode({ groupId: a.groupId, authoritative: true, confirmRemovals: 4 }) },
  "drift.adopt": { kind: "refused", call: (c, a) => c.drift.adopt({ findingId: a.findingId, reason: "Taking it over from here" }) },
  "bundles.list": { kind: "listsOnlyOwn", call: (c) => c.bundles.list() },
  "bundles.get": { kind: "refused", call: (c, a) => c.bundles.get({ bundleId: a.bundleId }) },
  "bundles.preview": { kind: "refused", call: (c, a, b) => c.bundles.preview({ id: a.bundleId, rules: [{ field: "department", op: "equals", value: "Design" }], roleIds: [b.roleId] }) },
  "bundles.save": { kind: "refused", call: (c, a, b) => c.bundles.save({ id: a.bundleId, name: "Hijack", rules: [{ field: "department", op: "equals", value: "Design" }], roleIds: [b.roleId] }) },
  "bundles.delete": { kind: "refused", call: (c, a) => c.bundles.delete({ bundleId: a.bundleId, endGrants: true }) },
  "lifecycle.events": { kind: "listsOnlyOwn", call: (c) => c.lifecycle.events({}) },
  "lifecycle.myConfirmations": { kind: "listsOnlyOwn", call: (c) => c.lifecycle.myConfirmations() },
  "lifecycle.confirm": { kind: "refused", call: (c, a) => c.lifecycle.confirm({ confirmationId: a.confirmationId }) },
  "lifecycle.revoke": { kind: "refused", call: (c, a) => c.lifecycle.revoke({ confirmationId: a.confirmationId }) },
  "lifecycle.settings": { kind: "listsOnlyOwn", call: (c) => c.lifecycle.settings() },
  "lifecycle.saveSettings": { kind: "listsOnlyOwn", call: (c) => c.lifecycle.saveSettings({ suspendLeavers: true, moverConfirmDays: 3 }) },
  "reclaim.rules": { kind: "listsOnlyOwn", call: (c) => c.reclaim.rules() },
  "reclaim.cases": { kind: "listsOnlyOwn", call: (c) => c.reclaim.cases({ status: "NOTIFIED" }) },
  "reclaim.counts": { kind: "listsOnlyOwn", call: (c) => c.reclaim.counts() },
  "reclaim.recovered": { kind: "listsOnlyOwn", call: (c) => c.reclaim.recovered() },
  "reclaim.myNotices": { kind: "listsOnlyOwn", call: (c) => c.reclaim.myNotices() },
  "reclaim.saveRule": { kind: "refused", call: (c, a) => c.reclaim.saveRule({ appId: a.appId, inactivityDays: 1, graceDays: 0 }) },
  "reclaim.keep": { kind: "refused", call: (c, a) => c.reclaim.keep({ caseId: a.caseId, reason: "Taking it over" }) },
  // Runs B's own Auto Reclaim; A's grants and cases are not read or touched.
  "reclaim.runNow": { kind: "listsOnlyOwn", call: (c) => c.reclaim.runNow() },
};

async function idsOf(tenant: Awaited<ReturnType<typeof syncedTenant>>): Promise<Ids> {
  const t = tenant.scope.tdb;
  const group = await t.group.findFirstOrThrow({ where: { name: "figma-editors" } });
  const person = await t.person.findFirstOrThrow({ where: { login: { startsWith: "zoe.martin" } } });
  const app = await saveApp(tenant.scope, { name: "Figma", ownerPersonIds: [person.id] });
  const role = await saveRole(tenant.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
  // Zoe asks; her manager Mia approves: a request with a grant in this tenant.
  const mia = await t.person.findFirstOrThrow({ where: { login: { startsWith: "mia.schmidt" } } });
  const request = await requestAccess(tenant.scope, { roleId: role.id, requesterPersonId: person.id, reason: "Design reviews for Q4", source: "web" });
  await decideApproval(tenant.scope, { requestId: request.id, deciderPersonId: mia.id, decision: "APPROVE", channel: "web" });
  const grant = await t.grant.findFirstOrThrow({ where: { requestId: request.id } });
  const notification = await t.notification.findFirstOrThrow({ where: { requestId: request.id } });
  const apiToken = await createApiToken(tenant.scope, { name: "GRC pull" });
  const alex = await t.person.findFirstOrThrow({ where: { login: { startsWith: "alex.kim" } } });
  const campaign = await createCampaign(tenant.scope, { name: "Figma review", scope: { appIds: [app.id] }, reviewerMode: "manager", fallbackReviewerId: alex.id, dueAt: new Date(Date.now() + 7 * 86_400_000) });
  await launchCampaign(tenant.scope, { campaignId: campaign.id });
  const item = await t.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id } });
  // Figma's members other than Zoe are unexplained: drift findings in this tenant.
  await detectDrift(services, { tenantId: tenant.tenantId, connectionId: tenant.connectionId });
  const finding = await t.driftFinding.findFirstOrThrow({ where: { groupId: group.id, status: "OPEN" } });
  const bundle = await saveBundle(tenant.scope, { name: "Design baseline", rules: [{ field: "department", op: "equals", value: "Marketing" }], roleIds: [role.id] });
  const task = await t.accessTask.create({ data: { kind: "remove", appId: app.id, personId: person.id, assigneePersonIds: [mia.id], title: "Remove Zoe", detail: "By hand" } as never });
  // Zoe moved: her manager Mia is asked to confirm the access she had asked for.
  const confirmation = await t.accessConfirmation.create({ data: { grantId: grant.id, personId: person.id, managerPersonId: mia.id, dueAt: new Date(Date.now() + 7 * 86_400_000) } as never });
  // Zoe's Figma access looks unused: an open Auto Reclaim notice in this tenant.
  await saveReclaimRule(tenant.scope, { appId: app.id });
  const reclaimCase = await t.reclaimCase.create({ data: { grantId: grant.id, personId: person.id, appId: app.id, roleId: role.id, status: "NOTIFIED", lastUseSource: "last_login", notifiedAt: new Date(), graceEndsAt: new Date(Date.now() + 7 * 86_400_000) } as never });
  return {
    caseId: reclaimCase.id,
    confirmationId: confirmation.id,
    campaignId: campaign.id, itemId: item.id, taskId: task.id, findingId: finding.id, bundleId: bundle.id,
    appId: app.id, roleId: role.id, connectionId: tenant.connectionId, syncRunId: tenant.syncRunId, personId: person.id, groupId: group.id,
    requestId: request.id, grantId: grant.id, notificationId: notification.id, apiTokenId: apiToken.id,
  };
}

/** Everything tenant A owns, as one comparable value. */
async function fingerprint(tenantId: string) {
  const where = { where: { tenantId } };
  const [apps, roles, conns, runs, people, groups, members, audit, grants, notices, tokens, campaigns, items, tasks, bundles, drift, groupModes, confirmations, lifecycleSettings, reclaimRules, reclaimCases] = await Promise.all([
    db.prisma.app.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.role.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.connection.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.syncRun.count(where),
    db.prisma.person.count(where),
    db.prisma.group.count(where),
    db.prisma.membership.count(where),
    db.prisma.auditEvent.count(where),
    db.prisma.grant.findMany({ ...where, orderBy: { id: "asc" }, select: { id: true, status: true, expiresAt: true, endReason: true } }),
    db.prisma.notification.findMany({ ...where, orderBy: { id: "asc" }, select: { id: true, readAt: true } }),
    db.prisma.apiToken.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.reviewCampaign.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.reviewItem.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.accessTask.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.bundle.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.driftFinding.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.group.findMany({ ...where, orderBy: { id: "asc" }, select: { id: true, authoritative: true } }),
    db.prisma.accessConfirmation.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { suspendLeavers: true, moverConfirmDays: true } }),
    db.prisma.reclaimRule.findMany({ ...where, orderBy: { id: "asc" } }),
    db.prisma.reclaimCase.findMany({ ...where, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ apps, roles, conns, runs, people, groups, members, audit, grants, notices, tokens, campaigns, items, tasks, bundles, drift, groupModes, confirmations, lifecycleSettings, reclaimRules, reclaimCases });
}

let a: Awaited<ReturnType<typeof syncedTenant>>;
let b: Awaited<ReturnType<typeof syncedTenant>>;
let aIds: Ids;
let bIds: Ids;

beforeAll(async () => {
  a = await syncedTenant(services, "tenant-a", okta);
  b = await syncedTenant(services, "tenant-b", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
  aIds = await idsOf(a);
  bIds = await idsOf(b);
});

const procedures = Object.keys(appRouter._def.procedures);

describe("tenancy", () => {
  it("has a case for every procedure of the router", () => {
    expect(procedures.sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [path, c] of Object.entries(cases)) {
    it(`${path}: tenant B's admin cannot reach tenant A's data`, async () => {
      const before = await fingerprint(a.tenantId);
      const caller = callerAs(services, b.admin, b.slug);
      if (c.kind === "refused") {
        const err = await c.call(caller, aIds, bIds).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(TRPCError);
        expect(["NOT_FOUND", "FORBIDDEN"]).toContain((err as TRPCError).code);
      } else {
        // Acting on one's own tenant may succeed or fail (saveSso cannot reach port 9); either way A is untouched.
        const out = JSON.stringify(await c.call(caller).catch((e: Error) => e.message));
        for (const id of Object.values(aIds)) expect(out).not.toContain(id);
        expect(out).not.toContain(a.tenantId);
      }
      expect(await fingerprint(a.tenantId)).toBe(before);
    });
  }

  it("asking for tenant A by slug as a non-member is refused", async () => {
    const err = await callerAs(services, b.admin, a.slug).catalog.list({}).catch((e) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
  });

  it("role mapping refuses another tenant's groups and owners", async () => {
    const err = await callerAs(services, b.admin, b.slug).catalog.saveRole(roleInput(bIds.appId, aIds.groupId)).catch((e) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    const err2 = await callerAs(services, b.admin, b.slug).catalog.saveApp({ ...appInput, ownerPersonIds: [aIds.personId] }).catch((e) => e);
    expect((err2 as TRPCError).code).toBe("BAD_REQUEST");
  });
});

describe("roles", () => {
  const adminOnly = [
    "connections.list", "connections.save", "connections.test", "connections.startSync", "connections.syncRun", "connections.syncRuns", "connections.setUpEventHook",
    "catalog.saveApp", "catalog.deleteApp", "catalog.saveRole", "catalog.deleteRole", "catalog.groups", "settings.sso", "settings.saveSso",
    "requests.retryGrant", "demo.advanceClock", "apiTokens.list", "apiTokens.create", "apiTokens.revoke",
    "reviews.create", "reviews.launch", "reviews.close", "reviews.pushToVanta",
    "drift.setMode", "drift.adopt",
    "bundles.save", "bundles.delete", "bundles.preview",
    "reclaim.saveRule", "reclaim.runNow",
  ];

  it("every admin-only procedure is a procedure of the router", () => {
    for (const p of adminOnly) expect(procedures).toContain(p);
  });

  for (const path of adminOnly) {
    it(`${path}: employees and auditors are refused, nothing changes`, async () => {
      const c = cases[path]!;
      const before = await fingerprint(a.tenantId);
      for (const user of [a.employee, a.auditor]) {
        const caller = callerAs(services, user, a.slug);
        const err = await (c.kind === "refused" ? c.call(caller, aIds, aIds) : c.call(caller)).then(() => null, (e: unknown) => e);
        expect((err as TRPCError).code).toBe("FORBIDDEN");
      }
      expect(await fingerprint(a.tenantId)).toBe(before);
    });
  }

  it("an employee cannot read the directory but can read themselves", async () => {
    const caller = callerAs(services, a.employee, a.slug);
    expect(((await caller.people.list({}).catch((e) => e)) as TRPCError).code).toBe("FORBIDDEN");
    const me = await caller.me.get();
    const self = await caller.people.get({ personId: me.membership.personId! });
    expect(self.email).toBe(a.employee.email);
    expect(((await caller.people.get({ personId: aIds.personId }).catch((e) => e)) as TRPCError).code).toBe("NOT_FOUND");
  });

  it("an employee cannot read someone else's request or decide without being its approver", async () => {
    const dana = callerAs(services, a.employee, a.slug);
    expect(((await dana.requests.get({ requestId: aIds.requestId }).catch((e) => e)) as TRPCError).code).toBe("NOT_FOUND");
    const mine = await dana.requests.list({ scope: "all" });
    expect(mine.requests.map((r) => r.id)).not.toContain(aIds.requestId);
    const denied = await dana.requests.decide({ requestId: aIds.requestId, decision: "DENY", comment: "not mine to decide" }).catch((e) => e);
    expect(["FORBIDDEN", "CONFLICT"]).toContain((denied as TRPCError).code);
    const bad = await dana.requests.create({ roleId: aIds.roleId, reason: "short" }).catch((e) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toMatch(/at least 10 characters/);
    const huge = await dana.requests.create({ roleId: aIds.roleId, reason: "x".repeat(5000) }).catch((e) => e);
    expect((huge as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("the audit log: employees are refused; auditors and admins list and verify their own tenant's chain", async () => {
    const before = await fingerprint(a.tenantId);
    const dana = callerAs(services, a.employee, a.slug);
    expect(((await dana.audit.list({}).catch((e) => e)) as TRPCError).code).toBe("FORBIDDEN");
    expect(((await dana.audit.verify().catch((e) => e)) as TRPCError).code).toBe("FORBIDDEN");
    expect(await fingerprint(a.tenantId)).toBe(before);
    for (const user of [a.auditor, a.admin]) {
      const caller = callerAs(services, user, a.slug);
      expect(await caller.audit.verify()).toMatchObject({ ok: true, firstBroken: null });
      const list = await caller.audit.list({ action: "audit.verified", limit: 1 });
      expect(list.events[0]).toMatchObject({ actorLabel: user.email, subjectId: a.tenantId });
    }
  });

  it("the auditor reads the directory and catalog", async () => {
    const caller = callerAs(services, a.auditor, a.slug);
    expect((await caller.people.list({})).total).toBeGreaterThan(50);
    expect((await caller.catalog.list({})).map((x) => x.id)).toContain(aIds.appId);
  });

  it("signed-out callers are refused everywhere", async () => {
    const caller = callerAs(services, null, a.slug);
    for (const [path, c] of Object.entries(cases)) {
      const err = await (c.kind === "refused" ? c.call(caller, aIds, aIds) : c.call(caller)).then(() => null, (e: unknown) => e);
      expect((err as TRPCError).code, path).toBe("UNAUTHORIZED");
    }
  });
});
