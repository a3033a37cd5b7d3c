// What the benchmarks share: a throwaway database of either kind, percentiles and a plain table.
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "../db/client.ts";
import { applyMigrations } from "../db/migrations.ts";
import { OktaState, startOktaSandbox, DEFAULT_OKTA_TOKEN, type OktaSandbox } from "../sandbox/okta/index.ts";
import { systemClock } from "../domain/clock.ts";
import { forTenant, type Services, type TenantScope } from "../domain/services.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import type { LocalJobDriver } from "../jobs/local-driver.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { startSync } from "../domain/sync/start-sync.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";

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

/**
 * A tenant "bench" on a fresh database, connected to a sandbox Okta with N employees and synced, with
 * one app whose role maps to bench-group and needs the manager. The job queue pokes `driver` once set.
 */
export async function benchWorld(kind: "pglite" | "postgres", label: string, employees: number) {
  const okta: OktaSandbox = await startOktaSandbox({ state: directory(employees), token: DEFAULT_OKTA_TOKEN });
  const { db, drop } = await benchDatabase(kind, label);
  const world = { driver: undefined as LocalJobDriver | undefined };
  const services: Services = {
    db: db.prisma, clock: systemClock, connectors: defaultConnectorFactory,
    jobs: new TableJobQueue(db.prisma, systemClock, () => world.driver?.poke()),
  };
  const close = async () => {
    await drop();
    await okta.stop();
  };
  try {
    const tenant = await createTenant(services, { type: "cli", label: "bench" }, { slug: "bench", name: "Bench", adminEmail: "boss@bench.example" });
    const scope: TenantScope = forTenant(services, tenant.id, { type: "cli", label: "bench" });
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
    const { run } = await startSync(scope, { connectionId: connection.id, trigger: "cli" });
    await runSync(services, { tenantId: tenant.id, syncRunId: run.id });
    const group = await scope.tdb.group.findFirstOrThrow({ where: { name: "bench-group" } });
    const app = await saveApp(scope, { name: "Bench app" });
    const role = await saveRole(scope, { appId: app.id, name: "User", groupIds: [group.id], steps: [{ kind: "MANAGER" }] });
    const people = await scope.tdb.person.findMany({ where: { login: { startsWith: "e" } }, orderBy: { login: "asc" } });
    return Object.assign(world, { okta, db, services, scope, tenant, connection, group, role, people, close });
  } catch (e) {
    await close();
    throw e;
  }
}
