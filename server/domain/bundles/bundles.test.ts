// Birthright bundles: rule matching, preview = what the save does, applying to the sandbox Okta through
// the provisioning job, idempotence, movers, leavers, deletion, and the refusals. Real PGlite/PostgreSQL,
// the real Okta SDK against the sandbox Okta, the local job driver.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { requestLoopWorld } from "../../testing/request-loop-world.ts";
import { callerAs, syncedTenant } from "../../testing/fixtures.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { requestAccess } from "../requests/request-access.ts";
import type { DomainError } from "../errors.ts";
import { traceGrant } from "../evidence/trace-grant.ts";
import { matchBundle, type BundleRule } from "./bundle-rules.ts";
import { previewBundle } from "./preview-bundle.ts";
import { saveBundle } from "./save-bundle.ts";
import { deleteBundle } from "./delete-bundle.ts";
import { applyBirthright } from "./apply-birthright.ts";

const { db, services, okta, driver, t, p, g } = await requestLoopWorld();
const refusal = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a refusal"); }, (e: DomainError) => e);
const trpcCode = (promise: Promise<unknown>) => promise.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

let n = 0;
async function role(group: string, steps: { kind: "AUTO" | "MANAGER" }[] = [{ kind: "MANAGER" }]) {
  const app = await saveApp(t.scope, { name: `Birthright ${++n}`, riskLevel: "LOW" });
  return saveRole(t.scope, { appId: app.id, name: "Member", groupIds: [g[group]!.id], steps });
}
const rule = (field: BundleRule["field"], op: BundleRule["op"], value: string): BundleRule => ({ field, op, value });
const inOkta = (group: string, who: string) => okta.state.isMember(g[group]!.externalId, p[who]!.externalId);
const loginOf = async (personId: string) => (await db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).login.split("@")[0]!;
const liveBundleGrants = (bundleId: string) => db.prisma.grant.findMany({ where: { bundleId, status: { in: ["PENDING", "ACTIVE", "FAILED"] } }, orderBy: { personId: "asc" } });
const apply = (who: string) => t.scope.tdb.$transaction((tx) => applyBirthright(tx, t.scope, p[who]!.id, services.clock.now()));
const SUPPORT = ["ben.foster", "emma.larsen", "ivy.turner", "jack.murphy", "kai.tanaka", "leah.goldberg", "nadia.haddad", "omar.aziz", "sofia.rossi"];

describe("rule matching", () => {
  const person = { department: "  Engineering ", title: "Senior Software Engineer", location: "London", employmentType: null };
  it.each([
    ["equals, case-insensitive and trimmed", "ALL", [rule("department", "equals", "engineering ")], 'department equals "engineering"'],
    ["equals is not a prefix match", "ALL", [rule("department", "equals", "Eng")], null],
    ["starts with", "ALL", [rule("title", "startsWith", "senior")], 'title starts with "senior"'],
    ["starts with does not match in the middle", "ALL", [rule("title", "startsWith", "Software")], null],
    ["ALL needs every rule", "ALL", [rule("department", "equals", "Engineering"), rule("location", "equals", "Remote")], null],
    ["ALL names every rule", "ALL", [rule("department", "equals", "Engineering"), rule("location", "equals", "london")], 'department equals "Engineering" and location equals "london"'],
    ["ANY names the rules that matched", "ANY", [rule("location", "equals", "Remote"), rule("title", "startsWith", "Senior"), rule("department", "equals", "Sales")], 'title starts with "Senior"'],
    ["ANY with none matching", "ANY", [rule("location", "equals", "Remote"), rule("department", "equals", "Sales")], null],
    ["a missing attribute never matches", "ALL", [rule("employmentType", "equals", "Contractor")], null],
    ["no rules match nobody", "ALL", [], null],
  ] as const)("%s", (_name, matchMode, rules, expected) => {
    expect(matchBundle({ matchMode, rules: [...rules] }, person)).toBe(expected);
  });
});

