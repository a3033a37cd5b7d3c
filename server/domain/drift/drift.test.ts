import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { callerAs, syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import { startSync } from "../sync/start-sync.ts";
import { runSync } from "../sync/run-sync.ts";
import { reconcileGrants } from "../grants/reconcile-grants.ts";
import { provisionGrant } from "../grants/provision-grant.ts";
import type { DomainError } from "../errors.ts";
import type { OktaLogActor } from "../../sandbox/okta/state.ts";
import { setGroupDriftMode } from "./set-group-drift-mode.ts";
import { adoptDriftFinding } from "./adopt-drift-finding.ts";
import { listDriftFindings, listDriftGroups } from "./queries.ts";
import { detectDrift } from "./detect-drift.ts";

const { db, services, okta, driver, t, p, g } = await requestLoopWorld();
// The sandbox logs on the test's clock, so the System Log window (until = now) sees what the test did.
okta.state.clock = () => services.clock.now();
const MINUTE = 60_000;
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
const helpdesk: OktaLogActor = { id: "00uhelpdesk000000001", type: "User", alternateId: "jamie.cruz@acme.example", displayName: "Jamie Cruz" };

/** A sync as the scheduler runs it: the run, then the jobs it leaves (drift detection, removals). */
async function sync() {
  services.clock.advance(MINUTE);
  const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
  await runSync(services, { tenantId: t.tenantId, syncRunId: run.id });
  await driver.drain();
}
const findings = (group: string) => db.prisma.driftFinding.findMany({ where: { tenantId: t.tenantId, groupId: g[group]!.id }, orderBy: { firstSeenAt: "asc" } });
const findingOf = async (group: string, login: string, status?: string) =>
  (await findings(group)).filter((f) => f.personId === p[login]!.id && (!status || f.status === status)).at(-1);
const isMember = (group: string, login: string) => okta.state.isMember(g[group]!.externalId, p[login]!.externalId);
/** Memberships added in Okta through the API (Gatehouse's only way to add anyone). */
const oktaAdds = () => okta.stats.count("PUT /api/v1/groups/{groupId}/users/{userId}");
const logQueries = () => okta.stats.count("GET /api/v1/logs");

let roles: { agent: string; figma: string };

beforeAll(async () => {
  const zd = await saveApp(t.scope, { name: "Zendesk", ownerPersonIds: [p["nadia.haddad"]!.id] });
  const agent = await saveRole(t.scope, { appId: zd.id, name: "Agent", groupIds: [g["zendesk-agents"]!.id], steps: [{ kind: "MANAGER" }] });
  const figma = await saveApp(t.scope, { name: "Figma", ownerPersonIds: [p["olivia.park"]!.id] });
  const editor = await saveRole(t.scope, { appId: figma.id, name: "Editor", groupIds: [g["figma-editors"]!.id], steps: [{ kind: "MANAGER" }] });
  roles = { agent: agent.id, figma: editor.id };
});

describe("detection after a sync (report only)", () => {
  it("lists a member someone added in Okta, with who and when from the System Log, and leaves them in the group", async () => {
    services.clock.advance(5 * MINUTE);
    okta.state.addMembership(g["zendesk-agents"]!.externalId, p["dana.lee"]!.externalId, { actor: helpdesk });
    const addedAt = services.clock.now();
    const [adds, logs] = [oktaAdds(), logQueries()];
    await sync();
    // One bounded System Log query per group with new findings (two groups), and nobody added anywhere.
    expect(logQueries() - logs).toBe(2);
    expect(okta.stats.requests.filter((r) => r.route === "GET /api/v1/logs").slice(-2).every((r) => /until=/.test(r.url))).toBe(true);
    expect(oktaAdds()).toBe(adds);
    const dana = await findingOf("zendesk-agents", "dana.lee");
    expect(dana).toMatchObject({ status: "OPEN", addedBy: "Jamie Cruz (jamie.cruz@acme.example)", addedAt, resolvedAt: null });
    expect(isMember("zendesk-agents", "dana.lee")).toBe(true);
    // Members from before the log's window (added without an event) are unexplained too, with "who" unknown.
    const kai = await findingOf("zendesk-agents", "kai.tanaka");
    expect(kai).toMatchObject({ status: "OPEN", addedBy: null, addedAt: null });
    // One System Log query per group with new findings, bounded by until.
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "drift.detected" }, orderBy: { seq: "desc" } });
    expect((audit.data as { opened: number }).opened).toBe((await findings("zendesk-agents")).length + (await findings("figma-editors")).length);
  });

  it("never looks at unmanaged groups nor at groups outside the catalog", async () => {
    const looked = await db.prisma.driftFinding.findMany({ where: { tenantId: t.tenantId }, distinct: ["groupId"], select: { groupId: true } });
    expect(looked.map((f) => f.groupId).sort()).toEqual([g["figma-editors"]!.id, g["zendesk-agents"]!.id].sort());
    const groups = await listDriftGroups(t.scope.tdb);
    expect(groups.managed.map((x) => x.name)).toEqual(["zendesk-agents", "figma-editors"]);
    expect(groups.unmanaged.map((x) => x.name)).toEqual(expect.arrayContaining(["AD: Domain Users", "Everyone"]));
  });

  it("a second sync keeps the same findings open (last seen moves on), and opens nothing twice", async () => {
    const before = await findingOf("zendesk-agents", "dana.lee");
    const count = (await findings("zendesk-agents")).length;
    await sync();
    const after = await findingOf("zendesk-agents", "dana.lee");
    expect(after!.id).toBe(before!.id);
    expect(after!.lastSeenAt.getTime()).toBeGreaterThan(before!.lastSeenAt.getTime());
    expect((await findings("zendesk-agents")).length).toBe(count);
    expect(isMember("zendesk-agents", "dana.lee")).toBe(true);
  });

  it("a member removed in Okta is marked explained", async () => {
    okta.state.removeMembership(g["zendesk-agents"]!.externalId, p["ben.foster"]!.externalId);
    await sync();
    const ben = await findingOf("zendesk-agents", "ben.foster");
    expect(ben).toMatchObject({ status: "EXPLAINED", resolvedAt: services.clock.now() });
  });

  it("a member whom a grant comes to explain is marked explained", async () => {
    const req = await requestAccess(t.scope, { roleId: roles.agent, requesterPersonId: p["kai.tanaka"]!.id, reason: "Covering the support rota", source: "web" });
    await decideApproval(t.scope, { requestId: req.id, deciderPersonId: p["nadia.haddad"]!.id, decision: "APPROVE", channel: "web" });
    await driver.drain();
    await sync();
    expect(await findingOf("zendesk-agents", "kai.tanaka")).toMatchObject({ status: "EXPLAINED" });
  });

  it("the System Log failing leaves who-added unknown and never fails the detection", async () => {
    okta.faults.inject({ status: 500, times: Infinity, match: (m, path) => m === "GET" && path.startsWith("/api/v1/logs") });
    okta.state.addMembership(g["zendesk-agents"]!.externalId, p["ava.nguyen"]!.externalId, { actor: helpdesk });
    await sync();
    expect(await findingOf("zendesk-agents", "ava.nguyen")).toMatchObject({ status: "OPEN", addedBy: null });
    const job = await db.prisma.job.findFirstOrThrow({ where: { name: "drift.detect", tenantId: t.tenantId }, orderBy: { createdAt: "desc" } });
    expect(job.status).toBe("SUCCEEDED");
  });
});

