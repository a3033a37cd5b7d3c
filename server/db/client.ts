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

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir?: string; pglite?: PGlite; lock?: boolean };

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
    pg = await PGlite.create(target.dataDir);
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
