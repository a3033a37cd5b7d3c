import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "./save-app.ts";
import { saveRole } from "./save-role.ts";
import { deleteRole } from "./delete-role.ts";
import { listCatalog } from "./queries.ts";
import { DomainError } from "../errors.ts";
import { ZodError } from "zod";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
let t: Awaited<ReturnType<typeof syncedTenant>>;
let group: (name: string) => Promise<string>;

beforeAll(async () => {
  t = await syncedTenant(services, "acme", okta);
  group = async (name) => (await t.scope.tdb.group.findFirstOrThrow({ where: { name } })).id;
});

const auditCount = () => db.prisma.auditEvent.count({ where: { tenantId: t.tenantId } });
const expectRefused = async (p: Promise<unknown>, pattern: RegExp) => {
  // Settle first: a rejection left unhandled while we count would be reported as an unhandled error.
  const settled = p.then(() => null, (e: unknown) => e);
  const before = await auditCount();
  const err = await settled;
  expect(err instanceof DomainError || err instanceof ZodError, String(err)).toBe(true);
  expect((err as Error).message).toMatch(pattern);
  expect(await auditCount()).toBe(before);
};

describe("catalog", () => {
  it("creates an app with owners and a two-step, time-bound role, audited", async () => {
    const owner = await t.scope.tdb.person.findFirstOrThrow({ where: { login: { startsWith: "liam.okafor" } } });
    const app = await saveApp(t.scope, { name: "AWS Production", riskLevel: "CRITICAL", ownerPersonIds: [owner.id] });
    const role = await saveRole(t.scope, {
      appId: app.id, name: "Administrator", privileged: true, durationRequired: true, allowedDurations: [1440, 60, 360], maxDurationMinutes: 1440,
      groupIds: [await group("aws-prod-admin")], steps: [{ kind: "MANAGER" }, { kind: "APP_OWNER", mode: "ALL" }],
    });
    expect(role.allowedDurations).toEqual([60, 360, 1440]);
    const [listed] = await listCatalog(t.scope, { search: "aws" });
    expect(listed!.owners.map((o) => o.id)).toEqual([owner.id]);
    expect(listed!.roles[0]!.groups.map((g) => g.name)).toEqual(["aws-prod-admin"]);
    expect(listed!.roles[0]!.steps.map((s) => `${s.kind}:${s.mode}`)).toEqual(["MANAGER:ANY", "APP_OWNER:ALL"]);
    const events = await db.prisma.auditEvent.findMany({ where: { tenantId: t.tenantId, subjectId: { in: [app.id, role.id] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["catalog.app.created", "catalog.role.created"]);
  });

  it("updates a role's groups and steps as a set", async () => {
    const app = await saveApp(t.scope, { name: "Datadog" });
    const role = await saveRole(t.scope, { appId: app.id, name: "User", groupIds: [await group("datadog-users")], steps: [{ kind: "AUTO" }] });
    await saveRole(t.scope, { roleId: role.id, appId: app.id, name: "User", groupIds: [await group("github-engineers")], steps: [{ kind: "MANAGER" }] });
    const [d] = await listCatalog(t.scope, { search: "Datadog" });
    expect(d!.roles[0]!.groups.map((g) => g.name)).toEqual(["github-engineers"]);
    expect(d!.roles[0]!.steps.map((s) => s.kind)).toEqual(["MANAGER"]);
    await deleteRole(t.scope, { roleId: role.id });
    expect((await listCatalog(t.scope, { search: "Datadog" }))[0]!.roles).toEqual([]);
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const app = await saveApp(t.scope, { name: "Figma" });
    const figma = await group("figma-editors");
    await expectRefused(saveApp(t.scope, { name: "" }), /Name is required/);
    await expectRefused(saveApp(t.scope, { name: "x".repeat(81) }), /at most 80/);
    await expectRefused(saveApp(t.scope, { name: "Big", description: "x".repeat(2001) }), /2,000/);
    await expectRefused(saveApp(t.scope, { name: "Logo", logoUrl: "javascript:alert(1)" }), /URL/);
    await expectRefused(saveApp(t.scope, { name: "Figma" }), /already exists/);
    await expectRefused(saveApp(t.scope, { name: "Ghost", ownerPersonIds: ["nope"] }), /not found/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [], steps: [{ kind: "MANAGER" }] }), /at least one IdP group/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], steps: [] }), /at least one approval step/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], privileged: true, steps: [{ kind: "MANAGER" }] }), /must require a duration/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], steps: [{ kind: "AUTO" }, { kind: "MANAGER" }] }), /only step/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], steps: [{ kind: "NAMED" }] }), /named approver/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], allowedDurations: [5], steps: [{ kind: "MANAGER" }] }), /at least 15 minutes/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma], allowedDurations: [600], maxDurationMinutes: 60, steps: [{ kind: "MANAGER" }] }), /longer than the maximum/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: [figma, figma], steps: [{ kind: "MANAGER" }] }), /listed twice/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Editor", groupIds: Array.from({ length: 21 }, (_, i) => `g${i}`), steps: [{ kind: "MANAGER" }] }), /At most 20/);
  });

  it("refuses groups the IdP will not let us change", async () => {
    const app = await saveApp(t.scope, { name: "Active Directory" });
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "Domain user", groupIds: [await group("AD: Domain Users")], steps: [{ kind: "MANAGER" }] }), /cannot be changed through the IdP/);
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "All", groupIds: [await group("Everyone")], steps: [{ kind: "MANAGER" }] }), /cannot be changed through the IdP/);
  });

  it("refuses a second role with the same name in one app", async () => {
    const app = await saveApp(t.scope, { name: "HubSpot" });
    const g = await group("hubspot-users");
    await saveRole(t.scope, { appId: app.id, name: "User", groupIds: [g], steps: [{ kind: "MANAGER" }] });
    await expectRefused(saveRole(t.scope, { appId: app.id, name: "User", groupIds: [g], steps: [{ kind: "MANAGER" }] }), /already has a role named User/);
  });
});
