import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations } from "../db/migrations.ts";
import type { TestProject } from "vitest/node";

// Migrate once per run: a PGlite dump that each test file loads, and, when DATABASE_URL is set,
// a PostgreSQL template database that each test file clones.
declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const paths = { pgliteDump: path.resolve(".data/test", `template-${runId}.tar.gz`), pgTemplate: `gh_test_${runId}` };
  project.provide("pgliteDump", paths.pgliteDump);
  project.provide("pgTemplate", paths.pgTemplate);
  await mkdir(path.dirname(paths.pgliteDump), { recursive: true });
  const lite = new PGlite();
  await applyMigrations(new PrismaPGlite(lite));
  const dump = await lite.dumpDataDir("gzip");
  await writeFile(paths.pgliteDump, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  const url = process.env.DATABASE_URL;
  if (!url) return () => rm(paths.pgliteDump, { force: true });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${paths.pgTemplate}"`);
  await admin.query(`CREATE DATABASE "${paths.pgTemplate}"`);
  // Our own pool, ended afterwards: a template database must have no open connections to be cloned.
  const pool = new pg.Pool({ connectionString: withDatabase(url, paths.pgTemplate) });
  await applyMigrations(new PrismaPg(pool));
  await pool.end();
  await admin.end();
  return async () => {
    await rm(paths.pgliteDump, { force: true });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${paths.pgTemplate}%`]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
