// Catalog as code on the demo tenant Acme (seeded through the same operations as `npm start`): export,
// apply, the diff, prune, and files that must be refused with their line numbers and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DEFAULT_JIRA_ACCOUNT, startJiraSandbox, type JiraSandbox } from "../../sandbox/jira/index.ts";
import { seedDemo } from "../../demo/seed-demo.ts";
import { testDatabase } from "../../testing/db.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { forTenant, type TenantScope } from "../services.ts";
import { DomainError } from "../errors.ts";
import { applyCatalogFile, type ApplyCatalogResult } from "./apply-catalog-file.ts";
import { MAX_CATALOG_FILE_BYTES } from "./catalog-file-schema.ts";
import { executeCatalogChanges } from "./execute-catalog-changes.ts";
import { exportCatalog } from "./export-catalog.ts";
import { joinTransaction } from "./join-transaction.ts";
import { planCatalogApply } from "./plan-catalog-apply.ts";

const db = await testDatabase();
const services = makeServices(db);
const okta = await acmeOkta();
let jira: JiraSandbox;
let acme: TenantScope;
let beta: Awaited<ReturnType<typeof syncedTenant>>;

beforeAll(async () => {
  jira = await startJiraSandbox({});
  const { tenantId } = await seedDemo(services, {
    okta: { url: okta.url, token: okta.token },
    jira: { url: jira.url, email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken, projectKey: "ACCESS" },
  });
  acme = forTenant(services, tenantId, { type: "cli", label: "cli:test" });
  // A second tenant on the same directory: same group names, its own group ids.
  beta = await syncedTenant(services, "beta", okta, { admin: "alex.kim@acme.example", auditor: "morgan.blake@acme.example", employee: "dana.lee@acme.example" });
}, 240_000);
afterAll(() => jira?.stop());

/** Every catalog row of the tenant, and its audit events: what "nothing written" is checked against. */
async function rowCounts(scope: TenantScope) {
  const t = scope.tdb;
  const [apps, owners, roles, roleGroups, steps, bundles, reclaimRules, audit, jobs] = await Promise.all([
    t.app.count(), t.appOwner.count(), t.role.count(), t.roleGroup.count(), t.roleApprovalStep.count(),
    t.bundle.count(), t.reclaimRule.count(), t.auditEvent.count(), db.prisma.job.count(),
  ]);
  return { apps, owners, roles, roleGroups, steps, bundles, reclaimRules, audit, jobs };
}

const changed = (r: ApplyCatalogResult) => (r.status === "invalid" ? r.problems.map((p) => `${p.line}: ${p.message}`) : r.diff.changes.map((c) => `${c.op} ${c.label}`));

