import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../testing/db.ts";
import { acmeOkta, callerAs, makeServices, syncedTenant } from "../testing/fixtures.ts";
import { appRouter } from "./root.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { requestAccess } from "../domain/requests/request-access.ts";
import { decideApproval } from "../domain/requests/decide-approval.ts";

// The auditor role is read-only everywhere: every mutation is either refused to an auditor, or is
// something any employee may do for themselves (asking for access, giving their own back), or is the
// audit-chain verification auditors exist to run. A new mutation fails this test until it is classified.

const adminOnly = [
  "connections.save", "connections.test", "connections.startSync", "connections.saveRevokeSettings", "connections.setUpWebhook", "connections.setUpEventHook",
  "catalog.saveApp", "catalog.deleteApp", "catalog.saveRole", "catalog.deleteRole", "settings.saveSso", "requests.retryGrant",
  "demo.advanceClock", "apiTokens.create", "apiTokens.revoke", "reviews.create", "reviews.launch", "reviews.close", "reviews.pushToVanta",
  "drift.setMode", "drift.adopt",
  "bundles.save", "bundles.delete",
  "lifecycle.saveSettings",
  "reclaim.saveRule", "reclaim.runNow",
];
/** Refused by the operation unless the caller holds a role on the subject (approver, app owner). */
const subjectRole = ["requests.decide", "grants.revoke", "reviews.decide", "reviews.reassign", "reviews.importAccounts", "reviews.completeTask", "lifecycle.confirm", "lifecycle.revoke", "reclaim.keep"];
/** What every person may do for themselves, auditors included. */
const selfService = ["requests.create", "requests.cancel", "grants.giveBack", "notifications.markRead"];
const auditorDuty = ["audit.verify"];

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
let t: Awaited<ReturnType<typeof syncedTenant>>;
let auditor: ReturnType<typeof callerAs>;
let requestId = "";
let grantId = "";

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  auditor = callerAs(services, t.auditor, "acme");
  const person = (login: string) => t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: login } } });
  const [dana, sam] = [await person("dana.lee"), await person("sam.rivera")];
  const group = await t.scope.tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } });
  const app = await saveApp(t.scope, { name: "Figma" });
  const role = await saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
  const granted = await requestAccess(t.scope, { roleId: role.id, requesterPersonId: dana.id, reason: "Design reviews for the launch", source: "web" });
  await decideApproval(t.scope, { requestId: granted.id, deciderPersonId: sam.id, decision: "APPROVE", channel: "web" });
  grantId = (await db.prisma.grant.findUniqueOrThrow({ where: { requestId: granted.id } })).id;
  const other = await saveRole(t.scope, { appId: app.id, name: "Viewer", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
  requestId = (await requestAccess(t.scope, { roleId: other.id, requesterPersonId: dana.id, reason: "Design reviews for the launch", source: "web" })).id;
});

const codeOf = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));
const changes = async () => [await db.prisma.auditEvent.count(), await db.prisma.grant.count({ where: { status: "ACTIVE" } }), await db.prisma.approvalDecision.count()];

describe("the auditor role", () => {
  it("every mutation of the API is classified", () => {
    const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def.procedures;
    const mutations = Object.entries(procedures).filter(([, p]) => p._def.type === "mutation").map(([k]) => k).sort();
    expect(mutations).toEqual([...adminOnly, ...subjectRole, ...selfService, ...auditorDuty].sort());
  });

  it("is refused every admin mutation before its input is even read, and nothing changes", async () => {
    const before = await changes();
    for (const path of adminOnly) {
      const [group, name] = path.split(".") as [string, string];
      const procedure = (auditor as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[group]![name]!;
      expect(`${path}: ${await codeOf(procedure({}))}`).toBe(`${path}: FORBIDDEN`);
    }
    expect(await changes()).toEqual(before);
  });

  it("cannot decide a request or revoke a grant it has no role on", async () => {
    const before = await changes();
    expect(await codeOf(auditor.requests.decide({ requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await codeOf(auditor.grants.revoke({ grantId, reason: "Auditors only look" }))).toBe("FORBIDDEN");
    expect(await codeOf(auditor.reviews.decide({ campaignId: "c1", itemIds: ["i1"], decision: "REVOKE" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.reviews.reassign({ campaignId: "c1", itemIds: ["i1"], toPersonId: "p1", reason: "Auditors only look" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.reviews.completeTask({ taskId: "t1", note: "Auditors only look" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.reviews.importAccounts({ campaignId: "c1", appId: "a1", csv: "email\nx@acme.example\n" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.lifecycle.confirm({ confirmationId: "c1" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.lifecycle.revoke({ confirmationId: "c1" }))).toBe("NOT_FOUND");
    expect(await codeOf(auditor.reclaim.keep({ caseId: "c1", reason: "Auditors only look" }))).toBe("NOT_FOUND");
    expect(await changes()).toEqual(before);
  });

  it("reads what it needs: the request, the person's grants and the audit log", async () => {
    expect((await auditor.requests.get({ requestId })).id).toBe(requestId);
    expect(await codeOf(auditor.audit.list({}))).toBe("OK");
    expect((await auditor.evidence.grant({ grantId })).grant.id).toBe(grantId);
    expect((await auditor.evidence.request({ requestId })).requestId).toBe(requestId);
  });
});
