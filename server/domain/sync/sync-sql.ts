import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import type { DirectoryGroup, DirectoryUser } from "../../connectors/types.ts";

// Bulk writes for the directory sync: one statement per batch of pages, so a 10,000-person sync is
// dozens of queries, not tens of thousands. Unchanged rows are counted as unchanged.
// Every function takes the client or the transaction it runs in: the sync writes each batch and the
// cursor that follows it in one transaction.
// A batch's rows travel as one JSON parameter (json_to_recordset), not as one array per column: Prisma
// serialises raw-query parameters value by value and the drivers escape every array element, all on the main
// thread. Key lists used for index lookups stay arrays: a constant array lets the planner probe an index, or
// hash the list when it filters; an array computed in the query (ARRAY(SELECT …)) is searched linearly per row.
// PGlite never gathers table statistics by itself (no autovacuum), so every plan here must stay linear when the
// planner guesses that a tenant has one row: joins go from the batch to a table by a key, never the reverse.

/** What the sync needs of a client: the plain one or an interactive transaction's. */
export type SqlClient = Pick<Db, "$queryRaw" | "$executeRaw">;

type Counts = { created: number; updated: number };
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One row per external id (the last wins), so an ON CONFLICT DO UPDATE never meets the same row twice. */
function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return seen.size === items.length ? items : [...seen.values()];
}

/**
 * The people a sync attempt has listed so far, by login and by email, for resolving managers named that way (Google
 * names a manager by email) to an external id when a person is written: resolved then, the manager is linked by
 * the upsert, instead of by linkManagers updating the row again after the last batch. Same precedence as
 * linkManagers (external id, else login, else email); linkManagers still has the last word (a tie, a manager
 * stored before this attempt).
 */
export class ListedPeople {
  #ext = new Set<string>();
  #byLogin = new Map<string, string>();
  #byEmail = new Map<string, string>();