describe("saving a bundle", () => {
  it("applies to every matching person, exactly as the preview said, through to the sandbox Okta", async () => {
    const datadog = await role("datadog-users");
    const draft = { name: "Support tools", rules: [rule("department", "equals", " support ")], roleIds: [datadog.id] };
    const preview = await previewBundle(t.scope, draft);
    expect(preview.add.count).toBe(SUPPORT.length);
    expect(preview.remove.count).toBe(0);
    expect(preview.add.people[0]).toMatchObject({ reason: 'department equals "support"', roles: [expect.stringContaining("Member")] });
    expect((await Promise.all(preview.add.people.map((x) => loginOf(x.personId)))).sort()).toEqual(SUPPORT);

    const bundle = await saveBundle(t.scope, draft);
    expect(await db.prisma.auditEvent.count({ where: { subjectId: bundle.id, action: "bundle.created" } })).toBe(1);
    await driver.drain();
    const grants = await liveBundleGrants(bundle.id);
    expect(grants.map((x) => x.personId).sort()).toEqual(preview.add.people.map((x) => x.personId).sort());
    for (const grant of grants) expect(grant).toMatchObject({ status: "ACTIVE", source: "bundle", roleId: datadog.id, bundleRule: 'department equals "support"', requestId: null });
    for (const who of SUPPORT) expect(inOkta("datadog-users", who)).toBe(true);
    // Nothing left to do: the preview of the saved bundle is empty.
    const after = await previewBundle(t.scope, { ...draft, id: bundle.id });
    expect([after.add.count, after.remove.count, after.matching]).toEqual([0, 0, SUPPORT.length]);
    // The evidence names the bundle and the rule.
    const trace = await traceGrant(t.scope, grants[0]!.id);
    expect(JSON.stringify(trace)).toContain("Support tools");
    expect(JSON.stringify(trace)).toContain('department equals \\"support\\"');
  });

  it("is idempotent: applying twice changes nothing", async () => {
    const before = [await db.prisma.grant.count(), await db.prisma.auditEvent.count(), await db.prisma.job.count()];
    expect(await apply("kai.tanaka")).toEqual({ added: [], ended: [], skipped: [] });
    expect(await apply("kai.tanaka")).toEqual({ added: [], ended: [], skipped: [] });
    expect([await db.prisma.grant.count(), await db.prisma.auditEvent.count(), await db.prisma.job.count()]).toEqual(before);
  });

  it("does not add a bundle grant beside a requested one", async () => {
    const netsuite = await role("netsuite-users", [{ kind: "AUTO" }]);
    const asked = await requestAccess(t.scope, { roleId: netsuite.id, requesterPersonId: p["morgan.blake"]!.id, reason: "Month-end close checks", source: "web" });
    await driver.drain();
    const requested = await db.prisma.grant.findUniqueOrThrow({ where: { requestId: asked.id } });
    const draft = { name: "Finance tools", rules: [rule("department", "equals", "Finance")], roleIds: [netsuite.id] };
    const preview = await previewBundle(t.scope, draft);
    expect(preview.matching).toBe(7);
    expect(preview.add.people.map((x) => x.personId)).not.toContain(p["morgan.blake"]!.id);
    const bundle = await saveBundle(t.scope, draft);
    await driver.drain();
    const grants = await liveBundleGrants(bundle.id);
    expect(grants).toHaveLength(6);
    expect(grants.map((x) => x.personId)).not.toContain(p["morgan.blake"]!.id);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: requested.id } })).status).toBe("ACTIVE");
  });

  it("a mover loses the old bundle's grant and gains the new one", async () => {
    const [support, finance] = await Promise.all(["Support tools", "Finance tools"].map((name) => db.prisma.bundle.findFirstOrThrow({ where: { name } })));
    await db.prisma.person.update({ where: { id: p["kai.tanaka"]!.id }, data: { department: "Finance" } });
    const outcome = await apply("kai.tanaka");
    expect(outcome.ended).toEqual([expect.objectContaining({ bundleId: support!.id })]);
    expect(outcome.added).toEqual([expect.objectContaining({ bundleId: finance!.id, rule: 'department equals "Finance"' })]);
    await driver.drain();
    expect(inOkta("datadog-users", "kai.tanaka")).toBe(false);
    expect(inOkta("netsuite-users", "kai.tanaka")).toBe(true);
    const ended = await db.prisma.grant.findUniqueOrThrow({ where: { id: outcome.ended[0]!.grantId }, include: { actions: true } });
    expect(ended.status).toBe("ENDED");
    expect(ended.endReason).toBe('revoked: no longer matches bundle "Support tools"');
    expect(ended.actions.find((a) => a.kind === "REMOVE_MEMBER")!.readBack).toMatchObject({ isMember: false });
    expect(await apply("kai.tanaka")).toEqual({ added: [], ended: [], skipped: [] });
  });

  it("disabling a bundle ends its grants, and leaves requested access alone", async () => {
    const bundle = await db.prisma.bundle.findFirstOrThrow({ where: { name: "Finance tools" } });
    const draft = { id: bundle.id, name: bundle.name, rules: [rule("department", "equals", "Finance")], roleIds: bundle.roleIds, enabled: false };
    const preview = await previewBundle(t.scope, draft);
    expect([preview.add.count, preview.remove.count, preview.matching]).toEqual([0, 7, 0]);
    expect(preview.remove.people.every((x) => x.reason === "bundle disabled")).toBe(true);
    await saveBundle(t.scope, draft);
    await driver.drain();
    expect(await liveBundleGrants(bundle.id)).toHaveLength(0);
    expect(inOkta("netsuite-users", "kai.tanaka")).toBe(false);
    expect(inOkta("netsuite-users", "morgan.blake")).toBe(true);
    await saveBundle(t.scope, { ...draft, enabled: true });
    await driver.drain();
    expect(await liveBundleGrants(bundle.id)).toHaveLength(7);
  });

  it("someone no longer active keeps no bundle grants", async () => {
    await db.prisma.person.update({ where: { id: p["leah.goldberg"]!.id }, data: { status: "SUSPENDED" } });
    const outcome = await apply("leah.goldberg");
    expect(outcome.ended).toHaveLength(1);
    expect(outcome.added).toHaveLength(0);
    await driver.drain();
    expect(inOkta("datadog-users", "leah.goldberg")).toBe(false);
    expect((await db.prisma.grant.findUniqueOrThrow({ where: { id: outcome.ended[0]!.grantId } })).endReason).toMatch(/no longer active/);
  });

  it("an edit previews and applies both ways: ANY adds the new matches, narrowing removes them", async () => {
    const bundle = await db.prisma.bundle.findFirstOrThrow({ where: { name: "Support tools" } });
    const wider = { id: bundle.id, name: "Support tools", matchMode: "ANY" as const, rules: [rule("department", "equals", "Support"), rule("title", "startsWith", "security")], roleIds: bundle.roleIds };
    const grow = await previewBundle(t.scope, wider);
    expect((await Promise.all(grow.add.people.map((x) => loginOf(x.personId)))).sort()).toEqual(["owen.walsh", "quinn.harper"]);
    expect(grow.add.people.find((x) => x.name === "Owen Walsh")!.reason).toBe('title starts with "security"');
    expect(grow.remove.count).toBe(0);
    await saveBundle(t.scope, wider);
    await driver.drain();
    expect(inOkta("datadog-users", "owen.walsh")).toBe(true);

    const narrower = { ...wider, matchMode: "ALL" as const, rules: [rule("department", "equals", "Support")] };
    const shrink = await previewBundle(t.scope, narrower);
    expect(shrink.add.count).toBe(0);
    expect((await Promise.all(shrink.remove.people.map((x) => loginOf(x.personId)))).sort()).toEqual(["owen.walsh", "quinn.harper"]);
    const holders = (await liveBundleGrants(bundle.id)).length;
    await saveBundle(t.scope, narrower);
    await driver.drain();
    expect((await liveBundleGrants(bundle.id)).length).toBe(holders - 2);
    expect(inOkta("datadog-users", "owen.walsh")).toBe(false);
    expect(await db.prisma.auditEvent.count({ where: { subjectId: bundle.id, action: "bundle.updated" } })).toBe(2);
  });

  it("a role two bundles grant moves from one to the other without leaving the IdP", async () => {
    const support = await db.prisma.bundle.findFirstOrThrow({ where: { name: "Support tools" } });
    const london = await saveBundle(t.scope, { name: "London office", rules: [rule("location", "equals", "London")], roleIds: support.roleIds });
    await driver.drain();
    // Ben already holds the role through Support tools: no second grant.
    expect((await liveBundleGrants(london.id)).map((x) => x.personId)).not.toContain(p["ben.foster"]!.id);
    expect(await apply("ben.foster")).toEqual({ added: [], ended: [], skipped: [] });

    await db.prisma.person.update({ where: { id: p["ben.foster"]!.id }, data: { department: "Legal" } });
    const outcome = await apply("ben.foster");
    expect(outcome.added).toEqual([expect.objectContaining({ bundleId: london.id, rule: 'location equals "London"' })]);
    expect(outcome.ended).toEqual([expect.objectContaining({ bundleId: support.id })]);
    await driver.drain();
    const removal = await db.prisma.identityAction.findFirstOrThrow({ where: { grantId: outcome.ended[0]!.grantId, kind: "REMOVE_MEMBER" } });
    expect(removal.readBack).toMatchObject({ kept: true });
    expect(inOkta("datadog-users", "ben.foster")).toBe(true);
    expect(await apply("ben.foster")).toEqual({ added: [], ended: [], skipped: [] });
  });

  it("retries the provisioning through an IdP 429 and 500", async () => {
    const figma = await role("figma-editors");
    okta.faults.inject({ status: 429, times: 1, match: (m) => m === "PUT" });
    okta.faults.inject({ status: 500, times: 1, match: (m) => m === "PUT" });
    const bundle = await saveBundle(t.scope, { name: "People ops", rules: [rule("department", "equals", "People")], roleIds: [figma.id] });
    await driver.drain();
    services.clock.advance(10 * 60_000);
    await driver.drain();
    services.clock.advance(10 * 60_000);
    await driver.drain();
    const grants = await liveBundleGrants(bundle.id);
    expect(grants.map((x) => x.status)).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"]);
    for (const who of ["rosa.mendes", "ian.doyle", "ella.fischer"]) expect(inOkta("figma-editors", who)).toBe(true);
  });
});

