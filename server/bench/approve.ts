// `npm run bench -- approve`: for N requests, the time from the final approval call returning to the
// read-back that confirms the membership, with the local job driver, on PGlite and on PostgreSQL.
// The floor, measured in the same run: the sandbox's own latency for the two calls every grant needs
// (add the member, read it back).

import { parseArgs } from "node:util";
import { benchWorld, percentile, printTable } from "./bench-kit.ts";
import { createOktaConnector } from "../connectors/okta/index.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";
import { requestAccess } from "../domain/requests/request-access.ts";
import { decideApproval } from "../domain/requests/decide-approval.ts";

const TARGET_P99_MS = 1000;

async function runOne(kind: "pglite" | "postgres", n: number, intervalMs: number) {
  const w = await benchWorld(kind, "approve", n);
  const { okta, db, services, scope, group, role, people } = w;
  try {
    const boss = await scope.tdb.person.findFirstOrThrow({ where: { login: "boss@bench.example" } });
    const requests = [];
    for (const p of people) {
      requests.push(await requestAccess(scope, { roleId: role.id, requesterPersonId: p.id, reason: "Benchmark access request", source: "cli" }));
    }
    await db.prisma.job.deleteMany({});

    const driver = (w.driver = new LocalJobDriver(services, jobDefinitions.filter((d) => d.id === "grant.provision"), { pollMs: 1000 }));
    driver.start();
    const approvedAt = new Map<string, number>();
    for (const r of requests) {
      const started = Date.now();
      await decideApproval(scope, { requestId: r.id, deciderPersonId: boss.id, decision: "APPROVE", channel: "cli" });
      approvedAt.set(r.id, Date.now());
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (await db.prisma.grant.count({ where: { status: { not: "ACTIVE" } } })) > 0) {
      await new Promise((res) => setTimeout(res, 100));
    }
    await driver.stop();
    const grants = await db.prisma.grant.findMany({ include: { actions: true } });
    const lags = grants
      .filter((g) => g.status === "ACTIVE")
      .map((g) => new Date((g.actions[0]!.readBack as { checkedAt: string }).checkedAt).getTime() - approvedAt.get(g.requestId!)!);
    const missing = grants.length - lags.length;

    // The floor: the IdP's own time for the add and the read-back, through the same connector.
    const connector = createOktaConnector({ orgUrl: okta.url, auth: { mode: "token", token: okta.token } });
    const floors: number[] = [];
    for (const p of people.slice(0, Math.min(200, people.length))) {
      const t0 = performance.now();
      await connector.addMember(group.externalId, p.externalId);
      await connector.isMember(group.externalId, p.externalId);
      floors.push(performance.now() - t0);
    }
    return { kind, n, lags, missing, floors };
  } finally {
    await w.close();
  }
}

export async function approveBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: "string", default: "500" },
      db: { type: "string", default: "both" },
      "interval-ms": { type: "string", default: "100" },
    },
  });
  const n = Number(values.requests);
  const interval = Number(values["interval-ms"]);
  const kinds = values.db === "both" ? (["pglite", "postgres"] as const) : ([values.db] as ["pglite" | "postgres"]);
  console.log(`approve: ${n} requests, one final approval every ${interval} ms, local job driver`);
  const rows: string[][] = [["database", "p50 ms", "p99 ms", "max ms", "not provisioned", "floor p50 ms", "floor p99 ms", "target", "result"]];
  let ok = true;
  for (const kind of kinds) {
    const r = await runOne(kind, n, interval);
    const p99 = percentile(r.lags, 99);
    const pass = r.missing === 0 && p99 < TARGET_P99_MS;
    ok &&= pass;
    rows.push([kind, percentile(r.lags, 50).toFixed(0), p99.toFixed(0), Math.max(...r.lags).toFixed(0), String(r.missing),
      percentile(r.floors, 50).toFixed(1), percentile(r.floors, 99).toFixed(1), `p99 < ${TARGET_P99_MS}`, pass ? "PASS" : "FAIL"]);
  }
  printTable(rows);
  return ok ? 0 : 1;
}
