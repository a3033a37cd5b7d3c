// `npm run bench -- reviews`: launching an access review over 100,000 grants, and streaming 1,000,000
// audit events to CSV.
//
// Launch: a tenant with 10,000 people, 10 roles each mapped to its own group and held by everyone
// (100,000 grants and memberships, in the sandbox Okta too), plus 5,000 memberships no grant explains.
// Reports the launch's wall time in its two phases (listing every scoped group in the IdP for the
// completeness counts; the one transaction that snapshots the items) and peak memory, against the floor
// measured in the same run: the very same rows written again by one INSERT … SELECT (nothing computed,
// no IdP): what the snapshot costs beyond writing its rows is the recommendation, the reviewer and the counts.
//
// Export: the audit-export benchmark (server/bench/audit-export.ts), run with the same options.

import { parseArgs } from "node:util";
import { startOktaSandbox, DEFAULT_OKTA_TOKEN, OktaState } from "../sandbox/okta/index.ts";
import { systemClock } from "../domain/clock.ts";
import { forTenant, type Services } from "../domain/services.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import { createCampaign } from "../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../domain/reviews/launch-campaign.ts";
import { benchDatabase, printTable } from "./bench-kit.ts";

/** The launch's snapshot transaction may take this many times the bare INSERT … SELECT. */
const MAX_FLOOR_RATIO = 2;
/** Memory may grow this much during a launch: the rows stay in the database, never in the process. */
const MAX_HEAP_GROWTH_MB = 150;

interface Options { people: number; roles: number; unexplained: number; kind: "pglite" | "postgres" }

function sampler() {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  return { stop: () => (clearInterval(timer), { peakRss, peakHeap }) };
}

async function launchBench(o: Options) {
  const state = new OktaState();
  const users = Array.from({ length: o.people }, (_, i) => state.addUser({
    login: `u${i}@bench.example`, firstName: "U", lastName: String(i), department: i % 5 ? "Engineering" : "Sales",
  }, { log: false }));
  const groups = Array.from({ length: o.roles + 1 }, (_, r) => state.addGroup({ name: `bench-${r}` }, { log: false }));
  for (let r = 0; r < o.roles; r++) for (const u of users) state.addMembership(groups[r]!.id, u.id, { log: false });
  for (const u of users.slice(0, o.unexplained)) state.addMembership(groups[o.roles]!.id, u.id, { log: false });
  const okta = await startOktaSandbox({ state, token: DEFAULT_OKTA_TOKEN });
  const { db, drop } = await benchDatabase(o.kind, "reviews");
  try {
    const services: Services = { db: db.prisma, clock: systemClock, connectors: defaultConnectorFactory, jobs: new TableJobQueue(db.prisma, systemClock) };
    const tenant = await createTenant(services, { type: "cli", label: "bench" }, { slug: "bench", name: "Bench", adminEmail: "u0@bench.example" });
    const scope = forTenant(services, tenant.id, { type: "cli", label: "bench" });
    const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
    const t0 = performance.now();
    // The directory as a sync would leave it, written in bulk: people (u0 manages everyone), groups, memberships, grants.
    const rows = JSON.stringify(users.map((u, i) => ({ i, ext: u.id, dept: i % 5 ? "Engineering" : "Sales" })));
    await db.prisma.$executeRaw`
      INSERT INTO "Person" (id, "tenantId", "connectionId", "externalId", login, email, "firstName", "lastName", "displayName", department, status, "lastLoginAt", "managerId")
      SELECT 'bp' || x.i, ${tenant.id}, ${connection.id}, x.ext, 'u' || x.i || '@bench.example', 'u' || x.i || '@bench.example', 'U', x.i::text, 'User ' || x.i,
        x.dept, 'ACTIVE', now() - ((x.i % 60) || ' days')::interval, CASE WHEN x.i > 0 THEN 'bp0' END
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(i int, ext text, dept text)`;
    await db.prisma.$executeRaw`
      INSERT INTO "Group" (id, "tenantId", "connectionId", "externalId", name, type)
      SELECT 'bg' || x.r, ${tenant.id}, ${connection.id}, x.ext, x.name, 'OKTA_GROUP'
      FROM jsonb_to_recordset(${JSON.stringify(groups.map((g, r) => ({ r, ext: g.id, name: g.profile.name })))}::jsonb) AS x(r int, ext text, name text)`;
    const app = await saveApp(scope, { name: "Bench app" });
    const roleIds: string[] = [];
    for (let r = 0; r <= o.roles; r++) roleIds.push((await saveRole(scope, { appId: app.id, name: `Role ${r}`, groupIds: [`bg${r}`], steps: [{ kind: "MANAGER" }] })).id);
    await db.prisma.$executeRaw`
      INSERT INTO "Membership" ("tenantId", "groupId", "personId")
      SELECT ${tenant.id}, 'bg' || r, 'bp' || i FROM generate_series(0, ${o.roles - 1}) r, generate_series(0, ${o.people - 1}) i
      UNION ALL SELECT ${tenant.id}, 'bg' || ${o.roles}, 'bp' || i FROM generate_series(0, ${o.unexplained - 1}) i`;
    await db.prisma.$executeRaw`
      INSERT INTO "Grant" (id, "tenantId", "personId", "roleId", source, status, "activatedAt", "departmentAtGrant", "updatedAt")
      SELECT 'bgr' || r || '_' || i, ${tenant.id}, 'bp' || i, (${roleIds}::text[])[r + 1], 'request', 'ACTIVE', now() - interval '40 days',
        CASE WHEN i % 7 = 0 THEN 'Marketing' WHEN i % 5 = 0 THEN 'Sales' ELSE 'Engineering' END, now()
      FROM generate_series(0, ${o.roles - 1}) r, generate_series(0, ${o.people - 1}) i`;
    await db.prisma.$executeRaw`ANALYZE`;
    const setUpMs = performance.now() - t0;
    const grants = o.roles * o.people;

    const campaign = await createCampaign(scope, { name: "Bench review", scope: {}, reviewerMode: "manager", fallbackReviewerId: "bp1", dueAt: new Date(Date.now() + 14 * 86_400_000) });
    okta.stats.reset();
    const heapBefore = process.memoryUsage().heapUsed;
    const mem = sampler();
    const launchT = performance.now();
    const timings: { listMs?: number; snapshotMs?: number } = {};
    const result = await launchCampaign(scope, { campaignId: campaign.id }, { timings });
    const launchMs = performance.now() - launchT;
    const { peakRss, peakHeap } = mem.stop();
    const calls = okta.stats.total;

    // The floor: writing the very same rows (every column as the launch wrote them) in one INSERT … SELECT.
    await db.prisma.$executeRaw`INSERT INTO "ReviewCampaign" (id, "tenantId", name, scope, "reviewerMode", "fallbackReviewerId", "dueAt", "createdBy", "updatedAt") VALUES ('floor', ${tenant.id}, 'floor', '{}', 'manager', 'bp1', now(), 'bench', now())`;
    const floorT = performance.now();
    const floorRows = await db.prisma.$executeRaw`
      INSERT INTO "ReviewItem" (id, "tenantId", "campaignId", "personId", "grantId", "appId", "roleId", "groupId", "accessLabel", "groupNames",
        "howGranted", "requestId", "grantedAt", "expiresAt", "departmentAtGrant", "lastUsedAt", "personName", "personEmail", "personTitle",
        "personDepartment", "personStatus", "managerName", "lastLoginAt", recommendation, "recommendationReason", "reviewerPersonId", "reviewerNote", "createdAt")
      SELECT 'floor:' || substr(id, length(${campaign.id}) + 2), "tenantId", 'floor', "personId", "grantId", "appId", "roleId", "groupId", "accessLabel", "groupNames",
        "howGranted", "requestId", "grantedAt", "expiresAt", "departmentAtGrant", "lastUsedAt", "personName", "personEmail", "personTitle",
        "personDepartment", "personStatus", "managerName", "lastLoginAt", recommendation, "recommendationReason", "reviewerPersonId", "reviewerNote", "createdAt"
      FROM "ReviewItem" WHERE "campaignId" = ${campaign.id}`;
    const floorMs = performance.now() - floorT;
    return { grants, floorRows, floorMs, launchMs, listMs: timings.listMs!, snapshotMs: timings.snapshotMs!, items: result.snapshot.items, complete: result.snapshot.complete, calls, setUpMs, peakRss, peakHeap, heapBefore };
  } finally {
    await drop();
    await okta.stop();
  }
}

