import type { Db } from "../db/client.ts";
import { scopeToTenant, type TenantDb } from "../db/tenant-db.ts";
import type { ConnectorFactory } from "../connectors/factory.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { Actor } from "./actor.ts";
import type { Clock } from "./clock.ts";

/** What every operation may use. Built once per process (app, CLI, test) and passed down explicitly. */
export interface Services {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  connectors: ConnectorFactory;
}

/** An operation's view of one tenant: the scoped client and who is acting. */
export interface TenantScope extends Services {
  tenantId: string;
  tdb: TenantDb;
  actor: Actor;
}

export function forTenant(services: Services, tenantId: string, actor: Actor): TenantScope {
  return { ...services, tenantId, tdb: scopeToTenant(services.db, tenantId), actor };
}
