// Test helpers for the directory sync tests (server/domain/sync/*.test.ts): real services over the test
// database, a tenant with an Okta connection to a sandbox, and what the sandbox says the result should be.

import { afterAll } from "vitest";
import type { Database, Db } from "../../db/client.ts";
import { defaultConnectorFactory } from "../../connectors/factory.ts";
import { TableJobQueue } from "../../jobs/local-queue.ts";
import { startOktaSandbox, type OktaSandbox, type OktaState } from "../../sandbox/okta/index.ts";
import { ControllableClock } from "../clock.ts";
import { saveConnection } from "../connections/save-connection.ts";
import { forTenant, type Services } from "../services.ts";
import { createTenant } from "../tenants/create-tenant.ts";
import { runSync, type RunSyncOptions } from "./run-sync.ts";
import { startSync } from "./start-sync.ts";

const actor = { type: "cli" as const, label: "sync test" };

/** Real services: the table-backed job queue, the real Okta connector factory, a clock the test can move. */
export function syncServices(db: Database, clock = new ControllableClock()): Services & { clock: ControllableClock } {
  return { db: db.prisma, clock, jobs: new TableJobQueue(db.prisma, clock), connectors: defaultConnectorFactory };
}

/** A sandbox Okta serving `state`, stopped after the file. */
export async function sandboxOkta(state: OktaState): Promise<OktaSandbox> {
  const okta = await startOktaSandbox({ state });
  afterAll(() => okta.stop());
  return okta;
}

/** A new tenant with an Okta connection to `okta`, saved through the same operations as the app. */
export async function oktaTenant(services: Services, slug: string, okta: OktaSandbox) {
  const tenant = await createTenant(services, actor, { slug, name: slug.toUpperCase(), adminEmail: `admin@${slug}.test` });
  const scope = forTenant(services, tenant.id, actor);
  const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
  return { tenantId: tenant.id, scope, connectionId: connection.id };
}

/** Starts a sync and runs it to the end in this process (no job driver). */
export async function syncNow(services: Services, t: Awaited<ReturnType<typeof oktaTenant>>, opts?: RunSyncOptions) {
  const { run } = await startSync(t.scope, { connectionId: t.connectionId, trigger: "manual" });
  const done = await runSync(services, { tenantId: t.tenantId, syncRunId: run.id }, opts);
  if (!done) throw new Error("sync run disappeared");
  return done;
}

/**
 * A digest of everything the sync owns for a tenant: people and groups (our ids and business columns,
 * managers by external id) and memberships. Equal digests mean a sync changed nothing.
 */
export async function directoryFingerprint(db: Db, tenantId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ digest: string; n: number }[]>`
    SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) AS digest, count(*)::int AS n FROM (
      SELECT concat_ws('|', 'P', p.id, p."connectionId", p."externalId", p.login, p.email, p."firstName", p."lastName", p."displayName",
                       p.title, p.department, p.location, p."managerExternalId", m."externalId", p.status, p."employmentType",
                       p."startDate", p."terminationDate", p."lastLoginAt") AS line
      FROM "Person" p LEFT JOIN "Person" m ON m.id = p."managerId" WHERE p."tenantId" = ${tenantId}
      UNION ALL
      SELECT concat_ws('|', 'G', g.id, g."connectionId", g."externalId", g.name, g.description, g.type, g.managed, g."unmanagedReason",
                       g."memberCount", g."removedAt")
      FROM "Group" g WHERE g."tenantId" = ${tenantId}
      UNION ALL
      SELECT concat_ws('|', 'M', g."externalId", p."externalId", ms."observedAt")
      FROM "Membership" ms JOIN "Group" g ON g.id = ms."groupId" JOIN "Person" p ON p.id = ms."personId" WHERE ms."tenantId" = ${tenantId}
    ) lines`;
  return `${row!.n}:${row!.digest}`;
}

/** What a full sync of `state` must store: Okta's plain user list omits DEPROVISIONED users. */
export function expectedDirectory(state: OktaState) {
  const listed = new Set([...state.users.values()].filter((u) => u.status !== "DEPROVISIONED").map((u) => u.id));
  const memberships = new Set<string>();
  for (const [gid, members] of state.memberships) {
    if (!state.groups.has(gid)) continue;
    for (const uid of members) if (listed.has(uid)) memberships.add(`${gid}|${uid}`);
  }
  return { listed, groups: new Set(state.groups.keys()), memberships };
}

/** The memberships stored for a tenant, as "groupExternalId|personExternalId". */
export async function storedMemberships(db: Db, tenantId: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ k: string }[]>`
    SELECT g."externalId" || '|' || p."externalId" AS k
    FROM "Membership" ms JOIN "Group" g ON g.id = ms."groupId" JOIN "Person" p ON p.id = ms."personId"
    WHERE ms."tenantId" = ${tenantId}`;
  return new Set(rows.map((r) => r.k));
}

/**
 * Deletes a group in the sandbox's state (Okta's DELETE /api/v1/groups/{id}, which the sandbox does not serve).
 * The sandbox caches its sorted group list; nulling the private cache is the only way to drop one group.
 */
export function deleteSandboxGroup(state: OktaState, groupId: string) {
  if (!state.groups.delete(groupId)) throw new Error(`no group ${groupId}`);
  state.memberships.delete(groupId);
  const internals = state as unknown as { sortedGroupsCache: unknown; userGroupsIndex: unknown };
  internals.sortedGroupsCache = null;
  internals.userGroupsIndex = null;
}
