// `npm run bench -- reclaim`: the Auto Reclaim scan over 100,000 live grants.
//
// A fresh migrated database (PGlite in memory, or --db postgres) seeded directly with SQL: 10,000 people, 10 apps
// with one role each and an enabled rule (30 days / 7 days grace, 50 exempt people), everyone holding every role
// (100,000 ACTIVE grants, activated 120 days ago). Eight apps have an Okta app id and a fresh System Log read
// (AppUsage rows: most people used the app within 20 days, --inactive-pct of them 45+ days ago); two apps have none,
// so the person's last Okta sign-in is the measure (and people who never signed in are FLAGGED).
//
// Floor: the scan's own candidate SELECT (reclaimCandidatesSql, the very same query) run alone, median of 3,
// measured in the same run before the scan. Then the scan operation itself (lock, clear stale flags, the SELECT,
// and writing every case, notice and audit event in one transaction), and a second scan the next day, which
// finds nothing new: the steady state of the daily job.

import { parseArgs } from "node:util";
import { startOktaSandbox, DEFAULT_OKTA_TOKEN, OktaState } from "../sandbox/okta/index.ts";
import { ControllableClock } from "../domain/clock.ts";
import { forTenant, type Services } from "../domain/services.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { scanReclaim } from "../domain/reclaim/scan-reclaim.ts";
import { reclaimCandidatesSql } from "../domain/reclaim/reclaim-candidates-sql.ts";
import { benchDatabase, printTable } from "./bench-kit.ts";

/** The scan, writes included, may take this many times its bare SELECT. */
const MAX_SCAN_RATIO = 3;
/** A rescan that opens no case is the SELECT plus a lock and an UPDATE: close to the floor. */
const MAX_RESCAN_RATIO = 1.5;

interface Options { people: number; apps: number; inactivePct: number; kind: "pglite" | "postgres" }

async function run(o: Options) {
  const okta = await startOktaSandbox({ state: new OktaState(), token: DEFAULT_OKTA_TOKEN });
  const { db, drop } = await benchDatabase(o.kind, "reclaim");
  try {
    const clock = new ControllableClock(new Date("2026-11-26T06:00:00Z"));
    const now = clock.now();
    const services: Services = { db: db.prisma, clock, connectors: defaultConnectorFactory, jobs: new TableJobQueue(db.prisma, clock) };
    const tenant = await createTenant(services, { type: "cli", label: "bench" }, { slug: "bench", name: "Bench", adminEmail: "u0@bench.example" });
    const scope = forTenant(services, tenant.id, { type: "cli", label: "bench" });
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
    const t0 = performance.now();
    const nowIso = now.toISOString();
    const logApps = Math.max(0, o.apps - 2);
    // People: last Okta sign-in within 20 days, --inactive-pct of them 45+ days ago, none for every 200th person.
    await db.prisma.$executeRaw`
      INSERT INTO "Person" (id, "tenantId", "connectionId", "externalId", login, email, "firstName", "lastName", "displayName", status, "lastLoginAt")
      SELECT 'bp' || i, ${tenant.id}, ${connection.id}, '00ubench' || i, 'u' || i || '@bench.example', 'u' || i || '@bench.example', 'U', i::text, 'User ' || i,
        'ACTIVE', CASE WHEN i % 200 = 199 THEN NULL
          WHEN i % 1000 < ${Math.round(o.inactivePct * 10)} THEN ${nowIso}::timestamp(3) - ((45 + i % 30) || ' days')::interval
          ELSE ${nowIso}::timestamp(3) - ((i % 20) || ' days')::interval END
      FROM generate_series(0, ${o.people - 1}) i`;
    await db.prisma.$executeRaw`
      INSERT INTO "App" (id, "tenantId", name, "externalAppId", "updatedAt")
      SELECT 'ba' || a, ${tenant.id}, 'Bench app ' || a, CASE WHEN a < ${logApps} THEN '0oabench' || a END, now()
      FROM generate_series(0, ${o.apps - 1}) a`;
    await db.prisma.$executeRaw`
      INSERT INTO "Role" (id, "tenantId", "appId", name, "updatedAt") SELECT 'br' || a, ${tenant.id}, 'ba' || a, 'Member', now() FROM generate_series(0, ${o.apps - 1}) a`;
    await db.prisma.$executeRaw`
      INSERT INTO "ReclaimRule" (id, "tenantId", "appId", enabled, "inactivityDays", "graceDays", "exemptRoleIds", "exemptPersonIds", "usageReadUntil", "updatedBy", "updatedAt")
      SELECT 'brr' || a, ${tenant.id}, 'ba' || a, true, 30, 7, '{}',
        ARRAY(SELECT 'bp' || (i * 97) FROM generate_series(0, 49) i), ${nowIso}::timestamp(3), 'bench', now()
      FROM generate_series(0, ${o.apps - 1}) a`;
    await db.prisma.$executeRaw`
      INSERT INTO "Grant" (id, "tenantId", "personId", "roleId", source, status, "activatedAt", "createdAt", "updatedAt")
      SELECT 'bg' || a || '_' || i, ${tenant.id}, 'bp' || i, 'br' || a, 'request', 'ACTIVE',
        ${nowIso}::timestamp(3) - interval '120 days', ${nowIso}::timestamp(3) - interval '120 days', now()
      FROM generate_series(0, ${o.apps - 1}) a, generate_series(0, ${o.people - 1}) i`;
    // Last use per app: (a*31 + i) % 1000 < 10 × pct → 45+ days ago (inactive), else within 20 days.
    await db.prisma.$executeRaw`
      INSERT INTO "AppUsage" ("tenantId", "appId", "personId", "lastUsedAt", source, "observedAt")
      SELECT ${tenant.id}, 'ba' || a, 'bp' || i,
        CASE WHEN (a * 31 + i) % 1000 < ${Math.round(o.inactivePct * 10)} THEN ${nowIso}::timestamp(3) - ((45 + i % 30) || ' days')::interval
             ELSE ${nowIso}::timestamp(3) - ((i % 20) || ' days')::interval END,
        'system_log', now()
      FROM generate_series(0, ${logApps - 1}) a, generate_series(0, ${o.people - 1}) i`;
    await db.prisma.$executeRaw`ANALYZE`;
    const setUpMs = performance.now() - t0;
    const grants = o.apps * o.people;

    // The floor: the scan's own SELECT, alone (warm once, then the median of three).
    const sql = reclaimCandidatesSql(tenant.id, now);
    await db.prisma.$queryRaw(sql);
    const floors: number[] = [];
    let floorRows = 0;
    for (let k = 0; k < 3; k++) {
      const s = performance.now();
      floorRows = (await db.prisma.$queryRaw<unknown[]>(sql)).length;
      floors.push(performance.now() - s);
    }
    const floorMs = floors.sort((x, y) => x - y)[1]!;

    const s1 = performance.now();
    const timings: Record<string, number> = {};
    const first = await scanReclaim(services, { tenantId: tenant.id }, { timings });
    const scanMs = performance.now() - s1;

    clock.advance(86_400_000);
    await db.prisma.$executeRaw`UPDATE "ReclaimRule" SET "usageReadUntil" = ${clock.now().toISOString()}::timestamp(3) WHERE "tenantId" = ${tenant.id}`;
    const rescanFloorS = performance.now();
    const rescanFloorRows = (await db.prisma.$queryRaw<unknown[]>(reclaimCandidatesSql(tenant.id, clock.now()))).length;
    const rescanFloorMs = performance.now() - rescanFloorS;
    const s2 = performance.now();
    const second = await scanReclaim(services, { tenantId: tenant.id });
    const rescanMs = performance.now() - s2;

    const written = {
      cases: await db.prisma.reclaimCase.count({ where: { tenantId: tenant.id } }),
      notices: await db.prisma.notification.count({ where: { tenantId: tenant.id, kind: "reclaim.notified" } }),
      audit: await db.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: { startsWith: "reclaim." } } }),
    };
    return { grants, setUpMs, floorMs, floorRows, scanMs, timings, first, rescanMs, rescanFloorMs, rescanFloorRows, second, written };
  } finally {
    await drop();
    await okta.stop();
  }
}

