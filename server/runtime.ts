import path from "node:path";
import { openDatabase, type Database, type PGliteEngine } from "./db/client.ts";
import { dataDir, demoEnabled, env } from "./env.ts";
import { ControllableClock, systemClock, type Clock } from "./domain/clock.ts";
import type { Services } from "./domain/services.ts";
import { defaultConnectorFactory } from "./connectors/factory.ts";
import { TableJobQueue } from "./jobs/local-queue.ts";
import { LocalJobDriver } from "./jobs/local-driver.ts";
import { jobDefinitions } from "./jobs/registry.ts";
import { inngestJobQueue } from "../inngest/queue.ts";

export interface Runtime {
  services: Services;
  database: Database;
  clock: Clock;
  driver?: LocalJobDriver;
  /** Starts the local job driver (no-op under Inngest); call after migrations. */
  startDriver(): void;
  stop(): Promise<void>;
}

declare global {
  // One runtime per process, shared by the launcher and the Next.js route handlers it serves.
  var __gatehouseRuntime: Promise<Runtime> | undefined;
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

/**
 * Opens the database and builds the services. Migrations are not applied here (the schema engine
 * stays out of the Next.js bundle): the launcher and `gatehouse migrate` apply them first.
 */
export interface BootOptions {
  database?: Database;
  clock?: Clock;
  startDriver?: boolean;
  /** Demo mode: the clock is controllable so a visitor can move time (the launcher knows before env() does). */
  demo?: boolean;
  /**
   * How to start the embedded database's engine: the launcher runs it on a worker thread. The Next.js bundle
   * opens it (when not served by the launcher, e.g. `next start` alone) in-process: it never includes the worker.
   */
  pgliteEngine?: PGliteEngine;
}

export async function bootRuntime(opts: BootOptions = {}): Promise<Runtime> {
  const e = env();
  const database =
    opts.database ??
    (e.DATABASE_URL ? await openDatabase({ kind: "postgres", url: e.DATABASE_URL }) : await openDatabase({ kind: "pglite", dataDir: pgliteDir(), engine: opts.pgliteEngine }));
  const movable = e.GATEHOUSE_TEST_CLOCK === "1" || (opts.demo ?? demoEnabled());
  const clock = opts.clock ?? (movable ? new ControllableClock() : systemClock);
  let driver: LocalJobDriver | undefined;
  const services: Services = {
    db: database.prisma,
    clock,
    connectors: defaultConnectorFactory,
    jobs: e.GATEHOUSE_JOB_DRIVER === "inngest" ? inngestJobQueue() : new TableJobQueue(database.prisma, clock, () => driver?.poke()),
  };
  const runtime: Runtime = {
    services,
    database,
    clock,
    get driver() {
      return driver;
    },
    startDriver() {
      if (driver || e.GATEHOUSE_JOB_DRIVER !== "local") return;
      driver = new LocalJobDriver(services, jobDefinitions);
      driver.start();
    },
    async stop() {
      await driver?.stop();
      await database.close();
    },
  };
  if (opts.startDriver !== false) runtime.startDriver();
  return runtime;
}

export function getRuntime(): Promise<Runtime> {
  globalThis.__gatehouseRuntime ??= bootRuntime();
  return globalThis.__gatehouseRuntime;
}

export async function getServices(): Promise<Services> {
  return (await getRuntime()).services;
}
