// `npm run bench -- sync [--directory okta|entra|google|scim] [--users 10000 --groups 2000 --memberships 100000]
//                        [--db pglite|pglite-memory|postgres] [--rounds 3] [--pglite-thread worker|main]`
//
// A sandbox directory runs in a child process (so it and the code under test each get a core, as a real IdP would
// not share our CPU) serving a deterministic directory: Okta's generator, or (--directory entra|google|scim) its
// translation by the Graph, Google or SCIM sandbox, so every directory holds the same people, groups and
// memberships, each listed as that vendor lists them (sync-directories.ts: page sizes, minimum calls, connector).
// After an uncounted warm-up of both (the JIT, PGlite's WebAssembly, the sandbox's caches), we measure
// alternately (floor, sync, floor, sync, …):
//   floor: download every page a sync needs (users, Okta's group rules, groups, every group's members) with the
//          same connector, page sizes and member-fetch concurrency (MEMBER_FETCH_CONCURRENCY) as the sync, storing nothing;
//   sync:  runSync into a fresh, migrated database: PGlite on disk as the app runs it (default; its engine on a worker
//          thread, or with --pglite-thread main in this thread, as the Next.js bundle would open it), PGlite in memory
//          as the tests run it, or PostgreSQL (DATABASE_URL, default postgresql://root@127.0.0.1:5432/postgres).
// and print wall time (per phase too), CPU of both processes, API calls vs the minimum for the directory's page sizes,
// peak RSS and heap, and sync/floor. PASS needs the median sync within 1.5× the median floor, every run's API
// calls equal to the minimum, and the stored directory equal to the sandbox's; the exit code is 1 otherwise.
// --only floor|sync and --profile <dir> (a CPU profile of each measured window) are for finding where time goes.

import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";

import { DIRECTORIES, directoryBenches, type DirectoryBench } from "./sync-directories.ts";
import type { BenchSandboxMessage, BenchSandboxReady } from "./sync-sandbox-protocol.ts";

/** pglite: on disk, as the app runs it; pglite-memory: in memory, as the tests run it; postgres: DATABASE_URL. */
const DB_KINDS = ["pglite", "pglite-memory", "postgres"] as const;
type DbKind = (typeof DB_KINDS)[number];
const TARGET_RATIO = 1.5;