describe("expired access", () => {
  let grantId: string;

  it("is never re-added: a member re-added in Okta after expiry is drift, and the grant stays ended", async () => {
    // Tom (Sales) gets Zendesk for an hour; it expires and is removed.
    const req = await requestAccess(t.scope, { roleId: roles.agent, requesterPersonId: p["tom.baker"]!.id, reason: "Helping with a customer escalation", source: "web", durationMinutes: 60 });
    await decideApproval(t.scope, { requestId: req.id, deciderPersonId: p["priya.shah"]!.id, decision: "APPROVE", channel: "web" });
    await driver.drain();
    grantId = (await db.prisma.grant.findUniqueOrThrow({ where: { requestId: req.id } })).id;
    expect(isMember("zendesk-agents", "tom.baker")).toBe(true);
    services.clock.advance(61 * MINUTE);
    await driver.drain();
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe("ENDED");
    expect(isMember("zendesk-agents", "tom.baker")).toBe(false);
    await sync();
    expect(await findingOf("zendesk-agents", "tom.baker")).toBeUndefined();

    // Someone puts Tom back by hand in Okta: the ended grant does not explain it.
    okta.state.addMembership(g["zendesk-agents"]!.externalId, p["tom.baker"]!.externalId, { actor: { ...helpdesk, displayName: "Rogue Admin", alternateId: "rogue@acme.example" } });
    const adds = oktaAdds();
    await sync();
    expect(oktaAdds()).toBe(adds);
    expect(await findingOf("zendesk-agents", "tom.baker")).toMatchObject({ status: "OPEN", addedBy: "Rogue Admin (rogue@acme.example)" });
    const grants = await db.prisma.grant.findMany({ where: { personId: p["tom.baker"]!.id } });
    expect(grants.map((x) => [x.id, x.status])).toEqual([[grantId, "ENDED"]]);
  });

  it("the reconciler never provisions an ENDED grant", async () => {
    okta.state.removeMembership(g["zendesk-agents"]!.externalId, p["tom.baker"]!.externalId);
    const actionsBefore = await db.prisma.identityAction.count({ where: { grantId } });
    services.clock.advance(2 * MINUTE);
    await reconcileGrants(services);
    await driver.drain();
    expect(await provisionGrant(services, { tenantId: t.tenantId, grantId })).toEqual({ outcome: "skipped" });
    expect(isMember("zendesk-agents", "tom.baker")).toBe(false);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).status).toBe("ENDED");
    expect(await db.prisma.identityAction.count({ where: { grantId } })).toBe(actionsBefore);
    // Only the provisioning queued when it was approved; the reconciler queued none for the ended grant.
    expect(await db.prisma.job.count({ where: { name: "grant.provision", payload: { path: ["grantId"], equals: grantId } } })).toBe(1);
  });
});

