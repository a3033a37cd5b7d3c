// The admin CLI as an admin runs it: `node server/bin/gatehouse.mjs …` in a child process, against a
// temporary embedded database (or, when DATABASE_URL is set, a PostgreSQL database of its own) and a
// sandbox Okta started here. Each spawn costs 1–3 s (tsx + Prisma + PGlite), so the steps build on
// each other in order and the spawns are kept few.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockPath } from "../db/data-dir-lock.ts";
import { generateDirectory, startOktaSandbox, type OktaSandbox } from "../sandbox/okta/index.ts";
import { withDatabase } from "../testing/global-setup.ts";
import { runCliChild, SPAWN_TIMEOUT_MS } from "./cli-child.ts";
import type { CliResult } from "./cli-test-world.ts";

const root = path.resolve(import.meta.dirname, "../..");

type Result = CliResult;

let dataDir: string;
let databaseUrl: string | undefined;
let sandbox: OktaSandbox;

function cli(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<Result> {
  return runCliChild(args, { env: { GATEHOUSE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, OKTA_TOKEN: undefined, ...opts.env }, input: opts.input });
}

/** Every file under dir with its size and modification time: proof that nothing was written. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const s = await stat(p);
        out[path.relative(dir, p)] = `${s.size}:${s.mtimeMs}`;
      }
    }
  };
  await walk(dir);
  return out;
}

const pgliteDir = () => path.join(dataDir, "pglite");

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-cli-"));
  if (process.env.DATABASE_URL) {
    const name = `gh_cli_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    databaseUrl = withDatabase(process.env.DATABASE_URL, name);
  }
  sandbox = await startOktaSandbox({
    state: generateDirectory({ users: 30, groups: 6, memberships: 70, seed: 7, deprovisionedRatio: 0, suspendedRatio: 0 }),
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (databaseUrl && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
});

describe("gatehouse CLI", { timeout: 3 * SPAWN_TIMEOUT_MS }, () => {
  it("uses the same embedded database directory as the app", async () => {
    const [{ cliPgliteDir }, { pgliteDir: appPgliteDir }] = await Promise.all([import("./context.ts"), import("../runtime.ts")]);
    expect(cliPgliteDir()).toBe(appPgliteDir());
  });

  it("rejects invalid input with exit 2 and the field, before opening any database", async () => {
    const r = await cli(["connect", "okta", "--tenant", "acme", "--org-url", "acme.okta.com", "--token-env", "OKTA_TOKEN"], {
      env: { OKTA_TOKEN: "t0k3n-from-env" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--org-url: Okta org URL must be a full URL");
    expect(r.stderr).not.toContain("t0k3n-from-env");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(pgliteDir())).toBe(false);
  });

  it("asks for `gatehouse migrate` on a database that has none, without creating it", async () => {
    const r = await cli(["tenant", "list"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Run `gatehouse migrate`/);
    expect(existsSync(pgliteDir())).toBe(false);
  });

  it("migrate applies every migration once; a second run applies nothing", async () => {
    const expected = (await readdir(path.join(root, "prisma/migrations"), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const first = await cli(["migrate", "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ database: databaseUrl ? "postgres" : "pglite", applied: expected });

    const second = await cli(["migrate"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is up to date: no pending migrations/);
  });

  it("tenant create makes a tenant and its admin; a duplicate slug exits 1 with the reason", async () => {
    const created = await cli(["tenant", "create", "--slug", "acme", "--name", "Acme Corp", "--admin-email", "Alex@Acme.example", "--json"]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ slug: "acme", name: "Acme Corp", admin: "alex@acme.example", isDemo: false });

    const dup = await cli(["tenant", "create", "--slug", "acme", "--name", "Other", "--admin-email", "other@acme.example"]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("Error: A tenant with slug acme already exists");
    expect(dup.stdout).toBe("");
  });

  it("tenant create lists every invalid field (exit 2)", async () => {
    const r = await cli(["tenant", "create", "--slug", "Not A Slug!", "--name", "X", "--admin-email", "not-an-email"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--slug: Slug: lowercase letters, digits and dashes");
    expect(r.stderr).toContain("--admin-email: A valid admin email is required");
  });

  it("connect okta checks the token against Okta, saves it, and never prints it", async () => {
    const r = await cli(["connect", "okta", "--tenant", "acme", "--org-url", sandbox.url, "--token-env", "OKTA_TOKEN", "--json"], {
      env: { OKTA_TOKEN: sandbox.token },
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.connection).toMatchObject({ kind: "OKTA", name: "Okta", status: "HEALTHY", config: { orgUrl: sandbox.url, authMode: "token" } });
    expect(out.detail).toMatch(/Connected to Okta/);
    expect(r.stdout + r.stderr).not.toContain(sandbox.token);
  });

  it("connect okta with a bad token (read from stdin) exits 1 with Okta's reason", async () => {
    const r = await cli(["connect", "okta", "--tenant", "acme", "--org-url", sandbox.url, "--token", "-", "--name", "Second"], {
      input: "not-the-token\n",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: Could not connect: Okta rejected the API token");
    expect(r.stderr).not.toContain("not-the-token");
  });

  it("sync runs the directory sync to completion with progress and a summary", async () => {
    const r = await cli(["sync", "--tenant", "acme", "--json"]);
    expect(r.code).toBe(0);
    const { syncRun, ranHere } = JSON.parse(r.stdout);
    expect(ranHere).toBe(true);
    expect(syncRun).toMatchObject({
      status: "SUCCEEDED",
      trigger: "cli",
      usersSeen: sandbox.state.users.size,
      groupsSeen: sandbox.state.groups.size,
      membershipsSeen: sandbox.state.membershipCount,
      groupsTotal: sandbox.state.groups.size,
      groupsDone: sandbox.state.groups.size,
    });
    expect(r.stderr).toMatch(/Started sync \w+ of "Okta" for tenant acme/);
    expect(r.stderr).toMatch(/done: 30 users · 6 groups · 70 memberships · members of 6\/6 groups/);
  });

  it("sync exits 1 when the sync fails", async () => {
    sandbox.faults.inject({ status: 401, times: Infinity, match: (_m, p) => p.startsWith("/api/v1/groups") });
    try {
      const r = await cli(["sync", "--tenant", "acme", "--json"]);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).syncRun).toMatchObject({ status: "FAILED" });
      expect(r.stderr).toMatch(/Error: Sync \w+ of "Okta" failed: Okta rejected the API token .* list group/);
    } finally {
      sandbox.faults.clear();
    }
  });

  it("tenant list shows the tenant, with only the connection whose credentials worked", async () => {
    const r = await cli(["tenant", "list", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ slug: "acme", name: "Acme Corp", members: 1, connections: 1, people: sandbox.state.users.size }),
    ]);
  });

  it("refuses the embedded database while another live process holds it, and leaves it untouched", async () => {
    const dir = pgliteDir();
    const lock = lockPath(dir);
    // A live process holding the lock, as the running app does: this test process.
    await writeFile(lock, String(process.pid));
    try {
      const before = await snapshot(dataDir);
      const r = await cli(["migrate"], { env: { DATABASE_URL: undefined } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`is in use by another process (pid ${process.pid})`);
      expect(r.stderr).toMatch(/Stop Gatehouse first/);
      expect(r.stdout).toBe("");
      expect(await snapshot(dataDir)).toEqual(before);
      expect(existsSync(dir)).toBe(!databaseUrl);
      expect(await readFile(lock, "utf8")).toBe(String(process.pid));
    } finally {
      await rm(lock, { force: true });
    }
  });
});