export async function reviewsBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: "string", default: "10000" },
      roles: { type: "string", default: "10" },
      unexplained: { type: "string", default: "5000" },
      db: { type: "string", default: "pglite" },
      part: { type: "string", default: "all" },
      sizes: { type: "string" },
    },
  });
  const o: Options = { people: Number(values.people), roles: Number(values.roles), unexplained: Number(values.unexplained), kind: values.db === "postgres" ? "postgres" : "pglite" };
  let ok = true;
  if (values.part === "all" || values.part === "launch") {
    console.log(`Launching a review over ${o.people * o.roles} grants + ${o.unexplained} unexplained memberships on ${o.kind}…`);
    const r = await launchBench(o);
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    const ratio = r.snapshotMs / r.floorMs;
    const growth = (r.peakHeap - r.heapBefore) / 1048576;
    printTable([
      ["figure", "value", "compared with"],
      ["items snapshotted", String(r.items), `${r.grants} grants + ${o.unexplained} unexplained`],
      ["launch, wall", `${(r.launchMs / 1000).toFixed(2)} s`, ""],
      ["  IdP listing (completeness)", `${(r.listMs / 1000).toFixed(2)} s`, `${r.calls} API calls`],
      ["  snapshot transaction", `${(r.snapshotMs / 1000).toFixed(2)} s`, `floor ${(r.floorMs / 1000).toFixed(2)} s (the same ${r.floorRows} rows written by one INSERT … SELECT) → ${ratio.toFixed(2)}× (max ${MAX_FLOOR_RATIO}×)`],
      ["peak RSS", mb(r.peakRss), ""],
      ["peak heap growth", `${growth.toFixed(0)} MB`, `max ${MAX_HEAP_GROWTH_MB} MB`],
      ["population complete", String(r.complete), "IdP counts = Gatehouse counts"],
      ["set-up (not measured)", `${(r.setUpMs / 1000).toFixed(1)} s`, ""],
    ]);
    const pass = ratio <= MAX_FLOOR_RATIO && growth <= MAX_HEAP_GROWTH_MB && r.complete && r.items === r.grants + o.unexplained;
    console.log(pass ? "launch: PASS" : "launch: FAIL");
    ok &&= pass;
  }
  if (values.part === "all" || values.part === "export") {
    const { auditExportBench } = await import("./audit-export.ts");
    const code = await auditExportBench([...(values.sizes ? ["--sizes", values.sizes] : []), "--db", values.db ?? "pglite"]);
    ok &&= code === 0;
  }
  return ok ? 0 : 1;
}