describe("keeping and authoritative mode", () => {
  it("an admin keeps one unexplained member as a grant: explained from now on, nothing added in Okta", async () => {
    const nora = await findingOf("figma-editors", "nora.svensson", "OPEN");
    const e = await refusal(adoptDriftFinding(t.scope, { findingId: nora!.id, reason: "short" }));
    expect((e as Error).message).toMatch(/Say why this access is kept/);
    const { grantId } = await adoptDriftFinding(t.scope, { findingId: nora!.id, reason: "Designer: Figma is her daily tool" });
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: grantId }, include: { actions: true } });
    expect([grant.source, grant.status, grant.actions.map((a) => [a.kind, a.status])]).toEqual(["kept", "ACTIVE", [["ADD_MEMBER", "SUCCEEDED"]]]);
    expect(await findingOf("figma-editors", "nora.svensson")).toMatchObject({ status: "EXPLAINED", grantId });
    expect((await refusal(adoptDriftFinding(t.scope, { findingId: nora!.id, reason: "Designer: Figma is her daily tool" }))).code).toBe("CONFLICT");
    await sync();
    expect((await findings("figma-editors")).filter((f) => f.personId === p["nora.svensson"]!.id && f.status === "OPEN")).toEqual([]);
  });

  it("turning authoritative on needs the number of removals confirmed", async () => {
    const open = (await findings("figma-editors")).filter((f) => f.status === "OPEN").length;
    expect(open).toBe(4); // Zoe, Olivia, Finn, Hugo
    const e = await refusal(setGroupDriftMode(t.scope, { groupId: g["figma-editors"]!.id, authoritative: true }));
    expect([e.code, e.message]).toEqual(["PRECONDITION_FAILED", "Making figma-editors authoritative removes 4 unexplained members now: confirm 4 removals to go ahead"]);
    expect((await refusal(setGroupDriftMode(t.scope, { groupId: g["figma-editors"]!.id, authoritative: true, confirmRemovals: 3 }))).code).toBe("PRECONDITION_FAILED");
    expect((await db.prisma.group.findUniqueOrThrow({ where: { id: g["figma-editors"]!.id } })).authoritative).toBe(false);
    expect(isMember("figma-editors", "zoe.martin")).toBe(true);
  });

  it("authoritative removes unexplained members from Okta with the read-back on the finding; kept ones stay", async () => {
    const adds = oktaAdds();
    const r = await setGroupDriftMode(t.scope, { groupId: g["figma-editors"]!.id, authoritative: true, confirmRemovals: 4 });
    expect(r).toMatchObject({ changed: true, authoritative: true, removing: 4 });
    for (const login of ["zoe.martin", "olivia.park", "finn.obrien", "hugo.petit"]) expect(isMember("figma-editors", login)).toBe(false);
    expect(isMember("figma-editors", "nora.svensson")).toBe(true);
    const zoe = await findingOf("figma-editors", "zoe.martin");
    expect(zoe).toMatchObject({ status: "REMOVED", resolvedAt: services.clock.now() });
    expect(zoe!.readBack).toMatchObject({ group: "figma-editors", groupId: g["figma-editors"]!.externalId, readBack: { isMember: false } });
    const grant = await db.prisma.grant.findUniqueOrThrow({ where: { id: zoe!.grantId! } });
    expect([grant.source, grant.status, grant.endReason]).toEqual(["import", "ENDED", "revoked: drift: not explained by any grant, and the group is authoritative"]);
    expect(await db.prisma.membership.count({ where: { groupId: g["figma-editors"]!.id, personId: p["zoe.martin"]!.id } })).toBe(0);
    const actions = (await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, action: { startsWith: "drift." } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["drift.mode_changed", "drift.removing", "drift.removed", "drift.adopted"]));
    // The next sync sees the group as Gatehouse left it: nothing new, nothing re-added.
    await sync();
    expect((await findings("figma-editors")).filter((f) => f.status === "OPEN")).toEqual([]);
    expect(isMember("figma-editors", "zoe.martin")).toBe(false);
    expect(oktaAdds()).toBe(adds);
  });

  it("a member added in Okta to an authoritative group is removed after the next sync", async () => {
    okta.state.addMembership(g["figma-editors"]!.externalId, p["leo.bianchi"]!.externalId, { actor: helpdesk });
    await sync();
    expect(isMember("figma-editors", "leo.bianchi")).toBe(false);
    expect(await findingOf("figma-editors", "leo.bianchi")).toMatchObject({ status: "REMOVED", addedBy: "Jamie Cruz (jamie.cruz@acme.example)", readBack: expect.objectContaining({ readBack: expect.objectContaining({ isMember: false }) }) });
  });

  it("Okta failing the removal leaves the grant ENDING and the finding without proof; the retry finishes it", async () => {
    okta.state.addMembership(g["figma-editors"]!.externalId, p["caleb.wright"]!.externalId, { actor: helpdesk });
    okta.faults.inject({ status: 500, times: Infinity, match: (m) => m === "DELETE" });
    await sync();
    const pending = await findingOf("figma-editors", "caleb.wright");
    expect(pending).toMatchObject({ status: "REMOVED", readBack: null, resolvedAt: null });
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: pending!.grantId! } })).status).toBe("ENDING");
    expect(isMember("figma-editors", "caleb.wright")).toBe(true);
    okta.faults.clear();
    services.clock.advance(2 * MINUTE);
    await driver.drain();
    expect(isMember("figma-editors", "caleb.wright")).toBe(false);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: pending!.grantId! } })).status).toBe("ENDED");
    expect(await findingOf("figma-editors", "caleb.wright")).toMatchObject({ status: "REMOVED", readBack: expect.objectContaining({ readBack: expect.objectContaining({ isMember: false }) }) });
  });

  it("report-only again: new unexplained members stay", async () => {
    await setGroupDriftMode(t.scope, { groupId: g["figma-editors"]!.id, authoritative: false });
    okta.state.addMembership(g["figma-editors"]!.externalId, p["leo.bianchi"]!.externalId, { actor: helpdesk });
    await sync();
    expect(isMember("figma-editors", "leo.bianchi")).toBe(true);
    expect(await findingOf("figma-editors", "leo.bianchi", "OPEN")).toBeDefined();
  });

  it("an unmanaged group is refused either way, and is never touched", async () => {
    for (const authoritative of [true, false]) {
      const e = await refusal(setGroupDriftMode(t.scope, { groupId: g["AD: Domain Users"]!.id, authoritative }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.message).toMatch(/^AD: Domain Users is not managed by Gatehouse \(APP_GROUP: .*\): its members are never changed/);
    }
    expect((await db.prisma.group.findUniqueOrThrow({ where: { id: g["AD: Domain Users"]!.id } })).authoritative).toBe(false);
    expect(await db.prisma.driftFinding.count({ where: { groupId: g["AD: Domain Users"]!.id } })).toBe(0);
    // Not in the catalog: nothing a grant could explain, so it cannot be authoritative either.
    expect((await refusal(setGroupDriftMode(t.scope, { groupId: g["security-team"]!.id, authoritative: true }))).message).toMatch(/^Map security-team to a role/);
  });
});