export async function syncBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      /** Which directory's sandbox and connector: okta (default), entra, google or scim. */
      directory: { type: "string", default: "okta" },
      users: { type: "string", default: "10000" },
      groups: { type: "string", default: "2000" },
      memberships: { type: "string", default: "100000" },
      seed: { type: "string", default: "1" },
      db: { type: "string", default: "pglite" },
      /** --db pglite: where its engine runs: "worker" (as the app's launcher and the CLI run it) or "main". */
      "pglite-thread": { type: "string", default: "worker" },
      rounds: { type: "string", default: "3" },
      /** For profiling: run only the floor or only the sync; no verdict. */
      only: { type: "string" },
      /** Write a CPU profile of each measured window (floor/sync) to this directory (open in Chrome DevTools). */
      profile: { type: "string" },
    },
  });
  const dbKind = DB_KINDS.find((k) => k === values.db);
  if (!dbKind) throw new Error(`--db must be one of ${DB_KINDS.join(", ")}, not ${values.db}`);
  const directoryName = DIRECTORIES.find((d) => d === values.directory);
  if (!directoryName) throw new Error(`--directory must be one of ${DIRECTORIES.join(", ")}, not ${values.directory}`);
  const directory = directoryBenches[directoryName];
  const PAGE = directory.page;
  const rounds = Math.max(1, Number(values.rounds));
  const pgliteThread = values["pglite-thread"];
  if (pgliteThread !== "worker" && pgliteThread !== "main") throw new Error(`--pglite-thread must be worker or main, not ${pgliteThread}`);
  // A throwaway sealing key, so the benchmark never creates or reads the app's data directory key.
  process.env.GATEHOUSE_SECRET_KEYS ??= `bench:${randomBytes(32).toString("base64")}`;
  process.env.GATEHOUSE_LOG_LEVEL ??= "error";

  // Loaded after the environment is set (env() is read once).
  const { defaultConnectorFactory } = await import("../connectors/factory.ts");
  const { seal } = await import("../lib/secrets.ts");
  const { ConnectionKind } = await import("../db/generated/enums.ts");
  const { MEMBER_FETCH_CONCURRENCY, runSync } = await import("../domain/sync/run-sync.ts");
  const { startSync } = await import("../domain/sync/start-sync.ts");
  const { createTenant } = await import("../domain/tenants/create-tenant.ts");
  const { saveConnection } = await import("../domain/connections/save-connection.ts");
  const { forTenant } = await import("../domain/services.ts");
  const { systemClock } = await import("../domain/clock.ts");
  const { TableJobQueue } = await import("../jobs/local-queue.ts");
  const { openDatabase } = await import("../db/client.ts");
  const { applyMigrations } = await import("../db/migrations.ts");
  const { pgliteOnWorkerThread } = await import("../db/pglite-in-worker.ts");

  const sizes = { users: Number(values.users), groups: Number(values.groups), memberships: Number(values.memberships) };
  console.log(`Sync benchmark (${directory.label}): ${sizes.users} users, ${sizes.groups} groups, ${sizes.memberships} memberships (seed ${values.seed}), db ${dbKind}${dbKind === "pglite" ? ` (engine on the ${pgliteThread} thread)` : ""}, ${rounds} round(s)`);
  const sandbox = await SandboxProcess.start(directory, { ...sizes, seed: Number(values.seed) });
  const { shape } = sandbox;
  const minimum = directory.minimum(shape);
  console.log(
    `Sandbox ${directory.label} in child process ${sandbox.pid} at ${sandbox.url}: generated in ${fmtMs(sandbox.generateMs)}; ` +
      `${directory.describe(shape)}, largest group ${Math.max(0, ...shape.groupSizes)}`,
  );
  console.log(
    `Minimum API calls at page sizes users ${PAGE.users} / groups ${PAGE.groups} / members ${PAGE.members}: ${minimum.total} ` +
      `(${minimum.parts.map(([name, n]) => `${name} ${n}`).join(" + ")}); member fetch concurrency ${MEMBER_FETCH_CONCURRENCY}`,
  );

  // ---- the floor: every page, same connector and concurrency, nothing stored ----
  async function floor(): Promise<Measured> {
    const { connector, close } = await directory.connect(sandbox.ready);
    let users = 0;
    let groups = 0;
    let memberships = 0;
    const groupIds: string[] = [];
    const profileTo = values.profile ? path.resolve(values.profile, `floor-${Date.now()}.cpuprofile`) : undefined;
    return measure(sandbox, async (phase) => {
      let next: string | null = null;
      phase("users");
      do {
        const page = await connector.listUsers(next, PAGE.users);
        users += page.items.length;
        next = page.next;
      } while (next);
      phase("groups");
      do {
        const page = await connector.listGroups(next, PAGE.groups);
        groups += page.items.length;
        for (const g of page.items) groupIds.push(g.externalId);
        next = page.next;
      } while (next);
      phase("memberships");
      let i = 0;
      const worker = async () => {
        while (i < groupIds.length) {
          const gid = groupIds[i++]!;
          let cursor: string | null = null;
          do {
            const page = await connector.listGroupMembers(gid, cursor, PAGE.members);
            memberships += page.items.length;
            cursor = page.next;
          } while (cursor);
        }
      };
      await Promise.all(Array.from({ length: MEMBER_FETCH_CONCURRENCY }, worker));
      return { calls: connector.apiCalls(), counts: { people: users, groups, memberships }, status: "DOWNLOADED" };
    }, profileTo).finally(close);
  }

  /** The connection to sync and the connector runSync uses (undefined: built from the stored connection). */
  async function benchConnection(scope: ReturnType<typeof forTenant>) {
    if (directory.name === "okta") {
      const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: sandbox.url, authMode: "token", token: sandbox.token });
      const { run } = await startSync(scope, { connectionId: connection.id, trigger: "cli" });
      return { runId: run.id, connector: undefined, close: () => {} };
    }
    // The connector is passed to runSync, so the row is only the run's owner: stored directly (saving would
    // verify through the factory), with the directory's own kind where the schema has it (else OKTA), and the
    // run created as startSync creates it (without its job, which the benchmark runs itself).
    const kind = directory.kind in ConnectionKind ? directory.kind : "OKTA";
    const { config, secret } = directory.connection(sandbox.ready);
    const sealed = seal(JSON.stringify(secret));
    const connection = await scope.tdb.connection.create({
      data: { tenantId: scope.tenantId, kind, name: directory.label, config, secretCipher: sealed.cipher, secretKeyId: sealed.keyId, status: "HEALTHY" } as never,
    });
    const run = await scope.tdb.syncRun.create({ data: { tenantId: scope.tenantId, connectionId: connection.id, trigger: "cli" } as never });
    const { connector, close } = await directory.connect(sandbox.ready);
    return { runId: run.id, connector, close };
  }

  // ---- the sync: into a fresh migrated database ----
  const fresh = await freshDatabases(dbKind);
  async function sync(): Promise<Measured> {
    const database = await fresh.next();
    try {
      const services = { db: database.prisma, clock: systemClock, jobs: new TableJobQueue(database.prisma, systemClock), connectors: defaultConnectorFactory };
      const actor = { type: "cli" as const, label: "bench" };
      const tenant = await createTenant(services, actor, { slug: "bench", name: "Bench", adminEmail: "admin@bench.test" });
      const scope = forTenant(services, tenant.id, actor);
      const { runId, connector, close } = await benchConnection(scope);
      const m = await measure(sandbox, async (phase) => {
        const done = await runSync(services, { tenantId: tenant.id, syncRunId: runId }, { connector, pageSize: PAGE, onPhase: phase });
        return { calls: done?.apiCalls ?? -1, counts: { people: 0, groups: 0, memberships: 0 }, status: done?.status ?? "?", error: done?.error ?? undefined };
      }, values.profile ? path.resolve(values.profile, `sync-${Date.now()}.cpuprofile`) : undefined).finally(close);
      const db = database.prisma;
      m.counts = {
        people: await db.person.count({ where: { tenantId: tenant.id, status: { not: "DEPROVISIONED" } } }),
        groups: await db.group.count({ where: { tenantId: tenant.id, removedAt: null } }),
        memberships: await db.membership.count({ where: { tenantId: tenant.id } }),
      };
      return m;
    } finally {
      await database.close();
    }
  }

  const floors: Measured[] = [];
  const syncs: Measured[] = [];
  try {
    // Warm-up (not counted): the JIT (ours, the sandbox's, PGlite's WebAssembly), the sandbox's caches, the
    // connection pool, as in a long-running app process.
    const warm = await floor();
    const warmSync = values.only === "floor" ? null : await sync();
    console.log(`warm-up (not counted): floor ${fmtMs(warm.ms)}${warmSync ? `, sync ${fmtMs(warmSync.ms)}` : ""}`);
    for (let r = 1; r <= rounds; r++) {
      if (values.only === "sync") {
        const s = await sync();
        console.log(`round ${r}: sync  ${fmtMs(s.ms)} (${fmtPhases(s)}; ${s.calls} calls, CPU ${fmtMs(s.cpuMs)}, sandbox CPU ${fmtMs(s.sandboxCpuMs)}, ${s.status})`);
        continue;
      }
      const f = await floor();
      floors.push(f);
      console.log(`round ${r}: floor ${fmtMs(f.ms)} (${fmtPhases(f)}; ${f.calls} calls)`);
      if (values.only === "floor") continue;
      const s = await sync();
      syncs.push(s);
      console.log(`round ${r}: sync  ${fmtMs(s.ms)} (${fmtPhases(s)}; ${s.calls} calls, ${s.status}${s.error ? `: ${s.error}` : ""})`);
    }
  } finally {
    await fresh.close();
    await sandbox.stop();
  }

  if (values.only) return 0;

  // ---- report ----
  const floorMs = median(floors.map((f) => f.ms));
  const syncMs = median(syncs.map((s) => s.ms));
  const ratio = syncMs / floorMs;
  const expected = { people: shape.listedUsers, groups: shape.groups, memberships: shape.membershipsOfListedUsers };
  const rows: string[][] = [["", ...floors.map((_, i) => `round ${i + 1}`), "median"]];
  rows.push([`floor: download all pages (${directory.name})`, ...floors.map((f) => fmtMs(f.ms)), fmtMs(floorMs)]);
  rows.push([`sync into ${dbKind}`, ...syncs.map((s) => fmtMs(s.ms)), fmtMs(syncMs)]);
  rows.push(["CPU of this process: floor", ...floors.map((f) => fmtMs(f.cpuMs)), fmtMs(median(floors.map((f) => f.cpuMs)))]);
  rows.push(["CPU of this process: sync", ...syncs.map((s) => fmtMs(s.cpuMs)), fmtMs(median(syncs.map((s) => s.cpuMs)))]);
  rows.push(["CPU of the sandbox process: floor", ...floors.map((f) => fmtMs(f.sandboxCpuMs)), ""]);
  rows.push(["CPU of the sandbox process: sync", ...syncs.map((s) => fmtMs(s.sandboxCpuMs)), ""]);
  for (const name of ["users", "groups", "memberships", "finalize"]) {
    const at = (m: Measured) => m.phases.find(([n]) => n === name)?.[1];
    const cell = (f: Measured, x: Measured) => `${at(f) === undefined ? "–" : fmtMs(at(f)!)} / ${at(x) === undefined ? "–" : fmtMs(at(x)!)}`;
    rows.push([`  ${name} phase: floor / sync`, ...syncs.map((x, i) => cell(floors[i]!, x)), ""]);
  }
  rows.push(["sync / floor", ...syncs.map((s, i) => `${(s.ms / floors[i]!.ms).toFixed(2)}×`), `${ratio.toFixed(2)}×`]);
  rows.push(["API calls: floor (connector / sandbox)", ...floors.map((f) => `${f.calls} / ${f.served}`), `min ${minimum.total}`]);
  rows.push(["API calls: sync (run / sandbox)", ...syncs.map((s) => `${s.calls} / ${s.served}`), `min ${minimum.total}`]);
  rows.push(["peak RSS (growth in window): floor", ...floors.map((f) => `${fmtMb(f.peakRss)} (+${fmtMb(f.rssGrowth)})`), ""]);
  rows.push(["peak RSS (growth in window): sync", ...syncs.map((s) => `${fmtMb(s.peakRss)} (+${fmtMb(s.rssGrowth)})`), ""]);
  rows.push(["peak heap used: floor / sync", ...syncs.map((s, i) => `${fmtMb(floors[i]!.peakHeap)} / ${fmtMb(s.peakHeap)}`), ""]);
  rows.push(["stored people / groups / memberships", ...syncs.map((s) => `${s.counts.people} / ${s.counts.groups} / ${s.counts.memberships}`), `want ${expected.people} / ${expected.groups} / ${expected.memberships}`]);
  console.log();
  printTable(rows);
  console.log(`process maxRSS over the whole run: ${fmtMb(process.resourceUsage().maxRSS * 1024)}`);

  const failures: string[] = [];
  if (ratio > TARGET_RATIO) failures.push(`sync is ${ratio.toFixed(2)}× the floor (target ≤ ${TARGET_RATIO}×)`);
  for (const s of syncs) {
    if (s.status !== "SUCCEEDED") failures.push(`a sync ended ${s.status}${s.error ? `: ${s.error}` : ""}`);
    if (s.calls !== minimum.total || s.served !== minimum.total) failures.push(`a sync made ${s.calls} calls (sandbox served ${s.served}); the minimum is ${minimum.total}`);
    if (s.counts.people !== expected.people || s.counts.groups !== expected.groups || s.counts.memberships !== expected.memberships) {
      failures.push(`a sync stored ${JSON.stringify(s.counts)}, expected ${JSON.stringify(expected)}`);
    }
  }
  for (const f of floors) if (f.calls !== minimum.total) failures.push(`the floor made ${f.calls} calls; the minimum is ${minimum.total}`);
  console.log();
  if (failures.length) {
    console.log(`FAIL (${directory.name})\n  - ${[...new Set(failures)].join("\n  - ")}`);
    return 1;
  }
  console.log(`PASS (${directory.name}): sync ${fmtMs(syncMs)} is ${ratio.toFixed(2)}× the floor ${fmtMs(floorMs)} (≤ ${TARGET_RATIO}×), API calls = minimum (${minimum.total})`);
  return 0;

  // ---- fresh databases ----
  async function freshDatabases(kind: DbKind) {
    if (kind === "pglite") {
      // On disk, as the app runs it (GATEHOUSE_DATA_DIR/pglite, the engine on a worker thread): migrate a template
      // directory once, copy it per sync. One compiled engine for every database, as in the app's long-running
      // process (its code warms up once; a compiled module is shared with each worker, not recompiled).
      const engine = pgliteThread === "worker" ? pgliteOnWorkerThread : undefined;
      const t0 = performance.now();
      const pgliteWasmModule = await WebAssembly.compile(readFileSync(new URL("./pglite.wasm", import.meta.resolve("@electric-sql/pglite"))));
      const root = mkdtempSync(path.join(tmpdir(), "gh-bench-pglite-"));
      const template = path.join(root, "template");
      const db = await openDatabase({ kind: "pglite", dataDir: template, pgliteWasmModule, engine });
      await applyMigrations(db.adapterFactory);
      await db.close();
      console.log(`PGlite template migrated in ${fmtMs(performance.now() - t0)} (${root})`);
      let n = 0;
      return {
        async next() {
          const dir = path.join(root, `run-${++n}`);
          cpSync(template, dir, { recursive: true });
          // Opened the way the app's launcher opens its data directory.
          const database = await openDatabase({ kind: "pglite", dataDir: dir, pgliteWasmModule, engine });
          return {
            prisma: database.prisma,
            close: async () => {
              await database.close();
              rmSync(dir, { recursive: true, force: true });
            },
          };
        },
        async close() {
          rmSync(root, { recursive: true, force: true });
        },
      };
    }
    if (kind === "pglite-memory") {
      // In memory, as the tests run it: migrate once, load the dump into a new PGlite per sync.
      const t0 = performance.now();
      const template = new PGlite();
      await applyMigrations(new PrismaPGlite(template));
      const dump = await template.dumpDataDir("none");
      await template.close();
      console.log(`PGlite template migrated in ${fmtMs(performance.now() - t0)}`);
      return {
        async next() {
          const lite = await PGlite.create({ loadDataDir: dump });
          const database = await openDatabase({ kind: "pglite", pglite: lite });
          return { prisma: database.prisma, close: async () => { await database.close(); await lite.close(); } };
        },
        async close() {},
      };
    }
    const url = process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
    const name = (suffix: string) => `gh_bench_${process.pid}_${suffix}`;
    const withDb = (db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const template = name("template");
    await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const pool = new pg.Pool({ connectionString: withDb(template) });
    await applyMigrations(new PrismaPg(pool));
    await pool.end();
    const u = new URL(url);
    console.log(`PostgreSQL at ${u.host}: migrated template database ${template}`);
    let n = 0;
    const made: string[] = [template];
    return {
      async next() {
        const db = name(String(++n));
        made.push(db);
        await admin.query(`CREATE DATABASE "${db}" TEMPLATE "${template}"`);
        const database = await openDatabase({ kind: "postgres", url: withDb(db) });
        return {
          prisma: database.prisma,
          close: async () => {
            await database.close();
            await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
          },
        };
      },
      async close() {
        for (const db of made) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
}

interface Measured {
  ms: number;
  /** CPU time of this process (user + system) in the window: the sandbox's own work is in the child. */
  cpuMs: number;
  /** CPU time of the sandbox process in the window. */
  sandboxCpuMs: number;
  /** Calls counted by the connector (for the sync: the SyncRun's apiCalls). */
  calls: number;
  /** Requests the sandbox received in the measured window. */
  served: number;
  peakRss: number;
  /** Peak RSS minus RSS when the window started. */
  rssGrowth: number;
  peakHeap: number;
  counts: { people: number; groups: number; memberships: number };
  status: string;
  error?: string;
  /** Milliseconds per phase, in order. */
  phases: [string, number][];
}

/** Times `fn`, sampling RSS and heap every 50 ms, and reads the sandbox's request count for the window. */
async function measure(
  sandbox: SandboxProcess,
  fn: (phase: (name: string) => void) => Promise<{ calls: number; counts: Measured["counts"]; status: string; error?: string }>,
  profileTo?: string,
): Promise<Measured> {
  const profiler = profileTo ? await startProfiler() : null;
  await sandbox.resetStats();
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const marks: [string, number][] = [];
  const phase = (name: string) => marks.push([name, performance.now()]);
  try {
    const out = await fn(phase);
    const ms = performance.now() - t0;
    const phases = marks.map(([name, at], i): [string, number] => [name, (marks[i + 1]?.[1] ?? t0 + ms) - at]);
    const cpu = process.cpuUsage(cpu0);
    sample();
    if (profiler) console.log(`CPU profile: ${await profiler.stop(profileTo!)}`);
    const stats = await sandbox.stats();
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, sandboxCpuMs: stats.cpuMs, served: stats.total, peakRss, rssGrowth: peakRss - startRss, peakHeap, phases, ...out };
  } finally {
    clearInterval(timer);
  }
}

async function startProfiler() {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      const { mkdirSync, writeFileSync } = await import("node:fs");
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

class SandboxProcess {
  private waiters: ((m: BenchSandboxMessage) => void)[] = [];
  private constructor(
    private readonly child: ChildProcess,
    /** What the child sent when ready: URL, token, shape, and what else its connector needs. */
    readonly ready: BenchSandboxReady,
  ) {
    child.on("message", (m: BenchSandboxMessage) => this.waiters.shift()?.(m));
  }

  get url() {
    return this.ready.url;
  }

  get token() {
    return this.ready.token;
  }

  get shape() {
    return this.ready.shape;
  }

  get generateMs() {
    return this.ready.generateMs;
  }

  get pid() {
    return this.child.pid;
  }

  static async start(directory: DirectoryBench, opts: { users: number; groups: number; memberships: number; seed: number }): Promise<SandboxProcess> {
    const child = fork(directory.script, ["--users", String(opts.users), "--groups", String(opts.groups), "--memberships", String(opts.memberships), "--seed", String(opts.seed)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<BenchSandboxReady>((resolve, reject) => {
      child.once("message", (m: BenchSandboxMessage) => (m.type === "ready" ? resolve(m) : reject(new Error(`unexpected ${m.type}`))));
      child.once("exit", (code) => reject(new Error(`sandbox process exited with ${code}`)));
      child.once("error", reject);
    });
    child.removeAllListeners("exit");
    return new SandboxProcess(child, ready);
  }

  private ask<T extends BenchSandboxMessage["type"]>(type: T): Promise<Extract<BenchSandboxMessage, { type: T }>> {
    return new Promise((resolve) => {
      this.waiters.push((m) => resolve(m as Extract<BenchSandboxMessage, { type: T }>));
      this.child.send({ type });
    });
  }

  stats() {
    return this.ask("stats");
  }

  async resetStats() {
    await this.ask("reset");
  }

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.disconnect();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtPhases = (m: Measured) => m.phases.map(([name, ms]) => `${name} ${fmtMs(ms)}`).join(", ");
const fmtMb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  │  ");
  console.log(line(rows[0]!));
  console.log(widths.map((w) => "─".repeat(w)).join("──┼──"));
  for (const r of rows.slice(1)) console.log(line(r));
}
