import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { quietPgQueueWarning } from "./quiet-pg-queue-warning.ts";

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

/**
 * Starts a PGlite engine on a data directory (in memory without one). In-process unless the caller passes
 * another: the app's launcher, the CLI and the benchmark run it on a worker thread (pglite-in-worker.ts), which
 * this module deliberately does not import, so that the Next.js bundle (which imports it through
 * server/runtime.ts) never contains the worker.
 */
export type PGliteEngine = (dataDir: string | undefined, options: { pgliteWasmModule?: WebAssembly.Module }) => Promise<PGlite>;

const inProcess: PGliteEngine = (dataDir, options) => PGlite.create(dataDir, options);

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | {
      kind: "pglite";
      dataDir?: string;
      /** An engine the caller opened (and closes) in this thread, e.g. a test's in-memory copy of a template. */
      pglite?: PGlite;
      lock?: boolean;
      /** How to start the engine when we open it (default: in this thread). */
      engine?: PGliteEngine;
      /** A compiled pglite.wasm to reuse (the benchmark opens many databases with one engine). */
      pgliteWasmModule?: WebAssembly.Module;
    };

/** One PrismaClient for PGlite (embedded) or PostgreSQL, chosen at run time. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    quietPgQueueWarning();
    const adapterFactory = new PrismaPg({ connectionString: target.url, max: 10 });
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return { prisma, adapterFactory, kind: "postgres", close: () => prisma.$disconnect() };
  }
  let lock: DataDirLock | undefined;
  let pg = target.pglite;
  if (!pg) {
    if (target.dataDir) {
      mkdirSync(path.dirname(target.dataDir), { recursive: true });
      // PGlite has no cross-process lock: two processes on one directory corrupt it.
      if (target.lock !== false) lock = acquireDataDirLock(target.dataDir);
    }
    const options = target.pgliteWasmModule ? { pgliteWasmModule: target.pgliteWasmModule } : {};
    try {
      pg = await (target.engine ?? inProcess)(target.dataDir, options);
      // PGlite runs without fsync, so zero-filling each new 16 MB WAL segment (which only guarantees the space
      // for a later fsync) buys nothing; a bulk write such as a directory sync creates several.
      await pg.exec("SET wal_init_zero = off");
    } catch (e) {
      lock?.release();
      throw e;
    }
  }
  const adapterFactory = new PrismaPGlite(pg);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const owned = pg;
  return {
    prisma,
    adapterFactory,
    kind: "pglite",
    async close() {
      await prisma.$disconnect();
      if (!target.pglite) await owned.close();
      lock?.release();
    },
  };
}
