// What the benchmarks share: a throwaway database of either kind, percentiles and a plain table.
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "../db/client.ts";
import { applyMigrations } from "../db/migrations.ts";
import { OktaState } from "../sandbox/okta/index.ts";

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** A migrated database for one run: in-memory PGlite, or a fresh database on the PostgreSQL server. */
export async function benchDatabase(kind: "pglite" | "postgres", label: string): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const lite = await PGlite.create();
    const db = await openDatabase({ kind: "pglite", pglite: lite });
    await applyMigrations(db.adapterFactory);
    return { db, drop: async () => { await db.close(); await lite.close(); } };
  }
  const url = process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
  const name = `gh_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: u.toString() });
  await applyMigrations(db.adapterFactory);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}

/** A directory of N employees reporting to one approver, and one group the role maps to. */
export function directory(n: number): OktaState {
  const state = new OktaState();
  const boss = state.addUser({ login: "boss@bench.example", firstName: "Bo", lastName: "Ss", department: "Engineering" }, { log: false });
  for (let i = 0; i < n; i++) {
    state.addUser({ login: `e${i}@bench.example`, firstName: "E", lastName: String(i), department: "Engineering", managerId: boss.id }, { log: false });
  }
  state.addGroup({ name: "bench-group" }, { log: false });
  return state;
}