describe("deleting a bundle", () => {
  it("is refused while it still grants access, unless the grants are ended with it", async () => {
    const bundle = await db.prisma.bundle.findFirstOrThrow({ where: { name: "People ops" } });
    const e = await refusal(deleteBundle(t.scope, { bundleId: bundle.id }));
    expect(e.code).toBe("CONFLICT");
    expect(await db.prisma.bundle.count({ where: { id: bundle.id } })).toBe(1);
    const out = await deleteBundle(t.scope, { bundleId: bundle.id, endGrants: true });
    expect(out).toEqual({ deleted: true, endedGrants: 3 });
    await driver.drain();
    expect(await db.prisma.bundle.count({ where: { id: bundle.id } })).toBe(0);
    const grants = await db.prisma.grant.findMany({ where: { bundleId: bundle.id } });
    expect(grants.map((x) => x.status)).toEqual(["ENDED", "ENDED", "ENDED"]);
    expect(grants[0]!.endReason).toBe("revoked: bundle “People ops” deleted");
    expect(inOkta("figma-editors", "rosa.mendes")).toBe(false);
    expect(await db.prisma.auditEvent.count({ where: { subjectId: bundle.id, action: "bundle.deleted" } })).toBe(1);
  });

  it("deletes a bundle with no live grants straight away", async () => {
    const datadog = await role("datadog-users");
    const bundle = await saveBundle(t.scope, { name: "Nobody yet", rules: [rule("location", "equals", "Atlantis")], roleIds: [datadog.id] });
    await driver.drain();
    expect(await deleteBundle(t.scope, { bundleId: bundle.id })).toEqual({ deleted: true, endedGrants: 0 });
    expect((await refusal(deleteBundle(t.scope, { bundleId: bundle.id }))).code).toBe("NOT_FOUND");
  });
});