export async function reclaimBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: "string", default: "10000" },
      apps: { type: "string", default: "10" },
      "inactive-pct": { type: "string", default: "3" },
      db: { type: "string", default: "pglite" },
    },
  });
  const o: Options = {
    people: Number(values.people), apps: Number(values.apps), inactivePct: Number(values["inactive-pct"]),
    kind: values.db === "postgres" ? "postgres" : "pglite",
  };
  console.log(`Auto Reclaim scan: ${o.people * o.apps} grants (${o.people} people × ${o.apps} apps), ${o.inactivePct}% unused on the System Log apps, ${o.kind}`);
  const r = await run(o);
  const ratio = r.scanMs / r.floorMs;
  const rescanRatio = r.rescanMs / r.rescanFloorMs;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  printTable([
    ["", "time", "rows", "ratio", "bar"],
    ["floor: the candidate SELECT alone", ms(r.floorMs), String(r.floorRows), "1.00×", ""],
    ["scan (SELECT + cases, notices, audit)", ms(r.scanMs), `${r.first.notified} notified, ${r.first.flagged} flagged`, `${ratio.toFixed(2)}×`, `≤ ${MAX_SCAN_RATIO}×`],
    ["next day: SELECT alone", ms(r.rescanFloorMs), "", "1.00×", ""],
    ["next day: scan", ms(r.rescanMs), `${r.second.scanned} newly inactive`, `${rescanRatio.toFixed(2)}×`, `≤ ${MAX_RESCAN_RATIO}×`],
  ]);
  console.log(`written: ${r.written.cases} cases, ${r.written.notices} in-app notices, ${r.written.audit} audit events · set-up ${ms(r.setUpMs)}`);
  console.log(`scan phases: ${Object.entries(r.timings).map(([k, v]) => `${k} ${ms(v)}`).join(", ")}`);
  // The scan opens exactly what its SELECT finds; the rescan only what became inactive since (its own SELECT's rows).
  const consistent = r.floorRows === r.first.scanned && r.rescanFloorRows === r.second.scanned && r.written.cases === r.first.scanned + r.second.scanned;
  const pass = consistent && ratio <= MAX_SCAN_RATIO && rescanRatio <= MAX_RESCAN_RATIO;
  if (!consistent) console.log("FAIL: the scan did not open exactly the cases its SELECT finds, or the rescan opened more");
  console.log(`${pass ? "PASS" : "FAIL"}: scan ${ratio.toFixed(2)}× the floor (bar ≤ ${MAX_SCAN_RATIO}×), rescan ${rescanRatio.toFixed(2)}× (bar ≤ ${MAX_RESCAN_RATIO}×)`);
  return pass ? 0 : 1;
}
