import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { openDatabase, type Database } from "../db/client.ts";
import { withDatabase } from "./global-setup.ts";

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's template dump,
 * or, when DATABASE_URL is set, a PostgreSQL database cloned from the run's template. Closed after the file.
 */
export async function testDatabase(): Promise<Database> {
  const paths = { pgliteDump: inject("pgliteDump"), pgTemplate: inject("pgTemplate") };
  const url = process.env.DATABASE_URL;
  let db: Database;
  if (url) {
    const name = `${paths.pgTemplate}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${paths.pgTemplate}"`);
    await admin.end();
    db = await openDatabase({ kind: "postgres", url: withDatabase(url, name) });
    const close = db.close;
    db.close = async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dump = await readFile(paths.pgliteDump);
    const lite = await PGlite.create({ loadDataDir: new Blob([dump]) });
    db = await openDatabase({ kind: "pglite", pglite: lite });
    const close = db.close;
    db.close = async () => {
      await close();
      await lite.close();
    };
  }
  afterAll(() => db.close());
  return db;
}
