import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { DirectoryGroup, DirectoryUser } from "../../connectors/types.ts";

// Bulk writes for the directory sync: one statement per page, so a 10,000-person sync is
// dozens of queries, not tens of thousands. Unchanged rows are counted as unchanged.

type Counts = { created: number; updated: number };
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function upsertPeople(db: Db, tenantId: string, connectionId: string, runId: string, now: Date, users: DirectoryUser[]): Promise<Counts> {
  if (!users.length) return { created: 0, updated: 0 };
  const col = <T>(f: (u: DirectoryUser) => T) => users.map(f);
  const rows = await db.$queryRaw<Counts[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col(() => randomUUID())}::text[], ${col((u) => u.externalId)}::text[], ${col((u) => u.login)}::text[],
        ${col((u) => u.email)}::text[], ${col((u) => u.firstName)}::text[], ${col((u) => u.lastName)}::text[],
        ${col((u) => `${u.firstName} ${u.lastName}`.trim() || u.login)}::text[], ${col((u) => u.title ?? null)}::text[],
        ${col((u) => u.department ?? null)}::text[], ${col((u) => u.location ?? null)}::text[], ${col((u) => u.managerRef ?? null)}::text[],
        ${col((u) => u.status)}::text[], ${col((u) => u.employmentType ?? null)}::text[], ${col((u) => iso(u.startDate))}::text[],
        ${col((u) => iso(u.terminationDate))}::text[], ${col((u) => iso(u.lastLoginAt))}::text[]
      ) AS t(id, ext, login, email, first, last, display, title, dept, loc, mgr, status, emp, start_s, term_s, login_s)
    ),
    typed AS (
      SELECT id, ext, login, email, first, last, display, title, dept, loc, mgr, status, emp,
             start_s::timestamp(3) AS start_d, term_s::timestamp(3) AS term_d, login_s::timestamp(3) AS login_d
      FROM input
    ),
    prev AS (
      SELECT p.* FROM "Person" p JOIN typed t ON p."externalId" = t.ext
      WHERE p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId}
    ),
    up AS (
      INSERT INTO "Person" (id, "tenantId", "connectionId", "externalId", login, email, "firstName", "lastName", "displayName",
        title, department, location, "managerExternalId", status, "employmentType", "startDate", "terminationDate", "lastLoginAt",
        "lastSeenSyncId", "syncedAt", "createdAt")
      SELECT id, ${tenantId}, ${connectionId}, ext, login, email, first, last, display, title, dept, loc, mgr, status, emp,
        start_d, term_d, login_d, ${runId}, ${now}, ${now}
      FROM typed
      ON CONFLICT ("tenantId", "connectionId", "externalId") DO UPDATE SET
        login = EXCLUDED.login, email = EXCLUDED.email, "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName",
        "displayName" = EXCLUDED."displayName", title = EXCLUDED.title, department = EXCLUDED.department, location = EXCLUDED.location,
        "managerExternalId" = EXCLUDED."managerExternalId", status = EXCLUDED.status, "employmentType" = EXCLUDED."employmentType",
        "startDate" = EXCLUDED."startDate", "terminationDate" = EXCLUDED."terminationDate", "lastLoginAt" = EXCLUDED."lastLoginAt",
        "lastSeenSyncId" = EXCLUDED."lastSeenSyncId"
      RETURNING "externalId", (xmax = 0) AS inserted
    )
    SELECT
      count(*) FILTER (WHERE up.inserted)::int AS created,
      count(*) FILTER (WHERE NOT up.inserted AND (
        (p.login, p.email, p."firstName", p."lastName", p.title, p.department, p.location, p."managerExternalId", p.status,
         p."employmentType", p."startDate", p."terminationDate", p."lastLoginAt")
        IS DISTINCT FROM
        (t.login, t.email, t.first, t.last, t.title, t.dept, t.loc, t.mgr, t.status, t.emp, t.start_d, t.term_d, t.login_d)
      ))::int AS updated
    FROM up JOIN typed t ON t.ext = up."externalId" LEFT JOIN prev p ON p."externalId" = up."externalId"`;
  return rows[0]!;
}

export async function upsertGroups(db: Db, tenantId: string, connectionId: string, runId: string, now: Date, groups: DirectoryGroup[]): Promise<Counts> {
  if (!groups.length) return { created: 0, updated: 0 };
  const col = <T>(f: (g: DirectoryGroup) => T) => groups.map(f);
  const rows = await db.$queryRaw<Counts[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col(() => randomUUID())}::text[], ${col((g) => g.externalId)}::text[], ${col((g) => g.name)}::text[],
        ${col((g) => g.description ?? null)}::text[], ${col((g) => g.type)}::text[], ${col((g) => g.managed)}::boolean[],
        ${col((g) => g.unmanagedReason ?? null)}::text[]
      ) AS t(id, ext, name, descr, type, managed, reason)
    ),
    prev AS (
      SELECT g.* FROM "Group" g JOIN input i ON g."externalId" = i.ext
      WHERE g."tenantId" = ${tenantId} AND g."connectionId" = ${connectionId}
    ),
    up AS (
      INSERT INTO "Group" (id, "tenantId", "connectionId", "externalId", name, description, type, managed, "unmanagedReason", "lastSeenSyncId", "syncedAt")
      SELECT id, ${tenantId}, ${connectionId}, ext, name, descr, type, managed, reason, ${runId}, ${now} FROM input
      ON CONFLICT ("tenantId", "connectionId", "externalId") DO UPDATE SET
        name = EXCLUDED.name, description = EXCLUDED.description, type = EXCLUDED.type, managed = EXCLUDED.managed,
        "unmanagedReason" = EXCLUDED."unmanagedReason", "lastSeenSyncId" = EXCLUDED."lastSeenSyncId", "removedAt" = NULL
      RETURNING "externalId", (xmax = 0) AS inserted
    )
    SELECT
      count(*) FILTER (WHERE up.inserted)::int AS created,
      count(*) FILTER (WHERE NOT up.inserted AND (
        (p.name, p.description, p.type, p.managed, p."unmanagedReason", p."removedAt" IS NULL)
        IS DISTINCT FROM (i.name, i.descr, i.type, i.managed, i.reason, true)))::int AS updated
    FROM up JOIN input i ON i.ext = up."externalId" LEFT JOIN prev p ON p."externalId" = up."externalId"`;
  return rows[0]!;
}

