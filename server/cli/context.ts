// The CLI's process-wide setup: which database, the Services (as the app builds them, without the job
// driver), and who is acting. Only the embedded database's lock decides whether the CLI may open it.
// (server/runtime.ts is not imported: it loads the Okta and Jira SDKs, seconds per CLI start, even for
// commands that never call a connector.)
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ConnectorFactory } from "../connectors/factory.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { DataDirInUseError, dataDirHolder } from "../db/data-dir-lock.ts";
import { pgliteOnWorkerThread } from "../db/pglite-in-worker.ts";
import { readMigrationList } from "../db/migrations.ts";
import type { Actor } from "../domain/actor.ts";
import { ControllableClock, systemClock } from "../domain/clock.ts";
import type { Services } from "../domain/services.ts";
import { dataDir, env } from "../env.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { CliError } from "./errors.ts";
import type { Output } from "./output.ts";

export type DatabaseTarget = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** Same as pgliteDir() in server/runtime.ts (a test checks they agree). */
export function cliPgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

export function databaseTarget(): DatabaseTarget {
  const url = env().DATABASE_URL;
  return url ? { kind: "postgres", url } : { kind: "pglite", dir: cliPgliteDir() };
}

/** Where the CLI is pointed, for people: never the password of a DATABASE_URL. */
export function describeTarget(t: DatabaseTarget): string {
  if (t.kind === "pglite") return `embedded PGlite at ${t.dir}`;
  const u = new URL(t.url);
  return `PostgreSQL ${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

/** Who runs the CLI, for the audit log: `cli:<os user>`, or `cli:<os user> as <email>` when acting as someone (--as). */
export function cliActor(asEmail?: string): Actor {
  let user = process.env.USER ?? process.env.USERNAME ?? "unknown";
  try {
    user = os.userInfo().username || user;
  } catch {
    /* no passwd entry (containers): keep $USER */
  }
  return { type: "cli", label: asEmail ? `cli:${user} as ${asEmail}` : `cli:${user}` };
}

/**
 * Opens the configured database. The embedded one is refused while another live process holds its
 * lock (the app while it runs): the directory is not touched at all then. `create` lets `migrate`
 * initialise a new embedded database; other commands ask for `gatehouse migrate` first.
 */
export async function openCliDatabase(opts: { create: boolean }): Promise<{ database: Database; target: DatabaseTarget }> {
  const target = databaseTarget();
  if (target.kind === "postgres") {
    const database = await openDatabase({ kind: "postgres", url: target.url });
    try {
      await database.prisma.$queryRaw`SELECT 1`;
    } catch (e) {
      await database.close().catch(() => {});
      throw new CliError(`Cannot connect to ${describeTarget(target)}: ${e instanceof Error ? e.message.trim().split("\n").pop() : String(e)}`);
    }
    return { database, target };
  }
  // Checked before anything touches the directory; openDatabase checks again while taking the lock.
  const holder = dataDirHolder(target.dir);
  if (holder) throw new DataDirInUseError(target.dir, holder);
  if (!opts.create && !existsSync(target.dir)) {
    throw new CliError(
      `There is no embedded database at ${target.dir} yet.\n` +
        "Run `gatehouse migrate` (or `npm start`) first, or point the CLI elsewhere with GATEHOUSE_DATA_DIR or DATABASE_URL.",
    );
  }
  // On a worker thread, as the app runs it (a CLI sync's writes then overlap its downloads).
  return { database: await openDatabase({ kind: "pglite", dataDir: target.dir, engine: pgliteOnWorkerThread }), target };
}

/** Refuses to work on a database that lacks some of prisma/migrations (the app would migrate it at start). */
export async function assertMigrated(database: Database) {
  const db = database.prisma;
  const [table] = await db.$queryRaw<{ t: string | null }[]>`SELECT to_regclass('_prisma_migrations')::text AS t`;
  if (!table?.t) throw new CliError("The database has no Gatehouse schema yet.\nRun `gatehouse migrate` first.");
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = (await readMigrationList()).migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
  if (pending.length) {
    throw new CliError(`The database is missing ${pending.length} migration(s): ${pending.join(", ")}.\nRun \`gatehouse migrate\` first.`);
  }
}

const noConnectors: ConnectorFactory = {
  directory() {
    throw new Error("this CLI command was built without connectors");
  },
  ticketing() {
    throw new Error("this CLI command was built without connectors");
  },
  messaging() {
    throw new Error("this CLI command was built without connectors");
  },
  evidence() {
    throw new Error("this CLI command was built without connectors");
  },
};

/**
 * The Services the app builds in bootRuntime({ startDriver: false }): the same clock, job queue and
 * connector factory choices, without a job driver. Connectors are loaded only for commands that call one.
 */
export async function buildServices(database: Database, opts: { connectors: boolean }): Promise<Services> {
  const e = env();
  const clock = e.GATEHOUSE_TEST_CLOCK === "1" ? new ControllableClock() : systemClock;
  return {
    db: database.prisma,
    clock,
    connectors: opts.connectors ? (await import("../connectors/factory.ts")).defaultConnectorFactory : noConnectors,
    jobs: e.GATEHOUSE_JOB_DRIVER === "inngest" ? (await import("../../inngest/queue.ts")).inngestJobQueue() : new TableJobQueue(database.prisma, clock),
  };
}

export interface CliContext {
  services: Services;
  database: Database;
  target: DatabaseTarget;
  actor: Actor;
  out: Output;
}

/** Opens the (migrated) database, builds the Services, runs `fn`, closes the database. `as`: the email the admin acts as. */
export async function withServices<T>(out: Output, opts: { connectors: boolean; as?: string }, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const { database, target } = await openCliDatabase({ create: false });
  try {
    await assertMigrated(database);
    const services = await buildServices(database, opts);
    return await fn({ services, database, target, actor: cliActor(opts.as), out });
  } finally {
    await database.close();
  }
}