describe("catalog as code", { timeout: 120_000 }, () => {
  it("exports the demo catalog; applying the export changes nothing, and exporting again gives the same bytes", async () => {
    const exported = await exportCatalog(acme);
    expect(exported).toMatchObject({ apps: 10, roles: 16, bundles: 2, reclaimRules: 0 });
    expect(exported.yaml).toContain("tenant: acme\nprune: false\n");
    expect(exported.yaml).toContain("    owners: [isla.fraser@acme.example]\n");
    expect(exported.yaml).toContain("          allowed: [1h, 6h, 1d]\n          max: 7d\n        groups: [github-admins]\n        approval: [manager, security]\n");
    expect(exported.yaml).toContain("    roles: [Zendesk / Agent]\n");
    const before = await rowCounts(acme);
    const r = await applyCatalogFile(acme, { text: exported.yaml });
    expect(changed(r)).toEqual([]);
    expect(r.status).toBe("unchanged");
    expect(await rowCounts(acme)).toEqual(before);
    expect((await exportCatalog(acme)).yaml).toBe(exported.yaml);
  });

  it("applies an edited file as exactly its diff, in one go with audit events; applying it again changes nothing", async () => {
    const file = parse((await exportCatalog(acme)).yaml);
    const app = (name: string) => file.apps.find((a: { name: string }) => a.name === name);
    app("GitHub").description = "Code and CI.";
    app("GitHub").owners.push("quinn.harper@acme.example");
    app("Figma").roles.push({ name: "Viewer", groups: ["figma-editors"], approval: [{ kind: "named", approver: "olivia.park@acme.example" }] });
    app("Datadog").reclaim = { enabled: true, inactivityDays: 45, graceDays: 3, exemptRoles: ["Standard user"] };
    app("AWS Production").roles[0].duration.allowed = ["1h", "2h"];
    file.apps.push({ name: "Notion", riskLevel: "low", owners: ["olivia.park@acme.example"], roles: [{ name: "Member", groups: ["hubspot-users"], approval: ["manager", { kind: "app_owner", mode: "all" }] }] });
    file.bundles.push({ name: "Design baseline", match: "any", rules: [{ field: "department", op: "equals", value: "Design" }], roles: ["Figma / Viewer", "Notion / Member"] });
    const text = stringify(file);

    const before = await rowCounts(acme);
    const planned = await applyCatalogFile(acme, { text, dryRun: true });
    expect(planned.status).toBe("planned");
    const expected = [
      "update app GitHub", "create app Notion",
      "update role AWS Production / Administrator", "create role Figma / Viewer", "create role Notion / Member",
      "create reclaim rule of Datadog", "create bundle Design baseline",
    ];
    expect(changed(planned)).toEqual(expected);
    expect(planned.status !== "invalid" && planned.diff.changes.find((c) => c.label === "app GitHub")?.details).toEqual(["description changed", "owners: +quinn.harper@acme.example"]);
    expect(planned.status !== "invalid" && planned.diff.changes.find((c) => c.label === "role AWS Production / Administrator")?.details).toEqual(["duration.allowed: 1h, 6h, 1d → 1h, 2h"]);
    expect(planned.status !== "invalid" && planned.diff.kept).toEqual([]);
    expect(await rowCounts(acme)).toEqual(before);

    const applied = await applyCatalogFile(acme, { text });
    expect(applied.status).toBe("applied");
    expect(changed(applied)).toEqual(expected);
    const after = await rowCounts(acme);
    expect(after).toMatchObject({ apps: before.apps + 1, roles: before.roles + 2, bundles: before.bundles + 1, reclaimRules: 1, owners: before.owners + 2 });
    const events = await acme.tdb.auditEvent.findMany({ where: { seq: { gt: before.audit } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "catalog.app.updated", "catalog.app.created", "catalog.role.updated", "catalog.role.created", "catalog.role.created",
      "reclaim.rule.created", "bundle.created", "catalog.file.applied",
    ]);
    expect(events.every((e) => e.actorLabel === "cli:test")).toBe(true);
    const viewer = await acme.tdb.role.findFirstOrThrow({ where: { name: "Viewer", app: { name: "Figma" } }, include: { steps: { include: { approver: true } } } });
    expect(viewer.steps.map((s) => [s.kind, s.approver?.email])).toEqual([["NAMED", "olivia.park@acme.example"]]);
    const rule = await acme.tdb.reclaimRule.findFirstOrThrow();
    expect(rule).toMatchObject({ inactivityDays: 45, graceDays: 3, exemptRoleIds: [(await acme.tdb.role.findFirstOrThrow({ where: { name: "Standard user" } })).id] });

    const again = await applyCatalogFile(acme, { text });
    expect(again.status).toBe("unchanged");
    expect(await rowCounts(acme)).toEqual(after);
    const reexported = (await exportCatalog(acme)).yaml;
    expect(reexported).toContain("    reclaim:\n      enabled: true\n      inactivityDays: 45\n      graceDays: 3\n      exemptRoles: [Standard user]\n");
    expect((await applyCatalogFile(acme, { text: reexported })).status).toBe("unchanged");
  });

  it("keeps what the file leaves out unless it says prune: true, and never deletes a role that still grants access", async () => {
    const file = parse((await exportCatalog(acme)).yaml);
    file.apps = file.apps.filter((a: { name: string }) => a.name !== "Notion");
    const figma = file.apps.find((a: { name: string }) => a.name === "Figma");
    figma.roles = figma.roles.filter((r: { name: string }) => r.name !== "Viewer");
    delete file.apps.find((a: { name: string }) => a.name === "Datadog").reclaim;
    file.bundles = file.bundles.filter((b: { name: string }) => b.name !== "Design baseline");

    const kept = await applyCatalogFile(acme, { text: stringify(file), dryRun: true });
    expect(kept.status).toBe("unchanged");
    expect(kept.status !== "invalid" && kept.diff.kept.map((k) => k.label)).toEqual(["reclaim rule of Datadog", "role Figma / Viewer", "app Notion", "bundle Design baseline"]);

    // A live grant of Figma / Viewer: pruning it is refused (at the prune line), and nothing is written.
    const viewer = await acme.tdb.role.findFirstOrThrow({ where: { name: "Viewer", app: { name: "Figma" } } });
    const person = await acme.tdb.person.findFirstOrThrow({ where: { email: "olivia.park@acme.example" } });
    const grant = await acme.tdb.grant.create({ data: { personId: person.id, roleId: viewer.id, source: "import", status: "ACTIVE" } as never });
    file.prune = true;
    const text = stringify(file);
    const before = await rowCounts(acme);
    const refused = await applyCatalogFile(acme, { text });
    expect(refused.status).toBe("invalid");
    expect(changed(refused)).toEqual([`3: cannot delete role Figma / Viewer: it still grants access 1 time; revoke those grants first, or keep it in the file`]);
    expect(await rowCounts(acme)).toEqual(before);

    await acme.tdb.grant.delete({ where: { id: grant.id } });
    const pruned = await applyCatalogFile(acme, { text });
    expect(changed(pruned)).toEqual(["delete app Notion", "delete role Figma / Viewer", "delete reclaim rule of Datadog", "delete bundle Design baseline"]);
    expect(await rowCounts(acme)).toMatchObject({ apps: before.apps - 1, roles: before.roles - 2, bundles: before.bundles - 1, reclaimRules: 0 });
    expect((await applyCatalogFile(acme, { text })).status).toBe("unchanged");
  });

  it("refuses an invalid file with every problem at its line, and writes nothing", async () => {
    const text = [
      /*  1 */ "version: 1",
      /*  2 */ "apps:",
      /*  3 */ "  - name: GitHub",
      /*  4 */ "    riskLevel: medium",
      /*  5 */ "    owners: [isla.fraser@acme.example, nobody@acme.example]",
      /*  6 */ "    roles:",
      /*  7 */ "      - name: Engineer",
      /*  8 */ "        groups: [github-engneers]",
      /*  9 */ "        approval: [manager]",
      /* 10 */ "      - name: Organisation owner",
      /* 11 */ "        privileged: true",
      /* 12 */ "        duration: {required: true, allowed: [1h, 6 hours], max: 7d}",
      /* 13 */ "        groups: [github-admins]",
      /* 14 */ "        approval: [manager, {kind: named, approver: ghost@acme.example}]",
      /* 15 */ "  - name: GitHub",
      /* 16 */ "    grups: [x]",
      /* 17 */ "    roles: []",
      /* 18 */ "  - name: Active Directory",
      /* 19 */ "    roles:",
      /* 20 */ "      - name: Domain user",
      /* 21 */ "        groups: [\"AD: Domain Users\"]",
      /* 22 */ "        approval: [manager]",
      /* 23 */ "bundles:",
      /* 24 */ "  - name: Everyone",
      /* 25 */ "    rules: [{field: department, op: equals, value: Sales}]",
      /* 26 */ "    roles: [GitHub / Nope]",
    ].join("\n");
    const before = await rowCounts(acme);
    const r = await applyCatalogFile(acme, { text });
    expect(r.status).toBe("invalid");
    const problems = r.status === "invalid" ? r.problems : [];
    expect(problems.map((p) => `${p.line} ${p.where}: ${p.message}`)).toEqual([
      "5 app \"GitHub\" › owners[1]: unknown person nobody@acme.example: nobody with this email in this tenant's directory",
      "8 app \"GitHub\" › role \"Engineer\" › groups[0]: unknown group \"github-engneers\": no group of this tenant's directory has this name or id",
      "12 app \"GitHub\" › role \"Organisation owner\" › duration.allowed[1]: bad duration \"6 hours\": write a whole number of minutes, hours or days, e.g. 90m, 6h, 7d",
      "14 app \"GitHub\" › role \"Organisation owner\" › approval[1].approver: unknown person ghost@acme.example: nobody with this email in this tenant's directory",
      "15 app \"GitHub\" › name: app \"GitHub\" appears twice in the file",
      "16 app \"GitHub\" › grups: unknown field \"grups\"",
      "21 app \"Active Directory\" › role \"Domain user\" › groups[0]: AD: Domain Users cannot be changed through the IdP's API (APP_GROUP: membership is mastered by the source app (e.g. Active Directory); Okta refuses changes); map the role to a managed group",
      "26 bundle \"Everyone\" › roles[0]: unknown role \"GitHub / Nope\": no such role in the file or the catalog",
    ]);
    expect(await rowCounts(acme)).toEqual(before);

    const syntax = await applyCatalogFile(acme, { text: "apps:\n  - name: GitHub\n    roles: [\n" });
    expect(syntax.status === "invalid" && syntax.problems[0]!.line).toBe(4);
    expect(await rowCounts(acme)).toEqual(before);
  });

  it("refuses an oversized file before parsing it", async () => {
    const text = `apps:\n${"  - name: x\n    description: " + "y".repeat(1000) + "\n"}`.repeat(Math.ceil(MAX_CATALOG_FILE_BYTES / 1000) + 1);
    const err = await applyCatalogFile(acme, { text }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as Error).message).toMatch(/the limit is 2,097,152 bytes/);
  });

  it("cannot name another tenant's groups, and refuses a file made for another tenant", async () => {
    const betaGroup = await beta.scope.tdb.group.findFirstOrThrow({ where: { name: "figma-editors" } });
    const file = parse((await exportCatalog(acme)).yaml);
    file.apps.find((a: { name: string }) => a.name === "Figma").roles[0].groups = [betaGroup.id];
    const r = await applyCatalogFile(acme, { text: stringify(file) });
    expect(r.status === "invalid" && r.problems.map((p) => p.message)).toEqual([`unknown group "${betaGroup.id}": no group of this tenant's directory has this name or id`]);

    // Acme's file in beta: refused at its tenant line; without that line, names resolve to beta's own groups.
    const inBeta = await applyCatalogFile(beta.scope, { text: (await exportCatalog(acme)).yaml, dryRun: true });
    expect(inBeta.status === "invalid" && inBeta.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "6: this file is the catalog of tenant acme, not beta; change or remove this line to apply it to beta",
    ]);
    delete file.tenant;
    file.apps.find((a: { name: string }) => a.name === "Figma").roles[0].groups = ["figma-editors"];
    const copied = await applyCatalogFile(beta.scope, { text: stringify(file) });
    expect(copied.status).toBe("applied");
    const figma = await beta.scope.tdb.role.findFirstOrThrow({ where: { name: "Editor", app: { name: "Figma" } }, include: { groups: true } });
    expect(figma.groups.map((g) => g.groupId)).toEqual([betaGroup.id]);
  });

  it("runs every operation inside the one transaction: a failure after them rolls all of them back", async () => {
    const file = parse((await exportCatalog(acme)).yaml);
    file.apps.push({ name: "Miro", owners: ["olivia.park@acme.example"], roles: [{ name: "Member", groups: ["figma-editors"], approval: ["manager"] }] });
    file.apps.find((a: { name: string }) => a.name === "Figma").description = "Changed.";
    const text = stringify(file);
    const before = await rowCounts(acme);
    const err = await acme.tdb.$transaction(async (tx) => {
      const plan = await planCatalogApply(tx, "acme", text);
      expect(plan.problems).toEqual([]);
      expect(plan.diff.changes.map((c) => `${c.op} ${c.label}`)).toEqual(["update app Figma", "create app Miro", "create role Miro / Member"]);
      await executeCatalogChanges(joinTransaction(acme, tx), plan);
      expect(await tx.app.count()).toBe(before.apps + 1);
      throw new Error("a later step failed");
    }, { timeout: 60_000 }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toBe("a later step failed");
    expect(await rowCounts(acme)).toEqual(before);
    expect(await acme.tdb.app.findFirst({ where: { name: "Miro" } })).toBeNull();
  });
});
