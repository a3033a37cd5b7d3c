// Issue 7 point 4: what works on Okta works on Entra ID, Google Workspace and SCIM 2.0, through the same
// connector interface. For each kind, against its sandbox with a real database and the local job driver:
// expiry with read-back, joiners/movers/leavers (suspension read back), drift (unmanaged groups never
// touched), reclaim on the directory's last sign-in (SCIM has none: flagged, never reclaimed), the
// directory throttling and failing during a removal, and the Okta-only event hook refused.

import { describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { makeServices } from "../../testing/fixtures.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { saveBundle } from "../bundles/save-bundle.ts";
import { requestAccess } from "../requests/request-access.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { forTenant, type TenantScope } from "../services.ts";
import type { DomainError } from "../errors.ts";
import { saveLifecycleSettings } from "../lifecycle/save-lifecycle-settings.ts";
import { processPersonChange } from "../lifecycle/process-person-change.ts";
import { listLifecycleEvents } from "../lifecycle/queries.ts";
import { setGroupDriftMode } from "../drift/set-group-drift-mode.ts";
import { saveReclaimRule } from "../reclaim/save-reclaim-rule.ts";
import { runReclaim } from "../reclaim/run-reclaim.ts";
import { listReclaimCases } from "../reclaim/queries.ts";
import { setUpOktaEventHook } from "../lifecycle-hooks/set-up-okta-event-hook.ts";
import { saveConnection } from "./save-connection.ts";
import { createCampaign } from "../reviews/create-campaign.ts";
import { launchCampaign } from "../reviews/launch-campaign.ts";
import { decideReviewItems } from "../reviews/decide-review-items.ts";
import { startFeatureDirectory, type FeatureDirectory, type FeatureKind } from "./directory-world.ts";

const db = await testDatabase();
const services = makeServices(db);
const driver = new LocalJobDriver(services, jobDefinitions);
const MINUTE = 60_000;
const DAY = 86_400_000;
const clock = () => services.clock.now();
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);

const people = [
  "lena.lead:Management", "ada.platform:Platform", "dee.leaver:Platform", "eve.ending:Sales", "tim.expiry:Sales", "rae.retry:Sales",
  "fay.drift:Sales", "ben.kept:Sales", "gus.idle:Sales", "ivy.back:Sales", "hal.never:Sales",
].map((x) => ({ login: `${x.split(":")[0]}@example.com`, department: x.split(":")[1]!, manager: x.startsWith("lena") ? undefined : "lena.lead@example.com" }));
const directories: FeatureDirectory[] = [];
for (const kind of ["ENTRA", "GOOGLE", "SCIM"] as FeatureKind[]) directories.push(await startFeatureDirectory(kind, people, clock));