/** Replaces the memberships of a batch of groups with what the IdP listed for them. */
export async function replaceMemberships(
  db: Db, tenantId: string, connectionId: string, now: Date,
  batch: { groupId: string; memberExternalIds: string[] }[],
): Promise<{ created: number; removed: number }> {
  if (!batch.length) return { created: 0, removed: 0 };
  const groupIds = batch.flatMap((b) => b.memberExternalIds.map(() => b.groupId));
  const userIds = batch.flatMap((b) => b.memberExternalIds);
  const rows = await db.$queryRaw<{ created: number; removed: number }[]>`
    WITH input AS (
      SELECT * FROM unnest(${groupIds}::text[], ${userIds}::text[]) AS t(gid, uext)
    ),
    resolved AS (
      SELECT DISTINCT i.gid, p.id AS pid FROM input i
      JOIN "Person" p ON p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId} AND p."externalId" = i.uext
    ),
    ins AS (
      INSERT INTO "Membership" ("tenantId", "groupId", "personId", "observedAt")
      SELECT ${tenantId}, gid, pid, ${now} FROM resolved
      ON CONFLICT ("groupId", "personId") DO NOTHING RETURNING 1
    ),
    del AS (
      DELETE FROM "Membership" m
      WHERE m."tenantId" = ${tenantId} AND m."groupId" = ANY(${batch.map((b) => b.groupId)}::text[])
        AND NOT EXISTS (SELECT 1 FROM resolved r WHERE r.gid = m."groupId" AND r.pid = m."personId")
      RETURNING 1
    ),
    counted AS (
      UPDATE "Group" g SET "memberCount" = c.n
      FROM (SELECT gid, count(*)::int AS n FROM resolved GROUP BY gid
            UNION ALL SELECT unnest(${batch.filter((b) => !b.memberExternalIds.length).map((b) => b.groupId)}::text[]), 0) c
      WHERE g.id = c.gid AND g."memberCount" <> c.n
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM del)::int AS removed, (SELECT count(*) FROM counted)::int AS recounted`;
  return rows[0]!;
}

/** After a complete listing: who and what the IdP no longer lists, and managers resolved to people. */
export async function finalizeDirectory(db: Db, tenantId: string, connectionId: string, runId: string, now: Date) {
  const [people] = await db.$queryRaw<{ n: number }[]>`
    WITH gone AS (
      UPDATE "Person" SET status = 'DEPROVISIONED', "syncedAt" = ${now}
      WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId}
        AND "lastSeenSyncId" IS DISTINCT FROM ${runId} AND status <> 'DEPROVISIONED'
      RETURNING 1
    ) SELECT count(*)::int AS n FROM gone`;
  const [groups] = await db.$queryRaw<{ n: number }[]>`
    WITH gone AS (
      UPDATE "Group" SET "removedAt" = ${now}, "memberCount" = 0
      WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId}
        AND "lastSeenSyncId" IS DISTINCT FROM ${runId} AND "removedAt" IS NULL
      RETURNING id
    ), dropped AS (
      DELETE FROM "Membership" m USING gone WHERE m."groupId" = gone.id RETURNING 1
    ) SELECT count(*)::int AS n FROM gone`;
  // The IdP names a manager by id, login or email; point managerId at that person (only where it changes).
  await db.$executeRaw`
    UPDATE "Person" p SET "managerId" = m.id
    FROM "Person" m
    WHERE p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId} AND p."managerExternalId" IS NOT NULL
      AND m."tenantId" = ${tenantId} AND m."connectionId" = ${connectionId}
      AND (m."externalId" = p."managerExternalId" OR m.login = p."managerExternalId" OR m.email = p."managerExternalId")
      AND p."managerId" IS DISTINCT FROM m.id`;
  await db.$executeRaw`
    UPDATE "Person" p SET "managerId" = NULL
    WHERE p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId} AND p."managerId" IS NOT NULL
      AND (p."managerExternalId" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "Person" m WHERE m.id = p."managerId"
          AND (m."externalId" = p."managerExternalId" OR m.login = p."managerExternalId" OR m.email = p."managerExternalId")))`;
  return { peopleRemoved: people!.n, groupsRemoved: groups!.n };
}