describe("refusals", () => {
  const admin = () => callerAs(services, t.admin, t.slug);
  const valid = async () => ({ name: "Valid", rules: [rule("department", "equals", "IT")], roleIds: [(await role("1password-team")).id] });

  it("another tenant's roles and bundles are not found", async () => {
    const other = await syncedTenant(services, "globex", okta, { admin: "noah.patel@acme.example", auditor: "ethan.brooks@acme.example", employee: "ava.nguyen@acme.example" });
    const app = await saveApp(other.scope, { name: "Globex app" });
    const theirs = await saveRole(other.scope, { appId: app.id, name: "Member", groupIds: [(await other.scope.tdb.group.findFirstOrThrow({ where: { name: "datadog-users" } })).id], steps: [{ kind: "MANAGER" }] });
    const theirBundle = await saveBundle(other.scope, { name: "Theirs", rules: [rule("department", "equals", "IT")], roleIds: [theirs.id] });
    const before = await db.prisma.bundle.count({ where: { tenantId: t.tenantId } });
    expect(await trpcCode(admin().bundles.save({ name: "Stolen role", rules: [rule("department", "equals", "IT")], roleIds: [theirs.id] }))).toBe("BAD_REQUEST");
    expect(await trpcCode(admin().bundles.preview({ rules: [rule("department", "equals", "IT")], roleIds: [theirs.id] }))).toBe("BAD_REQUEST");
    expect(await trpcCode(admin().bundles.get({ bundleId: theirBundle.id }))).toBe("NOT_FOUND");
    expect(await trpcCode(admin().bundles.save({ ...(await valid()), id: theirBundle.id }))).toBe("NOT_FOUND");
    expect(await trpcCode(admin().bundles.delete({ bundleId: theirBundle.id, endGrants: true }))).toBe("NOT_FOUND");
    expect((await admin().bundles.list()).map((x) => x.id)).not.toContain(theirBundle.id);
    expect(await db.prisma.bundle.count({ where: { tenantId: t.tenantId } })).toBe(before);
    expect(await db.prisma.bundle.count({ where: { id: theirBundle.id } })).toBe(1);
  });

  it("only admins change or preview bundles; auditors read them", async () => {
    const input = await valid();
    for (const user of [t.employee, t.auditor]) {
      const caller = callerAs(services, user, t.slug);
      expect(await trpcCode(caller.bundles.save(input))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.bundles.preview(input))).toBe("FORBIDDEN");
      expect(await trpcCode(caller.bundles.delete({ bundleId: "b1" }))).toBe("FORBIDDEN");
    }
    expect(await trpcCode(callerAs(services, t.employee, t.slug).bundles.list())).toBe("FORBIDDEN");
    const listed = await callerAs(services, t.auditor, t.slug).bundles.list();
    expect(listed.map((x) => x.name)).toContain("Support tools");
    expect(listed.find((x) => x.name === "Support tools")).toMatchObject({ rulesSummary: 'department equals "Support"', members: SUPPORT.length - 3 });
  });

  it("malformed and oversized input is a 400, and a duplicate name a conflict", async () => {
    const input = await valid();
    const bad = [
      { ...input, name: "" },
      { ...input, name: "x".repeat(81) },
      { ...input, rules: [] },
      { ...input, rules: Array.from({ length: 21 }, () => rule("department", "equals", "IT")) },
      { ...input, rules: [rule("department", "equals", "x".repeat(201))] },
      { ...input, rules: [rule("department", "equals", "   ")] },
      { ...input, rules: [{ field: "manager", op: "equals", value: "x" }] },
      { ...input, rules: [{ field: "department", op: "contains", value: "x" }] },
      { ...input, matchMode: "SOME" },
      { ...input, roleIds: [] },
      { ...input, roleIds: Array.from({ length: 51 }, (_, i) => `r${i}`) },
      { ...input, roleIds: ["x".repeat(65)] },
    ];
    for (const b of bad) expect(`${JSON.stringify(b).slice(0, 80)} → ${await trpcCode(admin().bundles.save(b as never))}`).toMatch(/BAD_REQUEST$/);
    expect(await trpcCode(admin().bundles.preview({ ...input, rules: Array.from({ length: 21 }, () => rule("department", "equals", "IT")) }))).toBe("BAD_REQUEST");
    expect(await trpcCode(admin().bundles.save({ ...input, name: "Support tools" }))).toBe("CONFLICT");
  });
});