  add(users: DirectoryUser[]) {
    for (const u of users) {
      this.#ext.add(u.externalId);
      if (!this.#byLogin.has(u.login)) this.#byLogin.set(u.login, u.externalId);
      if (!this.#byEmail.has(u.email)) this.#byEmail.set(u.email, u.externalId);
    }
  }

  /** The external id to look `ref` up by: its listed person's, else `ref` itself (an external id stored before). */
  managerKey(ref: string): string {
    if (this.#ext.has(ref)) return ref;
    return this.#byLogin.get(ref) ?? this.#byEmail.get(ref) ?? ref;
  }
}

/**
 * Upserts a batch of people and marks them seen by this run. A manager named by external id who is already
 * stored, or is in the same batch, is linked right away (foreign keys are checked at the end of the statement), as
 * is one named by login or email who is in `opts.listed` (this batch is added to it first); linkManagers links the
 * rest (managers in later batches, or named by login or email and not listed).
 */
export async function upsertPeople(
  db: SqlClient, tenantId: string, connectionId: string, runId: string, now: Date, input: DirectoryUser[],
  /** Embedded PGlite, inside a transaction: no foreign-key triggers, and new people inserted without ON CONFLICT. */
  opts: { skipForeignKeyTriggers?: boolean; listed?: ListedPeople } = {},
): Promise<Counts> {
  const users = uniqueBy(input, (u) => u.externalId);
  if (!users.length) return { created: 0, updated: 0 };
  const { listed } = opts;
  listed?.add(users);
  /** The external id the manager is looked up by (`mgr` is stored as the IdP names the manager). */
  const managerKey = (ref: string | null | undefined) => (ref ? (listed ? listed.managerKey(ref) : ref) : null);
  const batch = JSON.stringify(users.map((u) => ({
    id: randomUUID(), ext: u.externalId, login: u.login, email: u.email, first: u.firstName, last: u.lastName,
    display: `${u.firstName} ${u.lastName}`.trim() || u.login, title: u.title ?? null, dept: u.department ?? null,
    loc: u.location ?? null, mgr: u.managerRef ?? null, mgrk: managerKey(u.managerRef), status: u.status, emp: u.employmentType ?? null,
    start_s: iso(u.startDate), term_s: iso(u.terminationDate), login_s: iso(u.lastLoginAt),
  })));
  const managerRefs = [...new Set(users.flatMap((u) => (u.managerRef ? [managerKey(u.managerRef)!] : [])))];
  const plain = opts.skipForeignKeyTriggers === true;
  // `prev` reads the rows as they were before this statement (a data-modifying CTE does not see its own
  // changes), through the (tenantId, connectionId, externalId) unique index.
  // Every reference this statement writes is known good (see withoutForeignKeyTriggers): tenantId and connectionId
  // are the run's, and a managerId is a person of this batch or one already stored for this connection.
  const rows = await withoutForeignKeyTriggers(db, opts.skipForeignKeyTriggers, () => db.$queryRaw<Counts[]>`
    WITH input AS (
      SELECT id, ext, login, email, first, last, display, title, dept, loc, mgr, mgrk, status, emp,
             start_s::timestamp(3) AS start_d, term_s::timestamp(3) AS term_d, login_s::timestamp(3) AS login_d
      FROM json_to_recordset(${batch}::json) AS t(
        id text, ext text, login text, email text, first text, last text, display text, title text, dept text, loc text,
        mgr text, mgrk text, status text, emp text, start_s text, term_s text, login_s text)
    ),
    prev AS (
      SELECT p.id, p."externalId" AS ext,
             (p.login, p.email, p."firstName", p."lastName", p.title, p.department, p.location, p."managerExternalId", p.status,
              p."employmentType", p."startDate", p."terminationDate", p."lastLoginAt")
             IS DISTINCT FROM
             (i.login, i.email, i.first, i.last, i.title, i.dept, i.loc, i.mgr, i.status, i.emp, i.start_d, i.term_d, i.login_d) AS changed
      FROM "Person" p JOIN input i ON i.ext = p."externalId"
      WHERE p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId}
        AND p."externalId" = ANY(${users.map((u) => u.externalId)}::text[])
    ),
    batch_ids AS (
      SELECT i.ext, coalesce(prev.id, i.id) AS id FROM input i LEFT JOIN prev ON prev.ext = i.ext
    ),
    managers AS (
      -- Stored managers are looked up by the batch's distinct manager keys (a constant list: index probes).
      SELECT i.ext, coalesce(b.id, p.id) AS id
      FROM input i
      LEFT JOIN batch_ids b ON b.ext = i.mgrk
      LEFT JOIN "Person" p ON p."tenantId" = ${tenantId} AND p."connectionId" = ${connectionId} AND p."externalId" = i.mgrk
        AND p."externalId" = ANY(${managerRefs}::text[])
      WHERE i.mgrk IS NOT NULL
    ),
    fresh AS (
      -- Embedded only: people not stored before this statement cannot conflict (see replaceListedMemberships).
      INSERT INTO "Person" (id, "tenantId", "connectionId", "externalId", login, email, "firstName", "lastName", "displayName",
        title, department, location, "managerExternalId", "managerId", status, "employmentType", "startDate", "terminationDate", "lastLoginAt",
        "lastSeenSyncId", "syncedAt", "createdAt")
      SELECT i.id, ${tenantId}, ${connectionId}, i.ext, login, email, first, last, display, title, dept, loc, mgr, m.id, status, emp,
        start_d, term_d, login_d, ${runId}, ${now}, ${now}
      FROM input i LEFT JOIN managers m ON m.ext = i.ext
      WHERE ${plain}::boolean AND i.ext NOT IN (SELECT ext FROM prev)
      RETURNING 1
    ),
    up AS (
      INSERT INTO "Person" (id, "tenantId", "connectionId", "externalId", login, email, "firstName", "lastName", "displayName",
        title, department, location, "managerExternalId", "managerId", status, "employmentType", "startDate", "terminationDate", "lastLoginAt",
        "lastSeenSyncId", "syncedAt", "createdAt")
      SELECT i.id, ${tenantId}, ${connectionId}, i.ext, login, email, first, last, display, title, dept, loc, mgr, m.id, status, emp,
        start_d, term_d, login_d, ${runId}, ${now}, ${now}
      FROM input i LEFT JOIN managers m ON m.ext = i.ext
      WHERE NOT ${plain}::boolean OR i.ext IN (SELECT ext FROM prev)
      ON CONFLICT ("tenantId", "connectionId", "externalId") DO UPDATE SET
        login = EXCLUDED.login, email = EXCLUDED.email, "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName",
        "displayName" = EXCLUDED."displayName", title = EXCLUDED.title, department = EXCLUDED.department, location = EXCLUDED.location,
        "managerExternalId" = EXCLUDED."managerExternalId", status = EXCLUDED.status, "employmentType" = EXCLUDED."employmentType",
        "startDate" = EXCLUDED."startDate", "terminationDate" = EXCLUDED."terminationDate", "lastLoginAt" = EXCLUDED."lastLoginAt",
        "lastSeenSyncId" = EXCLUDED."lastSeenSyncId",
        -- A manager found now wins; otherwise finalizeDirectory decides (it also clears a manager who is gone).
        "managerId" = coalesce(EXCLUDED."managerId", "Person"."managerId")
      RETURNING (xmax = 0) AS inserted
    )
    SELECT ((SELECT count(*) FROM fresh) + (SELECT count(*) FROM up WHERE inserted))::int AS created,
           (SELECT count(*) FROM prev WHERE changed)::int AS updated`);
  return rows[0]!;
}

export async function upsertGroups(
  db: SqlClient, tenantId: string, connectionId: string, runId: string, now: Date, input: DirectoryGroup[],
  opts: { skipForeignKeyTriggers?: boolean } = {},
): Promise<Counts> {
  const groups = uniqueBy(input, (g) => g.externalId);
  if (!groups.length) return { created: 0, updated: 0 };
  const batch = JSON.stringify(groups.map((g) => ({
    id: randomUUID(), ext: g.externalId, name: g.name, descr: g.description ?? null, type: g.type, managed: g.managed, reason: g.unmanagedReason ?? null,
  })));
  // The only references written are tenantId and connectionId, the run's (see withoutForeignKeyTriggers).
  const rows = await withoutForeignKeyTriggers(db, opts.skipForeignKeyTriggers, () => db.$queryRaw<Counts[]>`
    WITH input AS (
      SELECT * FROM json_to_recordset(${batch}::json) AS t(id text, ext text, name text, descr text, type text, managed boolean, reason text)
    ),
    prev AS (
      SELECT (g.name, g.description, g.type, g.managed, g."unmanagedReason", g."removedAt" IS NULL)
             IS DISTINCT FROM (i.name, i.descr, i.type, i.managed, i.reason, true) AS changed
      FROM "Group" g JOIN input i ON i.ext = g."externalId"
      WHERE g."tenantId" = ${tenantId} AND g."connectionId" = ${connectionId} AND g."externalId" = ANY(${groups.map((g) => g.externalId)}::text[])
    ),
    up AS (
      INSERT INTO "Group" (id, "tenantId", "connectionId", "externalId", name, description, type, managed, "unmanagedReason", "lastSeenSyncId", "syncedAt")
      SELECT id, ${tenantId}, ${connectionId}, ext, name, descr, type, managed, reason, ${runId}, ${now} FROM input
      ON CONFLICT ("tenantId", "connectionId", "externalId") DO UPDATE SET
        name = EXCLUDED.name, description = EXCLUDED.description, type = EXCLUDED.type, managed = EXCLUDED.managed,
        "unmanagedReason" = EXCLUDED."unmanagedReason", "lastSeenSyncId" = EXCLUDED."lastSeenSyncId", "removedAt" = NULL
      RETURNING (xmax = 0) AS inserted
    )
    SELECT (SELECT count(*) FROM up WHERE inserted)::int AS created, (SELECT count(*) FROM prev WHERE changed)::int AS updated`);
  return rows[0]!;
}

/**
 * Whether this is the embedded PGlite, where the app is the only session and a superuser: there, a sync batch
 * may skip the per-row foreign-key triggers (see withoutForeignKeyTriggers). Never on PostgreSQL.
 */
export async function isEmbeddedSuperuser(db: SqlClient): Promise<boolean> {
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`SELECT (version() LIKE '%PGlite%' AND current_setting('is_superuser') = 'on') AS ok`;
  return row?.ok === true;
}

/**
 * Runs one statement with the per-row foreign-key triggers off (`skip`: embedded PGlite only, inside a
 * transaction). A foreign key is otherwise checked by one trigger query per written row, which locks the row
 * it points at: on PGlite that is a large part of a bulk write's cost (about 40% of inserting 100,000
 * memberships). Callers only write references they have just proved (or that are the run's own tenant and
 * connection), and PGlite runs one session whose open transaction holds every other query back, so nothing can
 * delete a referenced row before the commit. The setting is SET LOCAL and put back right after the statement, so
 * the rest of the transaction (the cursor, the counters) is checked as usual. None of the tables the sync writes
 * has other triggers, and no statement here changes a referenced key (so no cascade is skipped).
 */
async function withoutForeignKeyTriggers<T>(db: SqlClient, skip: boolean | undefined, statement: () => Promise<T>): Promise<T> {
  if (!skip) return statement();
  await db.$executeRaw`SET LOCAL session_replication_role = replica`;
  const result = await statement();
  await db.$executeRaw`SET LOCAL session_replication_role = origin`;
  return result;
}

/**
 * What the sync writes for a batch of groups: replaces their memberships with what the IdP listed, given by
 * external ids (the group's, and its members'), and sets memberCount. Everything is resolved in the statement,
 * through the (tenantId, connectionId, externalId) unique indexes: a group or person this connection does not
 * store (a deprovisioned user, whom the plain user list omits; another tenant's) gets nothing, and a member listed
 * twice counts once. With `removedSince`, pairs Gatehouse removed (confirmed by read-back) since then are left
 * out: a listing made before such a removal is stale for them, and writing it would re-add access that ended
 * (Gatehouse is authoritative for the memberships it manages).
 *
 * `skipForeignKeyTriggers` (embedded PGlite only, inside a transaction; see withoutForeignKeyTriggers): the joins
 * have just proved both references of every pair written; the statement's DELETE and UPDATE change no key, so
 * only the INSERTs' checks are skipped. Also embedded only, for the same reason (one session, and this
 * transaction holds every other query back): the pairs of a group that has no membership stored cannot conflict,
 * so they are inserted without ON CONFLICT, whose speculative insertion costs about a fifth of the insert.
 */
export async function replaceListedMemberships(
  db: SqlClient, tenantId: string, connectionId: string, now: Date,
  input: { group: string; members: string[] }[],
  opts: { skipForeignKeyTriggers?: boolean; removedSince?: Date } = {},
): Promise<{ created: number; removed: number }> {
  if (!input.length) return { created: 0, removed: 0 };
  const byGroup = new Map<string, string[]>();
  for (const b of input) {
    const members = byGroup.get(b.group);
    if (members) members.push(...b.members);
    else byGroup.set(b.group, b.members);
  }
  const listed = JSON.stringify([...byGroup].map(([g, m]) => ({ g, m })));
  const embedded = opts.skipForeignKeyTriggers === true;
  const rows = await withoutForeignKeyTriggers(db, opts.skipForeignKeyTriggers, () => db.$queryRaw<{ created: number; removed: number }[]>`
    WITH listed AS (
      SELECT b->>'g' AS ext, b->'m' AS members FROM json_array_elements(${listed}::json) AS b
    ),
    groups AS MATERIALIZED (
      -- fresh (embedded only): no membership stored, so its pairs cannot conflict (see above).
      SELECT gr.id AS gid, l.members,
             ${embedded}::boolean AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."groupId" = gr.id) AS fresh
      FROM listed l
      JOIN "Group" gr ON gr."tenantId" = ${tenantId} AND gr."connectionId" = ${connectionId} AND gr."externalId" = l.ext
    ),
    removed AS MATERIALIZED (
      SELECT a."groupId" AS gid, g."personId" AS pid FROM "IdentityAction" a JOIN "Grant" g ON g.id = a."grantId"
      WHERE a."tenantId" = ${tenantId} AND a.kind = 'REMOVE_MEMBER' AND a.status = 'SUCCEEDED'
        AND a."completedAt" >= ${opts.removedSince ?? null}::timestamp(3)
    ),
    input AS MATERIALIZED (
      -- Each member looked up by key (from the batch to the table, whatever the planner guesses of the table's
      -- size). Sorted by key (DISTINCT sorts): consecutive inserts then land on neighbouring index pages.
      SELECT DISTINCT g.gid, p.id AS pid, g.fresh
      FROM groups g CROSS JOIN LATERAL json_array_elements_text(g.members) AS m(ext)
      CROSS JOIN LATERAL (
        SELECT id FROM "Person" WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId} AND "externalId" = m.ext
      ) AS p
      WHERE (g.gid, p.id) NOT IN (SELECT gid, pid FROM removed)
    ),
    added AS (
      INSERT INTO "Membership" ("tenantId", "groupId", "personId", "observedAt")
      SELECT ${tenantId}, gid, pid, ${now} FROM input WHERE fresh
      RETURNING 1
    ),
    ins AS (
      INSERT INTO "Membership" ("tenantId", "groupId", "personId", "observedAt")
      SELECT ${tenantId}, gid, pid, ${now} FROM input WHERE NOT fresh
      ON CONFLICT ("groupId", "personId") DO NOTHING RETURNING 1
    ),
    del AS (
      -- Through the primary key (groupId, personId) from the batch's groups (this connection's, joined above);
      -- a condition on m."tenantId" would tempt the planner into reading all the tenant's memberships each batch.
      DELETE FROM "Membership" m USING groups g
      WHERE m."groupId" = g.gid AND NOT EXISTS (SELECT 1 FROM input i WHERE i.gid = m."groupId" AND i.pid = m."personId")
      RETURNING 1
    ),
    counts AS MATERIALIZED (
      -- Every group of the batch, with no member too (one aggregate rather than a join of two CTEs, which the
      -- planner may only nest-loop).
      SELECT gid, sum(one)::int AS n FROM (SELECT gid, 1 AS one FROM input UNION ALL SELECT gid, 0 FROM groups) AS t GROUP BY gid
    ),
    counted AS (
      UPDATE "Group" gr SET "memberCount" = c.n FROM counts c
      WHERE gr.id = c.gid AND gr."memberCount" <> c.n
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM added) + (SELECT count(*) FROM ins))::int AS created,
           (SELECT count(*) FROM del)::int AS removed, (SELECT count(*) FROM counted)::int AS recounted`);
  return rows[0]!;
}

/** After a complete listing: who and what the IdP no longer lists, and managers resolved to people. */
export async function finalizeDirectory(
  db: SqlClient, tenantId: string, connectionId: string, runId: string, now: Date,
  /** linkManagers: false when the caller has linked them since the last person was written. */
  opts: { skipForeignKeyTriggers?: boolean; linkManagers?: boolean } = {},
) {
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
  if (opts.linkManagers !== false) await linkManagers(db, tenantId, connectionId, opts.skipForeignKeyTriggers);
  return { peopleRemoved: people!.n, groupsRemoved: groups!.n };
}

/**
 * Points each person's managerId at the person the IdP names as manager (by external id, else login, else
 * email; the lowest id on a tie), or at no one, changing only rows that differ. The matching is done here
 * rather than in one UPDATE … FROM: without table statistics (PGlite never analyzes by itself) the planner
 * picked nested loops over the whole directory for that join, seconds on a few thousand people.
 * The sync runs it as soon as all the people are written (in a transaction of its own), so that the updates overlap
 * the listing of members; finalizeDirectory runs it when that did not happen in the same attempt (a resumed run).
 */
export async function linkManagers(db: SqlClient, tenantId: string, connectionId: string, skipForeignKeyTriggers?: boolean) {
  // One JSON value rather than 10,000 rows: Prisma decodes raw-query results cell by cell.
  const [row] = await db.$queryRaw<{ people: string }[]>`
    SELECT coalesce(json_agg(json_build_array(id, "externalId", login, email, "managerExternalId", "managerId") ORDER BY id), '[]')::text AS people
    FROM "Person" WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId}`;
  type Row = [id: string, ext: string, login: string, email: string, ref: string | null, mid: string | null];
  const people = JSON.parse(row!.people) as Row[];
  const byExt = new Map<string, string>();
  const byLogin = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const [id, ext, login, email] of people) {
    // Ordered by id, so the first one seen wins a tie.
    if (!byExt.has(ext)) byExt.set(ext, id);
    if (!byLogin.has(login)) byLogin.set(login, id);
    if (!byEmail.has(email)) byEmail.set(email, id);
  }
  const changes: { id: string; mid: string | null }[] = [];
  for (const [id, , , , ref, current] of people) {
    const mid = ref === null ? null : byExt.get(ref) ?? byLogin.get(ref) ?? byEmail.get(ref) ?? null;
    if (mid !== current) changes.push({ id, mid });
  }
  if (!changes.length) return;
  // Joined on the primary key only (the ids were read just above, in the same transaction, so every managerId
  // written is a stored person's: see withoutForeignKeyTriggers).
  await withoutForeignKeyTriggers(db, skipForeignKeyTriggers, () => db.$executeRaw`
    WITH c AS MATERIALIZED (SELECT * FROM json_to_recordset(${JSON.stringify(changes)}::json) AS t(id text, mid text))
    UPDATE "Person" p SET "managerId" = c.mid FROM c WHERE p.id = c.id`);
}
