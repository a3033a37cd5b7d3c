// `npm run bench -- audit-export`: a large tenant's audit log exported as CSV through the same streaming
// writer the Evidence API and the Evidence page use (evidenceCsvStream), into a sink that discards the
// bytes. N events are generated in SQL (generate_series) into a fresh database; then windows of growing
// size (default 250k, 500k and 1M rows) are exported while memory is sampled. Reports rows/s and, per run,
// the peak RSS, the peak JS heap (garbage included) and the peak live heap (heap used right after a forced
// collection, every 25 chunks: what the export really holds). PASS when the largest run's peak RSS and
// peak live heap stay within --max-ratio (1.25×) of the smallest's: memory is flat however many rows stream.
//
// A warm-up export runs first (JIT, V8 sizing its heap for this allocation rate), then the runs go
// smallest first in one process, so anything an export kept would only raise the later (larger) runs'
// peaks: growth cannot hide, and flat peaks mean constant memory. The generated rows share `at` four at a
// time, so paging exercises the (at, id) tie-break as bulk-written events do.

import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { systemClock } from "../domain/clock.ts";
import { forTenant, type Services } from "../domain/services.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { CSV_PAGE_SIZE, evidenceCsvStream, type CsvStreamStats } from "../api/evidence/csv-stream.ts";
import { benchDatabase, printTable } from "./bench-kit.ts";

export interface AuditExportBenchOptions {
  /** Rows exported per run, ascending (default 250k, 500k, 1M); the largest is how many events are generated. */
  sizes?: number[];
  db?: "pglite" | "postgres";
  /** Rows per keyset page (default the writer's CSV_PAGE_SIZE, 2,000). */
  pageSize?: number;
  /** How often memory is sampled besides every chunk written (ms). */
  sampleMs?: number;
  /** Rows exported once before measuring (default: the smallest size, at most 100,000). */
  warmupRows?: number;
  /** PASS when the largest run's peak RSS and peak live heap are at most this many times the smallest run's. */
  maxRatio?: number;
  /** Progress lines (default console.log; pass () => {} to stay quiet). */
  log?: (line: string) => void;
}

export interface AuditExportRun {
  rows: number;
  pages: number;
  seconds: number;
  rowsPerSecond: number;
  megabytesWritten: number;
  baselineRssMb: number;
  peakRssMb: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  /** Heap used right after a forced collection, highest seen during the run: memory the export holds. */
  peakLiveHeapMb: number;
}

export interface AuditExportBenchResult {
  db: "pglite" | "postgres";
  generated: number;
  generateSeconds: number;
  pageSize: number;
  runs: AuditExportRun[];
  rssRatio: number;
  heapRatio: number;
  liveHeapRatio: number;
  maxRatio: number;
  pass: boolean;
}

const BASE = "2026-01-01 00:00:00";
const BASE_MS = Date.parse("2026-01-01T00:00:00Z");
const TIES = 4;
const CHUNK = 100_000;
const MB = 1024 * 1024;

/** A forced collection (between runs, and to measure the live heap during one); null if unavailable. */
function collector(): (() => void) | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

const LIVE_EVERY_CHUNKS = 25;

/** N audit events of one tenant, inserted by the database itself: row i happens at BASE + floor(i / 4) s. */
async function generate(db: Services["db"], tenantId: string, firstSeq: number, n: number, log: (l: string) => void) {
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK) - 1;
    await db.$executeRawUnsafe(`
      INSERT INTO "AuditEvent" ("id", "tenantId", "seq", "at", "actorType", "actorId", "actorLabel", "action", "subjectType", "subjectId", "data", "prevHash", "hash")
      SELECT 'bench' || lpad(i::text, 9, '0'), '${tenantId}', ${firstSeq} + i,
        TIMESTAMP '${BASE}' + (i / ${TIES}) * INTERVAL '1 second',
        (ARRAY['user', 'job', 'system', 'webhook'])[1 + i % 4],
        CASE WHEN i % 4 = 0 THEN 'user' || (i % 500) END,
        (ARRAY['alex.kim@acme.example', 'grant.expire', 'Gatehouse', 'Jira webhook'])[1 + i % 4],
        (ARRAY['grant.created', 'grant.activated', 'grant.ending', 'grant.ended', 'request.created', 'request.approved'])[1 + i % 6],
        CASE WHEN i % 6 < 4 THEN 'grant' ELSE 'request' END,
        'c' || md5((i / 6)::text),
        jsonb_build_object('reason', 'expired', 'groups', jsonb_build_array('okta:datadog-users'), 'note', 'Left the on-call rota, "quoted", with a comma', 'n', i),
        md5((i - 1)::text) || md5((i - 1)::text || 'x'),
        md5(i::text) || md5(i::text || 'x')
      FROM generate_series(${start}, ${end}) AS i`);
    log(`  generated ${(end + 1).toLocaleString("en-US")} / ${n.toLocaleString("en-US")} events`);
  }
}

