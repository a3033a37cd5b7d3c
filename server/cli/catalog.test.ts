// `gatehouse catalog export` and `gatehouse catalog apply` against the demo tenant Acme seeded into a
// temporary data directory (or its own PostgreSQL database): through main() in this process, and once as
// a child process, as `npx gatehouse catalog export > catalog.yaml` runs.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCliChild, SPAWN_TIMEOUT_MS } from "./cli-child.ts";
import { cliInProcess as cli, cliTestWorld, withCliDb as withDb } from "./cli-test-world.ts";

const world = cliTestWorld("catalog");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-catalog-file-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const auditCount = () => withDb((db) => db.auditEvent.count({ where: { tenant: { slug: "acme" } } }));
async function fileWith(name: string, text: string) {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
}

describe("gatehouse catalog", { timeout: 3 * SPAWN_TIMEOUT_MS }, () => {
  let exported = "";

  it("export prints the catalog as YAML on stdout (a child process, as `npx gatehouse catalog export > catalog.yaml`)", async () => {
    const r = await runCliChild(["catalog", "export", "--tenant", "acme"], { env: { GATEHOUSE_DATA_DIR: world.dataDir, DATABASE_URL: world.databaseUrl } });
    expect(r.stderr).toBe("Exported the catalog of tenant acme: 10 apps, 16 roles, 2 bundles, 0 reclaim rules.\n");
    expect(r.code).toBe(0);
    exported = r.stdout;
    expect(parse(exported)).toMatchObject({ version: 1, tenant: "acme", prune: false, apps: expect.any(Array), bundles: expect.any(Array) });
    // The only tenant is the default.
    expect((await cli(["catalog", "export"])).stdout).toBe(exported);
  });

  it("apply of the export changes nothing (exit 0)", async () => {
    const file = await fileWith("catalog.yaml", exported);
    const before = await auditCount();
    const r = await cli(["catalog", "apply", file]);
    expect(r).toMatchObject({ code: 0, stderr: "", stdout: `No changes: the catalog of tenant acme already matches ${file}.\n` });
    const json = await cli(["catalog", "apply", file, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ tenant: "acme", status: "unchanged", counts: { create: 0, update: 0, delete: 0 } });
    expect(await auditCount()).toBe(before);
  });

  it("--dry-run prints the diff and writes nothing; apply writes it; a second apply changes nothing", async () => {
    const doc = parse(exported);
    const github = doc.apps.find((a: { name: string }) => a.name === "GitHub");
    github.riskLevel = "high";
    github.roles[0].groups.push("github-admins");
    doc.apps = doc.apps.filter((a: { name: string }) => a.name !== "HubSpot");
    doc.bundles.push({ name: "Sales baseline", rules: [{ field: "department", op: "equals", value: "Sales" }], roles: ["Salesforce / Sales user"] });
    const file = await fileWith("edited.yaml", stringify(doc));
    const before = await auditCount();

    const dry = await cli(["catalog", "apply", file, "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe([
      `Changes ${file} would make to the catalog of tenant acme:`,
      "  ~ update app GitHub",
      "      riskLevel: medium → high",
      "  ~ update role GitHub / Engineer",
      "      groups: +github-admins",
      "  + create bundle Sales baseline",
      "Not in the file, kept (the file does not say `prune: true`):",
      "  = app HubSpot",
      "Dry run: 1 to create, 2 to update, 0 to delete. Nothing was written.",
      "",
    ].join("\n"));
    expect(await auditCount()).toBe(before);

    const applied = await cli(["catalog", "apply", file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Done in one transaction: 1 created, 2 updated, 0 deleted");
    expect(await auditCount()).toBe(before + 4); // three changes and the file
    await withDb(async (db) => {
      const engineer = await db.role.findFirstOrThrow({ where: { name: "Engineer", app: { name: "GitHub", tenant: { slug: "acme" } } }, include: { groups: { include: { group: true } } } });
      expect(engineer.groups.map((g) => g.group.name).sort()).toEqual(["github-admins", "github-engineers"]);
    });
    const again = await cli(["catalog", "apply", file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes: .*\nNot in the file, kept .*\n  = app HubSpot\n$/);
    expect(await auditCount()).toBe(before + 4);
  });

  it("an invalid file exits 1 with every problem at its line and nothing written", async () => {
    const file = await fileWith("bad.yaml", [
      "apps:",
      "  - name: GitHub",
      "    owners: [nobody@acme.example]",
      "    roles:",
      "      - name: Engineer",
      "        duration: {max: 3 weeks}",
      "        groups: [no-such-group]",
      "        approval: [manager]",
    ].join("\n"));
    const before = await auditCount();
    const r = await cli(["catalog", "apply", file, "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe([
      `Error: ${file} has 3 problems; nothing was written:`,
      `  ${file}:3:14: app "GitHub" › owners[0]: unknown person nobody@acme.example: nobody with this email in this tenant's directory`,
      `  ${file}:6:25: app "GitHub" › role "Engineer" › duration.max: bad duration "3 weeks": write a whole number of minutes, hours or days, e.g. 90m, 6h, 7d`,
      `  ${file}:7:18: app "GitHub" › role "Engineer" › groups[0]: unknown group "no-such-group": no group of this tenant's directory has this name or id`,
      "",
    ].join("\n"));
    const json = await cli(["catalog", "apply", file, "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "invalid", problems: [{ line: 3 }, { line: 6 }, { line: 7 }] });
    expect(await auditCount()).toBe(before);
  });

  it("usage errors exit 2; a missing or oversized file, or an unknown tenant, exits 1", async () => {
    expect((await cli(["catalog", "apply"])).code).toBe(2);
    expect((await cli(["catalog", "nope"])).code).toBe(2);
    const missing = await cli(["catalog", "apply", path.join(dir, "missing.yaml")]);
    expect(missing).toMatchObject({ code: 1, stderr: `Error: Cannot read ${path.join(dir, "missing.yaml")}: no such file\n` });
    const big = await fileWith("big.yaml", "# " + "x".repeat(2 * 1024 * 1024));
    const oversized = await cli(["catalog", "apply", big, "--tenant", "acme"]);
    expect(oversized).toMatchObject({ code: 1, stdout: "", stderr: `Error: ${big} is 2,097,154 bytes; the limit is 2,097,152 bytes\n` });
    const tenant = await cli(["catalog", "export", "--tenant", "nope"]);
    expect(tenant).toMatchObject({ code: 1, stdout: "", stderr: "Error: Tenant nope not found (see `gatehouse tenant list`)\n" });
  });
});
