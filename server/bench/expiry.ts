// `npm run bench -- expiry`: N grants expiring within the same minute, ended by their own timers through
// the local job driver, as the app runs them. Reports the lag from expiresAt to the read-back that
// confirms the removal (p50, p99, max), grants missed, and the IdP calls made. The floor, measured in the
// same run: the sandbox's own time for the two calls each removal needs (remove, read back).
//
// Set-up writes the grants as ACTIVE directly (provisioning is what the approve bench measures) and sets
// each timer through the same scheduleExpiry that activation uses.

import { parseArgs } from "node:util";
import { createOktaConnector } from "../connectors/okta/index.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";
import { scheduleExpiry } from "../domain/grants/grant-timer.ts";
import { DEPROVISION_JOB, EXPIRE_JOB } from "../domain/grants/jobs.ts";
import { benchWorld, percentile, printTable } from "./bench-kit.ts";

const TARGET_P99_MS = 5000;
const SET_UP_LEAD_MS = 45_000;

interface Options { grants: number; kind: "pglite" | "postgres"; latencyMs: number; windowMs: number }

async function runOne(o: Options) {
  const w = await benchWorld(o.kind, "expiry", o.grants);
  const { okta, db, services, tenant, connection, group, role, people } = w;
  try {
    // Every grant active and in the group, expiring at a random instant of one minute that starts soon.
    const windowStart = Date.now() + SET_UP_LEAD_MS;
    const activatedAt = new Date();
    await w.scope.tdb.$transaction(async (tx) => {
      for (const p of people) {
        const expiresAt = new Date(windowStart + Math.floor(Math.random() * o.windowMs));
        const grant = await tx.grant.create({
          data: {
            personId: p.id, roleId: role.id, source: "import", status: "ACTIVE", durationMinutes: 60, activatedAt, expiresAt,
            actions: { create: [{ tenantId: tenant.id, kind: "ADD_MEMBER", connectionId: connection.id, groupId: group.id, groupExternalId: group.externalId, personExternalId: p.externalId, status: "SUCCEEDED", completedAt: activatedAt }] },
          } as never,
        });
        okta.state.addMembership(group.externalId, p.externalId, { log: false });
        await scheduleExpiry(tx, services.jobs, tenant.id, grant);
      }
    }, { timeout: 120_000 });
    if (Date.now() > windowStart) throw new Error("Set-up took longer than the lead time; the first grants expired before the driver started");
    okta.faults.latency(o.latencyMs);
    okta.stats.reset();
    // Only the timers run: the set-up's own jobs (the sync it started) are done already.
    await db.prisma.job.deleteMany({ where: { name: { not: EXPIRE_JOB } } });

    const driver = (w.driver = new LocalJobDriver(services, jobDefinitions.filter((d) => d.id === EXPIRE_JOB || d.id === DEPROVISION_JOB)));
    driver.start();
    const deadline = windowStart + o.windowMs + 120_000;
    while (Date.now() < deadline && (await db.prisma.grant.count({ where: { status: { not: "ENDED" } } })) > 0) {
      await new Promise((res) => setTimeout(res, 250));
    }
    await driver.stop();
    const calls = okta.stats.total;

    const grants = await db.prisma.grant.findMany({ include: { actions: { where: { kind: "REMOVE_MEMBER" } } } });
    const lags = grants
      .filter((g) => g.status === "ENDED" && g.actions[0]?.readBack)
      .map((g) => new Date((g.actions[0]!.readBack as { checkedAt: string }).checkedAt).getTime() - g.expiresAt!.getTime());
    const stillMember = people.filter((p) => okta.state.isMember(group.externalId, p.externalId)).length;

    // The floor: the IdP's own time for one removal and its read-back, through the same connector.
    const connector = createOktaConnector({ orgUrl: okta.url, auth: { mode: "token", token: okta.token } });
    const floors: number[] = [];
    for (const p of people.slice(0, Math.min(100, people.length))) {
      const t0 = performance.now();
      await connector.removeMember(group.externalId, p.externalId);
      await connector.isMember(group.externalId, p.externalId);
      floors.push(performance.now() - t0);
    }
    return { lags, missed: grants.length - lags.length, stillMember, calls, floors };
  } finally {
    await w.close();
  }
}

export async function expiryBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      grants: { type: "string", default: "2000" },
      db: { type: "string", default: "pglite" },
      "latency-ms": { type: "string", default: "20" },
      "window-ms": { type: "string", default: "60000" },
    },
  });
  const o: Options = { grants: Number(values.grants), kind: values.db as Options["kind"], latencyMs: Number(values["latency-ms"]), windowMs: Number(values["window-ms"]) };
  console.log(`expiry: ${o.grants} grants expiring within ${o.windowMs / 1000} s, sandbox Okta latency ${o.latencyMs} ms per call, ${o.kind}, local job driver`);
  const r = await runOne(o);
  const p99 = percentile(r.lags, 99);
  const pass = r.missed === 0 && r.stillMember === 0 && p99 < TARGET_P99_MS;
  printTable([
    ["lag p50 ms", "lag p99 ms", "lag max ms", "missed", "still in group", "IdP calls", "calls/grant", "floor p50 ms", "floor p99 ms", "target", "result"],
    [percentile(r.lags, 50).toFixed(0), p99.toFixed(0), Math.max(...r.lags).toFixed(0), String(r.missed), String(r.stillMember), String(r.calls),
      (r.calls / o.grants).toFixed(2), percentile(r.floors, 50).toFixed(1), percentile(r.floors, 99).toFixed(1), `p99 < ${TARGET_P99_MS}`, pass ? "PASS" : "FAIL"],
  ]);
  return pass ? 0 : 1;
}