describe.each(directories)("$kind", (dir) => {
  let scope: TenantScope;
  let tenantId: string;
  let connectionId: string;
  const groupIds: Record<string, string> = {};
  const login = (name: string) => `${name}@example.com`;
  const person = (name: string) => db.prisma.person.findFirstOrThrow({ where: { tenantId, login: login(name) } });
  const inDir = (group: string, name: string) => dir.isMember(group, login(name));

  async function syncAndDrain() {
    services.clock.advance(MINUTE);
    const { run } = await startSync(scope, { connectionId, trigger: "manual" });
    const done = await runSync(services, { tenantId, syncRunId: run.id });
    expect(done).toMatchObject({ status: "SUCCEEDED" });
    await driver.drain();
  }
  let n = 0;
  /** An app with one auto-approved role on `group`. */
  async function role(group: string, opts: { externalAppId?: string } = {}) {
    const app = await saveApp(scope, { name: `${dir.kind} app ${++n}`, riskLevel: "LOW", ...opts });
    return saveRole(scope, { appId: app.id, name: "User", groupIds: [groupIds[group]!], steps: [{ kind: "AUTO" }] });
  }
  async function granted(roleId: string, name: string, durationMinutes?: number) {
    const p = await person(name);
    const req = await requestAccess(scope, { roleId, requesterPersonId: p.id, reason: "Needed for the quarter's work", durationMinutes, source: "web" });
    await driver.drain();
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id }, include: { actions: true } });
    expect(grant.status).toBe("ACTIVE");
    expect(grant.actions.find((a) => a.kind === "ADD_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: true }) });
    return grant;
  }
  const grantOf = (id: string) => db.prisma.grant.findUniqueOrThrow({ where: { id }, include: { actions: true } });
  const removalOf = async (grantId: string) => (await grantOf(grantId)).actions.find((a) => a.kind === "REMOVE_MEMBER");

  it("connects and syncs the directory (baseline), groups it cannot change marked unmanaged", async () => {
    const tenant = await createTenant(services, { type: "cli", label: "test" }, { slug: `feat-${dir.kind.toLowerCase()}`, name: dir.kind, adminEmail: `it@${dir.kind.toLowerCase()}.example` });
    tenantId = tenant.id;
    scope = forTenant(services, tenantId, { type: "user", label: "IT admin" });
    connectionId = (await saveConnection(scope, dir.input)).connection.id;
    await syncAndDrain();
    for (const g of await db.prisma.group.findMany({ where: { tenantId } })) groupIds[g.name] = g.id;
    const unmanaged = await db.prisma.group.findMany({ where: { tenantId, managed: false }, orderBy: { name: "asc" } });
    expect(unmanaged.map((g) => g.name)).toEqual([...dir.unmanagedGroups].sort());
    expect(await db.prisma.person.count({ where: { tenantId, lifecycleSnapshot: { not: null as never } } })).toBe(people.length);
    expect(await db.prisma.lifecycleEvent.count({ where: { tenantId } })).toBe(0);
  });

  it("the Okta event hook is not offered: the periodic sync is how changes arrive", async () => {
    const e = await refusal(setUpOktaEventHook(scope, { connectionId }, { publicBaseUrl: "http://127.0.0.1:1" }));
    expect([e.code, e.message]).toEqual(["BAD_REQUEST", "Only an Okta connection has an event hook"]);
    const c = await db.prisma.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(c.webhookSecretCipher).toBeNull();
  });

  describe("expiry", () => {
    it("a time-bound grant ends on time: removed from the group, read back in the directory, recorded", async () => {
      const r = await role("figma-editors");
      const grant = await granted(r.id, "tim.expiry", 60);
      expect(inDir("figma-editors", "tim.expiry")).toBe(true);
      services.clock.advance(59 * MINUTE);
      await driver.drain();
      expect((await grantOf(grant.id)).status).toBe("ACTIVE");
      expect(inDir("figma-editors", "tim.expiry")).toBe(true);

      services.clock.advance(MINUTE);
      await driver.drain();
      const ended = await grantOf(grant.id);
      expect([ended.status, ended.endReason]).toEqual(["ENDED", "expired"]);
      const removal = await removalOf(grant.id);
      expect(removal).toMatchObject({ status: "SUCCEEDED", groupExternalId: dir.groupId("figma-editors"), personExternalId: dir.userId(login("tim.expiry")) });
      expect(removal!.readBack).toMatchObject({ isMember: false, detail: expect.stringContaining(dir.userId(login("tim.expiry"))) });
      expect(inDir("figma-editors", "tim.expiry")).toBe(false);
      expect(await db.prisma.membership.count({ where: { groupId: groupIds["figma-editors"], personId: ended.personId } })).toBe(0);
      const audit = (await db.prisma.auditEvent.findMany({ where: { tenantId, subjectId: grant.id }, orderBy: { seq: "asc" } })).map((a) => a.action);
      expect(audit).toEqual(expect.arrayContaining(["grant.created", "grant.activated", "grant.ending", "grant.ended"]));
      // The next sync does not bring it back.
      await syncAndDrain();
      expect(inDir("figma-editors", "tim.expiry")).toBe(false);
    });
  });

  describe("the directory throttling and failing during a removal", () => {
    it("429 then success: the removal waits out Retry-After and finishes in the same pass", async () => {
      const r = await role("figma-editors");
      const grant = await granted(r.id, "rae.retry", 60);
      const before = dir.removalRequests();
      dir.failRemovals(429, 1);
      services.clock.advance(60 * MINUTE);
      await driver.drain();
      expect(dir.pendingFaults()).toBe(0);
      expect(dir.removalRequests() - before).toBe(2);
      expect((await grantOf(grant.id)).status).toBe("ENDED");
      expect(await removalOf(grant.id)).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
      expect(inDir("figma-editors", "rae.retry")).toBe(false);
    });

    it("500 on every try: the grant stays ENDING with the error, and the retry finishes once the directory answers", async () => {
      const r = await role("figma-editors");
      const grant = await granted(r.id, "rae.retry", 60);
      dir.failRemovals(500, Infinity);
      services.clock.advance(60 * MINUTE);
      await driver.drain();
      expect((await grantOf(grant.id)).status).toBe("ENDING");
      const pending = await removalOf(grant.id);
      expect(pending).toMatchObject({ status: "PENDING", readBack: null });
      expect(pending!.lastError).toBeTruthy();
      expect(inDir("figma-editors", "rae.retry")).toBe(true);

      dir.clearFaults();
      services.clock.advance(5 * MINUTE);
      await driver.drain();
      expect((await grantOf(grant.id)).status).toBe("ENDED");
      expect(await removalOf(grant.id)).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
      expect(inDir("figma-editors", "rae.retry")).toBe(false);
    });
  });

  describe("lifecycle", () => {
    const roles: Record<string, string> = {};

    it("bundles grant by department; a mover's bundle access follows the new department, and what they asked for goes to their manager", async () => {
      await saveLifecycleSettings(scope, { suspendLeavers: true, moverConfirmDays: 7 });
      roles.platform = (await role("platform-tools")).id;
      roles.design = (await role("design-tools")).id;
      await saveBundle(scope, { name: "Platform team", rules: [{ field: "department", op: "equals", value: "Platform" }], roleIds: [roles.platform] });
      await saveBundle(scope, { name: "Design team", rules: [{ field: "department", op: "equals", value: "Design" }], roleIds: [roles.design] });
      await driver.drain();
      expect(inDir("platform-tools", "ada.platform")).toBe(true);
      expect(inDir("platform-tools", "dee.leaver")).toBe(true);
      expect(inDir("design-tools", "ada.platform")).toBe(false);
      const asked = await granted((await role("crm-users")).id, "ada.platform");

      dir.setDepartment(login("ada.platform"), "Design");
      await syncAndDrain();
      const ada = await person("ada.platform");
      const events = await db.prisma.lifecycleEvent.findMany({ where: { personId: ada.id } });
      expect(events.map((e) => [e.kind, e.source])).toEqual([["MOVER", "sync"]]);
      expect((events[0]!.changes as Record<string, unknown>).department).toEqual(["Platform", "Design"]);
      const grants = await db.prisma.grant.findMany({ where: { personId: ada.id }, include: { actions: true } });
      const old = grants.find((g) => g.roleId === roles.platform)!;
      const fresh = grants.find((g) => g.roleId === roles.design)!;
      expect([old.status, fresh.status, fresh.source]).toEqual(["ENDED", "ACTIVE", "bundle"]);
      expect(old.actions.find((a) => a.kind === "REMOVE_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
      expect(fresh.actions.find((a) => a.kind === "ADD_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: true }) });
      expect(inDir("platform-tools", "ada.platform")).toBe(false);
      expect(inDir("design-tools", "ada.platform")).toBe(true);
      // The manager the directory names (an id in Entra and SCIM, an email in Google) is asked to confirm.
      const lena = await person("lena.lead");
      expect(ada.managerId).toBe(lena.id);
      const confirmations = await db.prisma.accessConfirmation.findMany({ where: { personId: ada.id } });
      expect(confirmations.map((c) => [c.grantId, c.managerPersonId, c.status])).toEqual([[asked.id, lena.id, "PENDING"]]);
    });

    it("a leaver disabled in the directory loses every grant (read back); the account is already off, so nothing is suspended twice", async () => {
      const dee = await person("dee.leaver");
      const figma = await granted((await role("figma-editors")).id, "dee.leaver");
      const suspendsBefore = dir.requestLines().filter((l) => /^(PATCH|PUT) /.test(l) && l.includes(dir.userId(login("dee.leaver")))).length;
      dir.disable(login("dee.leaver"));
      await syncAndDrain();
      const [leaver, ...more] = await db.prisma.lifecycleEvent.findMany({ where: { personId: dee.id } });
      expect(more).toEqual([]);
      expect([leaver!.kind, leaver!.source]).toEqual(["LEAVER", "sync"]);
      const grants = await db.prisma.grant.findMany({ where: { personId: dee.id }, include: { actions: true }, orderBy: { createdAt: "asc" } });
      expect(grants.map((g) => [g.status, g.endedBy])).toEqual([["ENDED", "Leaver"], ["ENDED", "Leaver"]]);
      for (const g of grants) expect(g.actions.find((a) => a.kind === "REMOVE_MEMBER")).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
      expect(inDir("platform-tools", "dee.leaver")).toBe(false);
      expect(inDir("figma-editors", "dee.leaver")).toBe(false);
      expect(grants.map((g) => g.id)).toContain(figma.id);
      expect((leaver!.outcome as { suspension: unknown }).suspension).toEqual({ status: "NOT_NEEDED", detail: "already SUSPENDED in the IdP" });
      expect(dir.isDisabled(login("dee.leaver"))).toBe(true);
      const suspendsAfter = dir.requestLines().filter((l) => /^(PATCH|PUT) /.test(l) && l.includes(dir.userId(login("dee.leaver")))).length;
      expect(suspendsAfter).toBe(suspendsBefore);
      const listed = await listLifecycleEvents(scope.tdb, { personId: dee.id });
      expect(listed.items[0]!.done).toContain(`Account in ${dir.input.name}: not needed`);
      // Seen again, nothing more happens.
      await syncAndDrain();
      expect(await db.prisma.lifecycleEvent.count({ where: { personId: dee.id } })).toBe(1);
    });

    it("a leaver by end date: the tenant's suspension disables the account in the directory, read back as proof", async () => {
      const eve = await person("eve.ending");
      const wiki = await granted((await role("wiki-users")).id, "eve.ending");
      const yesterday = new Date(services.clock.now().getTime() - DAY).toISOString();
      if (dir.setLeaveDate) {
        // Entra carries the HR leave date (employeeLeaveDateTime): the sync sees it.
        dir.setLeaveDate(login("eve.ending"), yesterday);
        await syncAndDrain();
      } else {
        // Google and SCIM carry no end date: one recorded on the person (as an HR import would) makes the leaver.
        await db.prisma.person.update({ where: { id: eve.id }, data: { terminationDate: new Date(yesterday) } });
        expect(await processPersonChange(services, { tenantId, personId: eve.id, source: "manual" })).toMatchObject({ kind: "LEAVER" });
        await driver.drain();
      }
      expect(dir.isDisabled(login("eve.ending"))).toBe(true);
      const [event] = await db.prisma.lifecycleEvent.findMany({ where: { personId: eve.id } });
      const suspension = (event!.outcome as { suspension: { status: string; readBack: { status: string; detail: string } } }).suspension;
      expect(suspension.status).toBe("CONFIRMED");
      expect(suspension.readBack).toMatchObject({ status: "SUSPENDED", detail: expect.stringContaining(dir.userId(login("eve.ending"))) });
      expect(await grantOf(wiki.id)).toMatchObject({ status: "ENDED", endedBy: "Leaver" });
      expect(inDir("wiki-users", "eve.ending")).toBe(false);
      const listed = await listLifecycleEvents(scope.tdb, { personId: eve.id });
      expect(listed.items[0]!.done).toContain(`Account in ${dir.input.name}: confirmed`);
      // The suspension the next sync reads is the same leaver.
      await syncAndDrain();
      expect(await db.prisma.lifecycleEvent.count({ where: { personId: eve.id } })).toBe(1);
    });
  });

  describe("drift", () => {
    it("finds a member added by hand to a managed group behind a role; unmanaged groups are never looked at", async () => {
      await granted((await role("crm-users")).id, "ben.kept");
      dir.addMemberByHand("crm-users", login("fay.drift"));
      for (const g of dir.unmanagedGroups) dir.addMemberByHand(g, login("fay.drift"));
      await syncAndDrain();
      const findings = await db.prisma.driftFinding.findMany({ where: { tenantId } });
      const fay = await person("fay.drift");
      expect(findings.map((f) => [f.groupId, f.personId, f.status])).toEqual([[groupIds["crm-users"], fay.id, "OPEN"]]);
      // No audit log to ask who added them: left unknown.
      expect(findings[0]).toMatchObject({ addedBy: null, addedAt: null });
    });

    it("an unmanaged group cannot back a role nor be made authoritative", async () => {
      for (const name of dir.unmanagedGroups) {
        const app = await saveApp(scope, { name: `${dir.kind} unmanaged ${name}` });
        expect((await refusal(saveRole(scope, { appId: app.id, name: "User", groupIds: [groupIds[name]!], steps: [{ kind: "AUTO" }] }))).message).toMatch(/cannot be changed through the IdP's API/);
        const e = await refusal(setGroupDriftMode(scope, { groupId: groupIds[name]!, authoritative: true, confirmRemovals: 1 }));
        expect([e.code, e.message]).toEqual(["BAD_REQUEST", expect.stringMatching(/is not managed by Gatehouse .*: its members are never changed/)]);
      }
    });

    it("authoritative removes the unexplained member from the directory with a read-back; explained and unmanaged memberships stay", async () => {
      const crm = groupIds["crm-users"]!;
      expect((await refusal(setGroupDriftMode(scope, { groupId: crm, authoritative: true }))).code).toBe("PRECONDITION_FAILED");
      expect(inDir("crm-users", "fay.drift")).toBe(true);
      expect(await setGroupDriftMode(scope, { groupId: crm, authoritative: true, confirmRemovals: 1 })).toMatchObject({ changed: true, removing: 1 });
      expect(inDir("crm-users", "fay.drift")).toBe(false);
      expect(inDir("crm-users", "ben.kept")).toBe(true);
      const finding = await db.prisma.driftFinding.findFirstOrThrow({ where: { tenantId, groupId: crm } });
      expect(finding).toMatchObject({ status: "REMOVED", readBack: { group: "crm-users", groupId: dir.groupId("crm-users"), readBack: expect.objectContaining({ isMember: false }) } });
      for (const g of dir.unmanagedGroups) {
        expect(dir.isMember(g, login("fay.drift"))).toBe(true);
        expect(dir.requestLines().filter((l) => !l.startsWith("GET ") && l.includes(dir.groupId(g)))).toEqual([]);
      }
      await syncAndDrain();
      expect(await db.prisma.driftFinding.count({ where: { tenantId, status: "OPEN" } })).toBe(0);
      expect(inDir("crm-users", "fay.drift")).toBe(false);
    });
  });

  describe("reviews", () => {
    it("a campaign over a role on this directory: revoke removes the member (read back onto the item), keep leaves them", async () => {
      const r = await role("figma-editors");
      const ben = await granted(r.id, "ben.kept");
      const ivy = await granted(r.id, "ivy.back");
      const campaign = await createCampaign(scope, {
        name: `${dir.kind} figma review`, scope: { roleIds: [r.id] }, reviewerMode: "named", reviewerPersonIds: [(await person("lena.lead")).id],
        fallbackReviewerId: (await person("lena.lead")).id, dueAt: new Date(clock().getTime() + 7 * DAY),
      });
      await launchCampaign(scope, { campaignId: campaign.id });
      const items = await db.prisma.reviewItem.findMany({ where: { campaignId: campaign.id, grantId: { in: [ben.id, ivy.id] } } });
      expect(items).toHaveLength(2);
      const itemOf = (grantId: string) => items.find((i) => i.grantId === grantId)!;
      const lena = (await person("lena.lead")).id;
      await decideReviewItems(scope, { campaignId: campaign.id, itemIds: [itemOf(ivy.id).id], decision: "KEEP", comment: "Designs the onboarding flows", deciderPersonId: lena });
      await decideReviewItems(scope, { campaignId: campaign.id, itemIds: [itemOf(ben.id).id], decision: "REVOKE", comment: "Not on the design team", deciderPersonId: lena });
      await driver.drain();
      expect(inDir("figma-editors", "ben.kept")).toBe(false);
      expect(inDir("figma-editors", "ivy.back")).toBe(true);
      const revoked = await db.prisma.reviewItem.findUniqueOrThrow({ where: { id: itemOf(ben.id).id } });
      expect(revoked.revocation).toBe("CONFIRMED");
      expect(revoked.readBack).toEqual([expect.objectContaining({ group: "figma-editors", groupId: dir.groupId("figma-editors"), readBack: expect.objectContaining({ isMember: false }) })]);
      expect((await grantOf(ben.id)).status).toBe("ENDED");
      expect((await grantOf(ivy.id)).status).toBe("ACTIVE");
    });
  });

  describe("reclaim", () => {
    it(dir.lastLogin
      ? "measures last use by the directory's last sign-in: notified, cleared when they sign in again, else reclaimed (read back)"
      : "has no last sign-in to measure: every grant is flagged, never notified nor reclaimed", async () => {
      const signedIn = new Date(services.clock.now().getTime() - 60 * MINUTE).toISOString();
      for (const name of ["gus.idle", "ivy.back"]) dir.setLastLogin(login(name), signedIn);
      dir.setLastLogin(login("hal.never"), null);
      await syncAndDrain();
      const notion = await role("wiki-users");
      // An Okta app id left on the app (e.g. from before a move off Okta) must not stop the directory's measure.
      const zoom = await role("wiki-users", { externalAppId: "0oazoom0000000001" });
      for (const r of [notion, zoom]) await saveReclaimRule(scope, { appId: r.appId, inactivityDays: 30, graceDays: 7 });
      const grants = {
        gus: await granted(notion.id, "gus.idle"), gusZoom: await granted(zoom.id, "gus.idle"),
        ivy: await granted(notion.id, "ivy.back"), hal: await granted(notion.id, "hal.never"),
      };
      const caseOf = async (grantId: string) => (await db.prisma.reclaimCase.findMany({ where: { grantId } })).map((c) => c.status);

      services.clock.advance(31 * DAY);
      await runReclaim(services, { tenantId });
      await driver.drain();
      const cases = await db.prisma.reclaimCase.findMany({ where: { tenantId } });
      const byGrant = (id: string) => cases.find((c) => c.grantId === id);
      if (dir.lastLogin) {
        for (const g of [grants.gus, grants.gusZoom, grants.ivy]) {
          expect(byGrant(g.id)).toMatchObject({ status: "NOTIFIED", lastUseSource: "last_login", lastUsedAt: new Date(signedIn) });
        }
        expect(byGrant(grants.hal.id)).toMatchObject({ status: "FLAGGED", lastUseSource: "none" });
      } else {
        for (const g of Object.values(grants)) expect(byGrant(g.id)).toMatchObject({ status: "FLAGGED", lastUseSource: "none", lastUsedAt: null });
        expect(await db.prisma.notification.count({ where: { tenantId, kind: { startsWith: "reclaim." } } })).toBe(0);
      }
      const flagged = await listReclaimCases(scope.tdb, { status: "FLAGGED", limit: 50 });
      const why = flagged.find((c) => c.grantId === grants.hal.id)!.flaggedWhy!;
      expect(why).not.toMatch(/Okta/);
      expect(why).toMatch(dir.lastLogin ? /has never signed in to Google Workspace|has never signed in to Entra ID/ : /SCIM 2\.0 reports no sign-ins/);

      // Ivy signs in again during the grace period; the sync brings her last sign-in.
      services.clock.advance(DAY);
      dir.setLastLogin(login("ivy.back"), services.clock.now().toISOString());
      services.clock.advance(6 * DAY);
      await syncAndDrain();
      await runReclaim(services, { tenantId });
      await driver.drain();
      if (dir.lastLogin) {
        expect(await caseOf(grants.gus.id)).toEqual(["RECLAIMED"]);
        expect(await grantOf(grants.gus.id)).toMatchObject({ status: "ENDED", endedBy: "Auto Reclaim" });
        expect(await removalOf(grants.gus.id)).toMatchObject({ status: "SUCCEEDED", readBack: expect.objectContaining({ isMember: false }) });
        expect(await caseOf(grants.ivy.id)).toEqual(["CLEARED"]);
        expect((await grantOf(grants.ivy.id)).status).toBe("ACTIVE");
        expect(inDir("wiki-users", "ivy.back")).toBe(true);
      } else {
        for (const g of Object.values(grants)) {
          expect(await caseOf(g.id)).toEqual(["FLAGGED"]);
          expect((await grantOf(g.id)).status).toBe("ACTIVE");
        }
        expect(inDir("wiki-users", "gus.idle")).toBe(true);
      }
      // Nobody without any sign-in data is ever reclaimed.
      expect(await caseOf(grants.hal.id)).toEqual(["FLAGGED"]);
      expect((await grantOf(grants.hal.id)).status).toBe("ACTIVE");
      expect(inDir("wiki-users", "hal.never")).toBe(true);
    });
  });
});