describe("who may do what", () => {
  it("another tenant's group and findings are not found", async () => {
    const other = await syncedTenant(services, "globex", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
    await driver.drain();
    const finding = (await findingOf("zendesk-agents", "dana.lee"))!;
    expect((await refusal(setGroupDriftMode(other.scope, { groupId: g["zendesk-agents"]!.id, authoritative: false }))).code).toBe("NOT_FOUND");
    expect((await refusal(adoptDriftFinding(other.scope, { findingId: finding.id, reason: "Taking it over from another tenant" }))).code).toBe("NOT_FOUND");
    expect((await listDriftFindings(other.scope.tdb, { groupId: g["zendesk-agents"]!.id })).findings).toEqual([]);
    const viaApi = callerAs(services, other.admin, other.slug);
    expect(await viaApi.drift.setMode({ groupId: g["zendesk-agents"]!.id, authoritative: true }).then(() => "OK", (e: TRPCError) => e.code)).toBe("NOT_FOUND");
    // And the other tenant's own detection ran on its own sync, on its own groups only.
    await detectDrift(services, { tenantId: other.tenantId, connectionId: other.connectionId });
    expect(await db.prisma.driftFinding.count({ where: { tenantId: other.tenantId } })).toBe(0); // no catalog there
    expect((await db.prisma.driftFinding.findUniqueOrThrow({ where: { id: finding.id } })).tenantId).toBe(t.tenantId);
  });

  it("auditors read but cannot change; employees cannot see; malformed input is refused", async () => {
    const code = (x: Promise<unknown>) => x.then(() => "OK", (e: TRPCError) => e.code);
    const auditor = callerAs(services, t.auditor, "acme");
    const employee = callerAs(services, t.employee, "acme");
    const admin = callerAs(services, t.admin, "acme");
    const finding = (await findingOf("zendesk-agents", "dana.lee"))!;
    expect((await auditor.drift.groups()).managed.length).toBe(2);
    expect((await auditor.drift.findings({ status: "OPEN" })).findings.length).toBeGreaterThan(0);
    expect(await code(auditor.drift.setMode({ groupId: g["zendesk-agents"]!.id, authoritative: true }))).toBe("FORBIDDEN");
    expect(await code(auditor.drift.adopt({ findingId: finding.id, reason: "Auditors only look at it" }))).toBe("FORBIDDEN");
    expect(await code(employee.drift.groups())).toBe("FORBIDDEN");
    expect(await code(employee.drift.findings({}))).toBe("FORBIDDEN");
    expect(await code(employee.drift.setMode({ groupId: g["zendesk-agents"]!.id, authoritative: true }))).toBe("FORBIDDEN");
    expect(await code(admin.drift.setMode({ groupId: "x".repeat(500), authoritative: true }))).toBe("BAD_REQUEST");
    expect(await code(admin.drift.findings({ status: "LOST" as never }))).toBe("BAD_REQUEST");
    expect(await code(admin.drift.adopt({ findingId: finding.id, reason: "y".repeat(5000) }))).toBe("BAD_REQUEST");
    expect((await db.prisma.group.findUniqueOrThrow({ where: { id: g["zendesk-agents"]!.id } })).authoritative).toBe(false);
    expect(isMember("zendesk-agents", "dana.lee")).toBe(true);
  });
});
