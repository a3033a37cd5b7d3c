// `npm run bench -- lifecycle`: a 10,000-person tenant (sandbox Okta, synced, baselined, everyone holding
// their department's birthright bundle), then 1,000 mixed joiner / mover / leaver changes applied through
// processPersonChange with the local job driver provisioning and removing, as the app runs them.
// Reports events/s (decided, and converged = every membership added or removed and read back) and the IdP
// calls made against the minimum the changes need (one add per new bundle membership, one remove per ended
// membership, and the read-back the grant machinery makes after each). The floor, measured in the same run:
// those same IdP calls made directly with the connector, at the driver's concurrency.
//
// The directory changes are written to the Person rows as the sync or the event hook would store them
// (the sync itself is what `npm run bench -- sync` measures).

import { parseArgs } from "node:util";
import { createOktaConnector } from "../connectors/okta/index.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";
import { mapConcurrent } from "../lib/map-concurrent.ts";
import { systemClock } from "../domain/clock.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { forTenant, type Services } from "../domain/services.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { startSync } from "../domain/sync/start-sync.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { DEPROVISION_JOB, PROVISION_JOB } from "../domain/grants/jobs.ts";
import { processDirectoryChanges } from "../domain/lifecycle/process-directory-changes.ts";
import { processPersonChange } from "../domain/lifecycle/process-person-change.ts";
import { LIFECYCLE_TICKET_JOB } from "../domain/lifecycle/jobs.ts";
import { OktaState, startOktaSandbox, DEFAULT_OKTA_TOKEN } from "../sandbox/okta/index.ts";
import { benchDatabase, percentile, printTable } from "./bench-kit.ts";

const DRIVER_CONCURRENCY = 4;

interface Options { people: number; changes: number; kind: "pglite" | "postgres"; latencyMs: number; departments: number }

function directory(o: Options) {
  const state = new OktaState();
  const groups = Array.from({ length: o.departments }, (_, d) => state.addGroup({ name: `dept-${d}-tools` }, { log: false }).id);
  for (let i = 0; i < o.people; i++) {
    const d = i % o.departments;
    const u = state.addUser({ login: `p${i}@bench.example`, firstName: "P", lastName: String(i), department: `Dept ${d}` }, { log: false });
    state.insertMembership(groups[d]!, u.id);
  }
  return { state, groups };
}