/** Runs the benchmark and returns its figures (no exit, no process-wide side effects beyond the run). */
export async function runAuditExportBench(options: AuditExportBenchOptions = {}): Promise<AuditExportBenchResult> {
  const sizes = [...(options.sizes ?? [250_000, 500_000, 1_000_000])].sort((a, b) => a - b);
  if (!sizes.length || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("sizes must be positive whole numbers");
  const kind = options.db ?? "pglite";
  const pageSize = options.pageSize ?? CSV_PAGE_SIZE;
  const sampleMs = options.sampleMs ?? 20;
  const maxRatio = options.maxRatio ?? 1.25;
  const log = options.log ?? ((l: string) => console.log(l));
  const gc = collector();
  const n = sizes[sizes.length - 1]!;

  const { db, drop } = await benchDatabase(kind, "audit_export");
  try {
    const services: Services = { db: db.prisma, clock: systemClock, connectors: defaultConnectorFactory, jobs: new TableJobQueue(db.prisma, systemClock) };
    const tenant = await createTenant(services, { type: "cli", label: "bench" }, { slug: "bench", name: "Bench", adminEmail: "boss@bench.example" });
    const scope = forTenant(services, tenant.id, { type: "cli", label: "bench" });
    const last = await db.prisma.auditEvent.findFirst({ where: { tenantId: tenant.id }, orderBy: { seq: "desc" }, select: { seq: true } });
    log(`Generating ${n.toLocaleString("en-US")} audit events in ${kind}…`);
    const g0 = performance.now();
    await generate(db.prisma, tenant.id, (last?.seq ?? 0) + 1, n, log);
    await db.prisma.$executeRawUnsafe(`ANALYZE "AuditEvent"`);
    const generateSeconds = (performance.now() - g0) / 1000;

    const exportRows = async (size: number): Promise<AuditExportRun> => {
      gc?.();
      const base = process.memoryUsage();
      let peakRss = base.rss;
      let peakHeap = base.heapUsed;
      let peakLive = base.heapUsed;
      const sample = () => {
        const m = process.memoryUsage();
        if (m.rss > peakRss) peakRss = m.rss;
        if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
      };
      const timer = setInterval(sample, sampleMs);
      let written = 0;
      let chunks = 0;
      let stats: CsvStreamStats | null = null;
      const from = new Date(BASE_MS);
      const to = new Date(BASE_MS + Math.ceil(size / TIES) * 1000);
      const t0 = performance.now();
      try {
        const stream = evidenceCsvStream("audit-events", scope, { from, to, limit: pageSize, after: null }, { pageSize, onDone: (s) => (stats = s) });
        await stream.pipeTo(new WritableStream<Uint8Array>({
          write(chunk) {
            written += chunk.byteLength;
            sample();
            if (gc && ++chunks % LIVE_EVERY_CHUNKS === 0) {
              gc();
              const live = process.memoryUsage().heapUsed;
              if (live > peakLive) peakLive = live;
            }
          },
        }));
      } finally {
        clearInterval(timer);
      }
      const seconds = (performance.now() - t0) / 1000;
      const done = stats as CsvStreamStats | null;
      if (!done || done.rows !== size) throw new Error(`exported ${done?.rows ?? 0} rows, expected ${size}`);
      return {
        rows: done.rows, pages: done.pages, seconds, rowsPerSecond: done.rows / seconds, megabytesWritten: written / MB,
        baselineRssMb: base.rss / MB, peakRssMb: peakRss / MB, baselineHeapMb: base.heapUsed / MB, peakHeapMb: peakHeap / MB, peakLiveHeapMb: peakLive / MB,
      };
    };

    const warmup = Math.min(options.warmupRows ?? Math.min(sizes[0]!, 100_000), n);
    if (warmup > 0) {
      const w = await exportRows(warmup);
      log(`  warm-up ${warmup.toLocaleString("en-US")} rows: ${Math.round(w.rowsPerSecond).toLocaleString("en-US")} rows/s`);
    }
    const runs: AuditExportRun[] = [];
    for (const size of sizes) {
      const run = await exportRows(size);
      runs.push(run);
      log(`  ${size.toLocaleString("en-US")} rows: ${run.seconds.toFixed(1)} s, ${Math.round(run.rowsPerSecond).toLocaleString("en-US")} rows/s, peak RSS ${run.peakRssMb.toFixed(0)} MB, peak heap ${run.peakHeapMb.toFixed(0)} MB, peak live heap ${run.peakLiveHeapMb.toFixed(0)} MB`);
    }
    const first = runs[0]!;
    const lastRun = runs[runs.length - 1]!;
    const rssRatio = lastRun.peakRssMb / first.peakRssMb;
    const heapRatio = lastRun.peakHeapMb / first.peakHeapMb;
    const liveHeapRatio = lastRun.peakLiveHeapMb / first.peakLiveHeapMb;
    return { db: kind, generated: n, generateSeconds, pageSize, runs, rssRatio, heapRatio, liveHeapRatio, maxRatio, pass: rssRatio <= maxRatio && liveHeapRatio <= maxRatio };
  } finally {
    await drop();
  }
}

/** The CLI face: parses options, prints the table and the verdict, returns the exit status (0 PASS, 1 FAIL). */
export async function auditExportBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string", default: "250000,500000,1000000" },
      db: { type: "string", default: "pglite" },
      "page-size": { type: "string", default: String(CSV_PAGE_SIZE) },
      "max-ratio": { type: "string", default: "1.25" },
      warmup: { type: "string" },
    },
  });
  const db = values.db === "postgres" ? "postgres" : values.db === "pglite" ? "pglite" : null;
  if (!db) throw new Error("--db must be pglite or postgres");
  const sizes = values.sizes.split(",").map((s) => Number(s.replace(/[_\s]/g, "")));
  const r = await runAuditExportBench({ sizes, db, pageSize: Number(values["page-size"]), maxRatio: Number(values["max-ratio"]),
    ...(values.warmup ? { warmupRows: Number(values.warmup) } : {}),
  });
  console.log(`\naudit-export on ${r.db}: ${r.generated.toLocaleString("en-US")} events generated in ${r.generateSeconds.toFixed(1)} s; CSV in pages of ${r.pageSize.toLocaleString("en-US")} rows to a discarding sink\n`);
  printTable([
    ["rows", "pages", "seconds", "rows/s", "MB written", "RSS before", "peak RSS", "heap before", "peak heap", "peak live heap"],
    ...r.runs.map((x) => [
      x.rows.toLocaleString("en-US"), String(x.pages), x.seconds.toFixed(1), Math.round(x.rowsPerSecond).toLocaleString("en-US"), x.megabytesWritten.toFixed(0),
      `${x.baselineRssMb.toFixed(0)} MB`, `${x.peakRssMb.toFixed(0)} MB`, `${x.baselineHeapMb.toFixed(0)} MB`, `${x.peakHeapMb.toFixed(0)} MB`, `${x.peakLiveHeapMb.toFixed(0)} MB`,
    ]),
  ]);
  console.log(`\npeak RSS ${r.rssRatio.toFixed(2)}×, peak live heap ${r.liveHeapRatio.toFixed(2)}× (peak heap with garbage ${r.heapRatio.toFixed(2)}×) from ${r.runs[0]!.rows.toLocaleString("en-US")} to ${r.runs.at(-1)!.rows.toLocaleString("en-US")} rows (limit ${r.maxRatio}×)`);
  console.log(r.pass ? "PASS: memory stays flat as the export grows" : "FAIL: memory grows with the number of rows exported");
  return r.pass ? 0 : 1;
}
