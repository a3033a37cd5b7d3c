// The demo tenant Acme seeded, through this process, into a temporary data directory (or a PostgreSQL
// database of its own when DATABASE_URL is set), with Acme's directory in a sandbox Okta and a sandbox
// Jira; the environment points the CLI at it. For the CLI's tests: main() in this process, or children.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { buildAcmeDirectory } from "../demo/acme-directory.ts";
import { seedDemo } from "../demo/seed-demo.ts";
import { resetEnvForTests } from "../env.ts";
import { resetKeyringForTests } from "../lib/secrets.ts";
import { DEFAULT_JIRA_ACCOUNT, startJiraSandbox, type JiraSandbox } from "../sandbox/jira/index.ts";
import { DEFAULT_OKTA_TOKEN, startOktaSandbox, type OktaSandbox } from "../sandbox/okta/index.ts";
import { withDatabase } from "../testing/global-setup.ts";
import { buildServices, openCliDatabase } from "./context.ts";
import { main } from "./main.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliTestWorld {
  dataDir: string;
  databaseUrl: string | undefined;
  okta: OktaSandbox;
  jira: JiraSandbox;
}

/** Registers the set-up and tear-down hooks; the world's fields are filled before the first test. */
export function cliTestWorld(label: string): CliTestWorld {
  const world = {} as CliTestWorld;
  const savedEnv = { GATEHOUSE_DATA_DIR: process.env.GATEHOUSE_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  beforeAll(async () => {
    world.dataDir = await mkdtemp(path.join(os.tmpdir(), `gatehouse-cli-${label}-`));
    if (process.env.DATABASE_URL) {
      const name = `gh_cli_${label.replace(/\W/g, "_")}_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplate")}"`);
      await admin.end();
      world.databaseUrl = withDatabase(process.env.DATABASE_URL, name);
    } else {
      // The run's migrated template, as `gatehouse migrate` leaves a new embedded database.
      const lite = await PGlite.create(path.join(world.dataDir, "pglite"), { loadDataDir: new Blob([await readFile(inject("pgliteDump"))]) });
      await lite.close();
    }
    // This process acts as the CLI too (seeding, main()): same data directory, database and secret key as children.
    process.env.GATEHOUSE_DATA_DIR = world.dataDir;
    if (world.databaseUrl) process.env.DATABASE_URL = world.databaseUrl;
    resetEnvForTests();
    resetKeyringForTests();
    world.okta = await startOktaSandbox({ state: buildAcmeDirectory(), token: DEFAULT_OKTA_TOKEN });
    world.jira = await startJiraSandbox({});
    const { database } = await openCliDatabase({ create: false });
    try {
      await seedDemo(await buildServices(database, { connectors: true }), {
        okta: { url: world.okta.url, token: world.okta.token },
        jira: { url: world.jira.url, email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken, projectKey: "ACCESS" },
      });
    } finally {
      await database.close();
    }
  }, 240_000);

  afterAll(async () => {
    await world.okta?.stop();
    await world.jira?.stop();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    resetKeyringForTests();
    if (world.dataDir) await rm(world.dataDir, { recursive: true, force: true });
    if (world.databaseUrl && savedEnv.DATABASE_URL) {
      const admin = new pg.Client({ connectionString: savedEnv.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(world.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    }
  });
  return world;
}

/** The CLI's main() in this process (same parsing, commands and exit codes; no process start-up). */
export async function cliInProcess(args: string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "gatehouse", ...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** Reads the database between commands (the embedded one can be open in one place at a time). */
export async function withCliDb<T>(fn: (db: Awaited<ReturnType<typeof openCliDatabase>>["database"]["prisma"]) => Promise<T>): Promise<T> {
  const { database } = await openCliDatabase({ create: false });
  try {
    return await fn(database.prisma);
  } finally {
    await database.close();
  }
}