export async function lifecycleBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: "string", default: "10000" },
      changes: { type: "string", default: "1000" },
      db: { type: "string", default: "pglite" },
      "latency-ms": { type: "string", default: "0" },
      departments: { type: "string", default: "10" },
    },
  });
  const o: Options = { people: Number(values.people), changes: Number(values.changes), kind: values.db as Options["kind"], latencyMs: Number(values["latency-ms"]), departments: Number(values.departments) };
  console.log(`lifecycle: ${o.changes} mixed changes on a ${o.people}-person tenant (${o.departments} department bundles), ${o.kind}, sandbox Okta latency ${o.latencyMs} ms`);

  const { state } = directory(o);
  const okta = await startOktaSandbox({ state, token: DEFAULT_OKTA_TOKEN });
  const { db, drop } = await benchDatabase(o.kind, "lifecycle");
  const world = { driver: undefined as LocalJobDriver | undefined };
  const services: Services = { db: db.prisma, clock: systemClock, connectors: defaultConnectorFactory, jobs: new TableJobQueue(db.prisma, systemClock, () => world.driver?.poke()) };
  try {
    // ---- set-up: tenant, sync, one bundle per department, everyone holding theirs, baseline ----
    const t0 = performance.now();
    const tenant = await createTenant(services, { type: "cli", label: "bench" }, { slug: "bench", name: "Bench", adminEmail: "admin@bench.example" });
    const scope = forTenant(services, tenant.id, { type: "cli", label: "bench" });
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
    const { run } = await startSync(scope, { connectionId: connection.id, trigger: "cli" });
    await runSync(services, { tenantId: tenant.id, syncRunId: run.id });
    const app = await saveApp(scope, { name: "Team tools" });
    const groups = await scope.tdb.group.findMany({ orderBy: { name: "asc" } });
    const roleByDept = new Map<string, string>();
    for (let d = 0; d < o.departments; d++) {
      const group = groups.find((g) => g.name === `dept-${d}-tools`)!;
      const role = await saveRole(scope, { appId: app.id, name: `Dept ${d}`, groupIds: [group.id], steps: [{ kind: "AUTO" }] });
      roleByDept.set(`Dept ${d}`, role.id);
      const bundle = await db.prisma.bundle.create({
        data: { tenantId: tenant.id, name: `Dept ${d}`, rules: [{ field: "department", op: "equals", value: `Dept ${d}` }], roleIds: [role.id], createdBy: "bench" },
      });
      // Everyone in the department already holds the bundle's grant and is in its group (seeded directly).
      await db.prisma.$executeRaw`
        WITH g AS (
          INSERT INTO "Grant" (id, "tenantId", "personId", "roleId", source, "bundleId", "bundleRule", status, "activatedAt", "createdAt", "updatedAt")
          SELECT 'bg-' || p.id, p."tenantId", p.id, ${role.id}, 'bundle', ${bundle.id}, 'department equals Dept ' || ${String(d)}, 'ACTIVE', now(), now(), now()
          FROM "Person" p WHERE p."tenantId" = ${tenant.id} AND p.department = ${`Dept ${d}`}
          RETURNING id, "personId")
        INSERT INTO "IdentityAction" (id, "tenantId", "grantId", kind, "connectionId", "groupId", "groupExternalId", "personExternalId", status, "completedAt", "createdAt")
        SELECT 'ba-' || g.id, ${tenant.id}, g.id, 'ADD_MEMBER', ${connection.id}, ${group.id}, ${group.externalId}, p."externalId", 'SUCCEEDED', now(), now()
        FROM g JOIN "Person" p ON p.id = g."personId"`;
    }
    const baseline = await processDirectoryChanges(services, { tenantId: tenant.id, connectionId: connection.id });
    await db.prisma.job.deleteMany({});
    console.log(`set-up: ${o.people} people synced, ${o.departments} bundles, baseline of ${baseline.baselined} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // ---- the changes: a third join, a third move department, a third leave ----
    const people = await db.prisma.person.findMany({ where: { tenantId: tenant.id }, orderBy: { login: "asc" }, select: { id: true, department: true } });
    const joiners = Math.ceil(o.changes / 3);
    const movers = Math.ceil((o.changes - joiners) / 2);
    const leavers = o.changes - joiners - movers;
    const changed: string[] = [];
    const joinerIds: string[] = [];
    for (let i = 0; i < joiners; i++) {
      const d = i % o.departments;
      const u = state.addUser({ login: `new${i}@bench.example`, firstName: "N", lastName: String(i), department: `Dept ${d}` }, { log: false });
      const p = await db.prisma.person.create({
        data: { tenantId: tenant.id, connectionId: connection.id, externalId: u.id, login: u.profile.login, email: u.profile.email, firstName: "N", lastName: String(i), displayName: `N ${i}`, department: `Dept ${d}`, status: "ACTIVE" },
      });
      joinerIds.push(p.id);
    }
    const moverRows = people.slice(0, movers);
    for (const p of moverRows) {
      const d = Number(p.department!.split(" ")[1]);
      await db.prisma.person.update({ where: { id: p.id }, data: { department: `Dept ${(d + 1) % o.departments}` } });
    }
    const leaverRows = people.slice(movers, movers + leavers);
    await db.prisma.person.updateMany({ where: { id: { in: leaverRows.map((p) => p.id) } }, data: { status: "SUSPENDED" } });
    // Interleaved, as changes arrive in real life.
    for (let i = 0; i < Math.max(joiners, movers, leavers); i++) {
      if (joinerIds[i]) changed.push(joinerIds[i]!);
      if (moverRows[i]) changed.push(moverRows[i]!.id);
      if (leaverRows[i]) changed.push(leaverRows[i]!.id);
    }
    const minimum = { adds: joiners + movers, removes: movers + leavers };
    const minimumCalls = minimum.adds + minimum.removes;

    // ---- run: the operation for each change, the driver provisioning and removing meanwhile ----
    okta.faults.latency(o.latencyMs);
    okta.stats.reset();
    const driver = (world.driver = new LocalJobDriver(services, jobDefinitions.filter((d) => [PROVISION_JOB, DEPROVISION_JOB, LIFECYCLE_TICKET_JOB].includes(d.id)), { concurrency: DRIVER_CONCURRENCY }));
    driver.start();
    const latencies: number[] = [];
    const kindOf = new Map<string, string>([...joinerIds.map((id) => [id, "J"] as [string, string]), ...moverRows.map((p) => [p.id, "M"] as [string, string]), ...leaverRows.map((p) => [p.id, "L"] as [string, string])]);
    const byKind = new Map<string, number[]>();
    const start = performance.now();
    let acted = 0;
    for (const personId of changed) {
      const s = performance.now();
      if (await processPersonChange(services, { tenantId: tenant.id, personId, source: "manual" })) acted++;
      latencies.push(performance.now() - s);
      const k = kindOf.get(personId)!;
      byKind.set(k, [...(byKind.get(k) ?? []), performance.now() - s]);
    }
    const decidedMs = performance.now() - start;
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline && (await db.prisma.grant.count({ where: { tenantId: tenant.id, status: { in: ["PENDING", "ENDING"] } } })) > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const convergedMs = performance.now() - start;
    await driver.stop();
    const calls = okta.stats.total;
    const unsettled = await db.prisma.grant.count({ where: { tenantId: tenant.id, status: { in: ["PENDING", "ENDING", "FAILED"] } } });
    // A second pass acts on nothing: each change was acted on once.
    let again = 0;
    for (const personId of changed.slice(0, 100)) if (await processPersonChange(services, { tenantId: tenant.id, personId, source: "manual" })) again++;
    const events = await db.prisma.lifecycleEvent.groupBy({ by: ["kind"], where: { tenantId: tenant.id }, _count: true });

    // ---- floor: the same IdP writes and read-backs, straight through the connector ----
    const connector = createOktaConnector({ orgUrl: okta.url, auth: { mode: "token", token: okta.token } });
    const floorWork = [
      ...joinerIds.map((id, i) => ({ kind: "add" as const, group: groups.find((g) => g.name === `dept-${i % o.departments}-tools`)!.externalId, id })),
      ...moverRows.flatMap((p) => {
        const d = Number(p.department!.split(" ")[1]);
        return [{ kind: "remove" as const, group: groups.find((g) => g.name === `dept-${d}-tools`)!.externalId, id: p.id }, { kind: "add" as const, group: groups.find((g) => g.name === `dept-${(d + 1) % o.departments}-tools`)!.externalId, id: p.id }];
      }),
      ...leaverRows.map((p) => ({ kind: "remove" as const, group: groups.find((g) => g.name === `dept-${Number(p.department!.split(" ")[1])}-tools`)!.externalId, id: p.id })),
    ];
    const ext = new Map((await db.prisma.person.findMany({ where: { tenantId: tenant.id, id: { in: floorWork.map((w) => w.id) } }, select: { id: true, externalId: true } })).map((p) => [p.id, p.externalId]));
    const floorCallsBefore = okta.stats.total;
    const floorStart = performance.now();
    // The opposite of what was done (the state is already converged), so every call does real work.
    await mapConcurrent(floorWork, DRIVER_CONCURRENCY, async (w) => {
      if (w.kind === "add") await connector.removeMember(w.group, ext.get(w.id)!);
      else await connector.addMember(w.group, ext.get(w.id)!);
      await connector.isMember(w.group, ext.get(w.id)!);
    });
    const floorMs = performance.now() - floorStart;
    const floorCalls = okta.stats.total - floorCallsBefore;

    console.log(`op p50 by kind (ms): ${[...byKind].map(([k, xs]) => `${k} ${percentile(xs, 50).toFixed(0)}`).join(", ")}`);
    const pass = acted === o.changes && unsettled === 0 && again === 0;
    printTable([
      ["changes", "acted", "joiner/mover/leaver", "decided ev/s", "converged ev/s", "op p50 ms", "op p99 ms", "IdP calls", "min writes", "min writes+read-backs", "calls/min", "floor s", "floor calls", "ours s", "vs floor", "acted twice", "result"],
      [String(o.changes), String(acted), events.map((e) => `${e.kind[0]}:${e._count}`).join(" "),
        (acted / (decidedMs / 1000)).toFixed(1), (acted / (convergedMs / 1000)).toFixed(1),
        percentile(latencies, 50).toFixed(1), percentile(latencies, 99).toFixed(1),
        String(calls), String(minimumCalls), String(minimumCalls * 2), (calls / (minimumCalls * 2)).toFixed(2),
        (floorMs / 1000).toFixed(2), String(floorCalls), (convergedMs / 1000).toFixed(2), `${(convergedMs / floorMs).toFixed(1)}×`, String(again), pass ? "PASS" : "FAIL"],
    ]);
    return pass ? 0 : 1;
  } finally {
    await drop().catch(() => undefined);
    await okta.stop();
  }
}
