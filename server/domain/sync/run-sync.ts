import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector, type DirectoryGroup, type DirectoryUser, type Page } from "../../connectors/types.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { systemActor } from "../actor.ts";
import { syncCursor, type SyncCursor } from "./sync-cursor.ts";
import { DRIFT_DETECT_JOB } from "../drift/jobs.ts";
import { LIFECYCLE_AFTER_SYNC_JOB } from "../lifecycle/jobs.ts";
import {
  finalizeDirectory, isEmbeddedSuperuser, linkManagers, ListedPeople, replaceListedMemberships, upsertGroups, upsertPeople, type SqlClient,
} from "./sync-sql.ts";

/** Groups whose members are listed at the same time. */
export const MEMBER_FETCH_CONCURRENCY = 4;
/** Rows per write: people (and groups) pages are merged up to this many rows before one upsert. */
const PEOPLE_BATCH_ROWS = 1_000;
/** Memberships per write: consecutive groups' member lists are merged up to this many rows. */
const MEMBERSHIP_BATCH_ROWS = 10_000;
/** Fetched but not yet written memberships beyond which member listing pauses (bounds memory). */
const MEMBERSHIP_BUFFER_ROWS = 3 * MEMBERSHIP_BATCH_ROWS;
/** Fetched but not yet written people (or groups) beyond which their listing pauses (bounds memory). */
const PEOPLE_BUFFER_ROWS = 10 * PEOPLE_BATCH_ROWS;
/** A batch and its cursor are written in one transaction; a slow database must not cut it short. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 120_000 };

export interface RunSyncOptions {
  /** Tests and the benchmark pass their own connector; otherwise it is built from the stored connection. */
  connector?: DirectoryConnector;
  pageSize?: { users?: number; groups?: number; members?: number };
  /** Called as each phase starts (the benchmark times them). */
  onPhase?: (phase: "users" | "groups" | "memberships" | "finalize") => void;
}

/**
 * Runs (or resumes) one directory sync: people, then groups, then each group's members, then what
 * disappeared. Listing and writing are a pipeline: the listing goes on from page to page and from phase to
 * phase (people, groups, members) while the batches already fetched are written, one at a time and in order
 * (a WriteQueue), each in the same transaction as the cursor that follows it. The saved cursor never points past
 * data that is not committed, so a resumed run neither skips nor double-counts anything; the listing runs ahead of
 * the writes by a bounded number of rows (memory stays bounded).
 * A retryable IdP failure is rethrown (after writing what was already fetched) so the job layer retries
 * from the saved cursor; a permanent one fails the run.
 */
export async function runSync(services: Services, input: { tenantId: string; syncRunId: string }, opts: RunSyncOptions = {}) {
  const { db, clock } = services;
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Directory sync" });
  const run = await scope.tdb.syncRun.findUnique({ where: { id: input.syncRunId }, include: { connection: true } });
  if (!run || run.status === "SUCCEEDED" || run.status === "FAILED") return run;
  const connector = opts.connector ?? directoryFor(services.connectors, run.connection);
  const { tenantId, connectionId, id: runId } = run;
  const cursor: SyncCursor = run.cursor ? syncCursor.parse(run.cursor) : { phase: "users", next: null };
  const callsBefore = connector.apiCalls();
  const apiCalls = () => run.apiCalls + connector.apiCalls() - callsBefore;

  const save = (data: Prisma.SyncRunUpdateInput) => db.syncRun.update({ where: { id: runId }, data: { ...data, apiCalls: apiCalls() } });
  /** Writes one batch and the progress that follows it (cursor, counters) atomically. */
  const commit = <C>(write: (tx: SqlClient) => Promise<C>, progress: (c: C) => Prisma.SyncRunUpdateInput) =>
    db.$transaction(async (tx) => {
      const c = await write(tx);
      await tx.syncRun.update({ where: { id: runId }, data: { ...progress(c), apiCalls: apiCalls() } });
      return c;
    }, TX_OPTIONS);
  const startedAt = run.startedAt ?? clock.now();
  await save({ status: "RUNNING", startedAt, phase: cursor.phase, error: null });
  // Embedded PGlite: bulk writes skip the per-row foreign-key checks of references they prove (see sync-sql.ts).
  const skipForeignKeyTriggers = await isEmbeddedSuperuser(db);

  const writes = new WriteQueue();
  try {
    /** Where the listing is (the writes follow it). */
    let listing: SyncCursor = cursor;
    let managersLinked = false;
    if (listing.phase === "users") {
      opts.onPhase?.("users");
      // Managers named by login or email (Google's) are resolved against the people listed before them.
      const listed = new ListedPeople();
      await listInBatches<DirectoryUser>(
        listing.next,
        (next) => connector.listUsers(next, opts.pageSize?.users),
        (users, next) => {
          const after: SyncCursor = next ? { phase: "users", next } : { phase: "groups", next: null };
          writes.push(users.length, () => commit((tx) => upsertPeople(tx, tenantId, connectionId, runId, clock.now(), users, { skipForeignKeyTriggers, listed }), (c) => ({
            cursor: after, phase: after.phase, usersSeen: { increment: users.length },
            created: { increment: c.created }, updated: { increment: c.updated },
          })));
        },
        writes,
      );
      // Managers are people: with all of them written, link them now, while the listing goes on, rather than in
      // the final transaction after the last membership batch (which then has nothing left to link).
      writes.push(0, () => db.$transaction((tx) => linkManagers(tx, tenantId, connectionId, skipForeignKeyTriggers), TX_OPTIONS));
      managersLinked = true;
      listing = { phase: "groups", next: null };
    }
    /** The groups listed in this attempt, when it listed all of them (rather than resuming part-way). */
    let listedGroups: string[] | null = null;
    if (listing.phase === "groups") {
      writes.check(); // no more listing once a write has failed
      opts.onPhase?.("groups");
      const all: string[] | null = listing.next === null ? [] : null;
      await listInBatches<DirectoryGroup>(
        listing.next,
        (next) => connector.listGroups(next, opts.pageSize?.groups),
        (groups, next) => {
          for (const g of groups) all?.push(g.externalId);
          const after: SyncCursor = next ? { phase: "groups", next } : { phase: "memberships", groupIndex: 0 };
          writes.push(groups.length, () => commit((tx) => upsertGroups(tx, tenantId, connectionId, runId, clock.now(), groups, { skipForeignKeyTriggers }), (c) => ({
            cursor: after, phase: after.phase, groupsSeen: { increment: groups.length },
            created: { increment: c.created }, updated: { increment: c.updated },
          })));
        },
        writes,
      );
      listedGroups = all;
      listing = { phase: "memberships", groupIndex: 0 };
    }
    if (listing.phase === "memberships") {
      writes.check();
      opts.onPhase?.("memberships");
      // The same list, in the same order, on every attempt of this run (groupIndex counts into it): this run's
      // groups by external id, in the database's collation. Just listed, they are sorted by the database while
      // their writes may still be queued; on a resumed attempt they are read back.
      let order: string[];
      if (listedGroups) {
        order = await sortedByDatabase(db, [...new Set(listedGroups)]);
      } else {
        await writes.drain();
        order = (await db.group.findMany({
          where: { tenantId, connectionId, lastSeenSyncId: runId }, select: { externalId: true }, orderBy: { externalId: "asc" },
        })).map((g) => g.externalId);
      }
      const start = listing.groupIndex;
      writes.push(0, () => save({ groupsTotal: order.length, groupsDone: start }));
      await listMembersInBatches(
        order.slice(start),
        (group, next) => connector.listGroupMembers(group, next, opts.pageSize?.members).catch((err: unknown) => {
          // Deleted in the IdP since the group list was read: no members now; the next sync marks it removed.
          if (err instanceof ConnectorError && err.code === "not_found") return { items: [], next: null };
          throw err;
        }),
        (batch, done) => {
          const index = start + done;
          const after: SyncCursor = index < order.length ? { phase: "memberships", groupIndex: index } : { phase: "finalize" };
          let rows = 0;
          for (const b of batch) rows += b.memberExternalIds.length;
          // Members are resolved to our people in the statement (the people are all written by then: writes go in
          // order); a pair Gatehouse removed since the run started is left out (its listing may predate the removal).
          const listed = batch.map(({ group, memberExternalIds }) => ({ group, members: memberExternalIds }));
          return writes.push(rows, () => commit(
            (tx) => replaceListedMemberships(tx, tenantId, connectionId, clock.now(), listed, { skipForeignKeyTriggers, removedSince: startedAt }),
            (c) => ({
              cursor: after, phase: after.phase, groupsDone: index, membershipsSeen: { increment: rows },
              created: { increment: c.created }, removed: { increment: c.removed },
            }),
          ));
        },
      );
    }
    await writes.drain();
    // What disappeared, managers, and the outcome: one transaction, so a crash here simply redoes it.
    opts.onPhase?.("finalize");
    return await db.$transaction(async (tx) => {
      const gone = await finalizeDirectory(tx, tenantId, connectionId, runId, clock.now(), { skipForeignKeyTriggers, linkManagers: !managersLinked });
      const done = await tx.syncRun.update({
        where: { id: runId },
        data: {
          status: "SUCCEEDED", phase: "done", cursor: { phase: "finalize" }, finishedAt: clock.now(), error: null,
          removed: { increment: gone.peopleRemoved + gone.groupsRemoved }, apiCalls: apiCalls(),
        },
      });
      await tx.connection.update({ where: { id: connectionId }, data: { status: "HEALTHY", lastError: null, lastCheckedAt: clock.now() } });
      // Drift is judged on what this run observed; the job commits with the run, so no successful sync goes unchecked.
      await services.jobs.enqueue(DRIFT_DETECT_JOB, { tenantId, connectionId, syncRunId: runId }, { tx, tenantId, idempotencyKey: `drift:${runId}` });
      // Joiners, movers and leavers the sync revealed (the first sync of a connection only baselines).
      await services.jobs.enqueue(LIFECYCLE_AFTER_SYNC_JOB, { tenantId, connectionId, syncRunId: runId }, { tx, tenantId, idempotencyKey: `lifecycle:${runId}` });
      await recordAudit(tx, tenantId, systemActor, {
        action: "directory.sync.completed", subjectType: "connection", subjectId: connectionId,
        data: {
          syncRunId: runId, users: done.usersSeen, groups: done.groupsSeen, memberships: done.membershipsSeen,
          created: done.created, updated: done.updated, removed: done.removed, apiCalls: done.apiCalls,
        },
      }, clock.now());
      return done;
    }, TX_OPTIONS);
  } catch (err) {
    // What was fetched before the failure is written first (the writes already queued), then it is reported.
    await writes.settle();
    const retryable = err instanceof ConnectorError && err.retryable;
    const message = err instanceof Error ? err.message : String(err);
    if (retryable) {
      await save({ error: `Will retry: ${message}` });
      throw err;
    }
    await db.$transaction(async (tx) => {
      await tx.syncRun.update({ where: { id: runId }, data: { status: "FAILED", error: message, finishedAt: clock.now(), apiCalls: apiCalls() } });
      await tx.connection.update({ where: { id: connectionId }, data: { status: "ERROR", lastError: message, lastCheckedAt: clock.now() } });
      await recordAudit(tx, tenantId, systemActor, {
        action: "directory.sync.failed", subjectType: "connection", subjectId: connectionId, data: { syncRunId: runId, error: message },
      }, clock.now());
    });
    return db.syncRun.findUnique({ where: { id: runId } });
  }
}

/**
 * Writes committed one at a time, in the order they are queued, while the listing goes on ahead of them.
 * `rows` counts the rows the queued writes hold (fetched, not yet committed); listings wait while it is over their
 * bound. A failed write fails the writes queued after it (they are not attempted).
 */
class WriteQueue {
  rows = 0;
  failure: { error: unknown } | null = null;
  #tail: Promise<void> = Promise.resolve();
  #waiters: (() => void)[] = [];

  /** Queues `write`, holding `rows` rows until it is done; the promise settles when it is. */
  push<T>(rows: number, write: () => Promise<T>): Promise<T> {
    this.rows += rows;
    const done = this.#tail.then(() => {
      if (this.failure) throw this.failure.error;
      return write();
    });
    this.#tail = done.then(
      () => this.#release(rows),
      (error: unknown) => {
        this.failure ??= { error };
        this.#release(rows);
      },
    );
    done.catch(() => {}); // a failure is also kept in `failure`, for whoever waits on the queue
    return done;
  }

  /** Waits until the queued writes hold at most `limit` rows; throws if a write failed. */
  async waitBelow(limit: number) {
    while (this.rows > limit && !this.failure) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.failure) throw this.failure.error;
  }

  /** Throws if a write failed. */
  check() {
    if (this.failure) throw this.failure.error;
  }

  /** Waits until every queued write is done; throws if a write failed. */
  async drain() {
    await this.settle();
    if (this.failure) throw this.failure.error;
  }

  /** Waits until every queued write is done or skipped. */
  async settle() {
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return;
    }
  }

  #release(rows: number) {
    this.rows -= rows;
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const wake of waiting) wake();
  }
}

/**
 * Follows a paged listing from `first`, requesting each page as soon as the one before arrives. Pages are merged
 * into batches of PEOPLE_BATCH_ROWS; `write(items, next)` queues the write of a batch on `writes`, given the cursor
 * after it (null after the last page). The listing runs ahead of the writes by at most about PEOPLE_BUFFER_ROWS
 * rows; it returns once the last batch is queued (WriteQueue.drain waits for the writes). If a fetch fails, what
 * was fetched before it is queued, then the error is thrown.
 */
async function listInBatches<T>(
  first: string | null,
  fetch: (cursor: string | null) => Promise<Page<T>>,
  write: (items: T[], next: string | null) => void,
  writes: WriteQueue,
): Promise<void> {
  let pending = fetch(first);
  let batch: T[] = [];
  let after: string | null = first;
  for (;;) {
    let page: Page<T>;
    try {
      page = await pending;
    } catch (err) {
      if (batch.length) write(batch, after);
      throw err;
    }
    if (page.next) {
      pending = fetch(page.next);
      pending.catch(() => {}); // awaited on the next turn; a failed write must not leave it unhandled
    }
    batch = batch.length ? batch.concat(page.items) : page.items;
    after = page.next;
    if (page.next && batch.length < PEOPLE_BATCH_ROWS) continue;
    write(batch, page.next);
    batch = [];
    if (!page.next) return;
    await writes.waitBelow(PEOPLE_BUFFER_ROWS);
  }
}

/** External ids in the order the database sorts them (its collation, as `ORDER BY "externalId"` on a table). */
async function sortedByDatabase(db: SqlClient, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  // One JSON value rather than one row per id (Prisma decodes raw-query results cell by cell).
  const [row] = await db.$queryRaw<{ ids: string }[]>`
    SELECT json_agg(id ORDER BY id)::text AS ids FROM unnest(${ids}::text[]) AS t(id)`;
  return JSON.parse(row!.ids) as string[];
}

type MemberBatch = { group: string; memberExternalIds: string[] }[];

/**
 * Lists the members of `groups` with MEMBER_FETCH_CONCURRENCY groups in flight, and writes them in group
 * order, in batches of about MEMBERSHIP_BATCH_ROWS, while the next groups are being listed.
 * `write(batch, done)` gets how many groups (from the start of `groups`) are complete once it commits:
 * only a contiguous prefix of fully listed groups is ever written, so `done` is a safe place to resume.
 * Listing runs ahead of writing by at most about MEMBERSHIP_BUFFER_ROWS. When a listing fails, the other
 * groups in flight are finished, every complete group before the failed one is written, then the error is thrown.
 */
async function listMembersInBatches(
  groups: string[],
  fetchPage: (group: string, cursor: string | null) => Promise<Page<string>>,
  write: (batch: MemberBatch, done: number) => Promise<unknown>,
): Promise<void> {
  const fetched = new Map<number, string[]>();
  let nextToFetch = 0;
  let written = 0;
  let buffered = 0;
  let failure: { error: unknown } | null = null;
  let wakeWriter: (() => void) | null = null;
  let wakeFetchers: (() => void)[] = [];
  const notifyWriter = () => {
    wakeWriter?.();
    wakeWriter = null;
  };
  const notifyFetchers = () => {
    const waiting = wakeFetchers;
    wakeFetchers = [];
    for (const wake of waiting) wake();
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    notifyFetchers();
    notifyWriter();
  };

  const fetcher = async () => {
    while (!failure && nextToFetch < groups.length) {
      if (buffered >= MEMBERSHIP_BUFFER_ROWS) {
        await new Promise<void>((resolve) => wakeFetchers.push(resolve));
        continue;
      }
      const index = nextToFetch++;
      try {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<string> = await fetchPage(groups[index]!, cursor);
          for (const id of page.items) ids.push(id);
          cursor = page.next;
        } while (cursor && !failure);
        if (cursor) return; // stopped part-way because something else failed: not kept
        fetched.set(index, ids);
        buffered += ids.length;
        notifyWriter();
      } catch (error) {
        fail(error);
      }
    }
  };

  /** The complete groups from `written` on, up to a batch's worth of rows (at least one group). */
  const prefix = () => {
    let end = written;
    let rows = 0;
    for (let ids = fetched.get(end); ids && (rows === 0 || rows + ids.length <= MEMBERSHIP_BATCH_ROWS); ids = fetched.get(end)) {
      rows += ids.length;
      end++;
    }
    // Ready when nothing more can join it: the end of the list, the next group does not fit, or it is full; or
    // when every group is listed or being listed: then what is complete is written at once, so that little is
    // left to write after the last page arrives.
    const ready = end > written && (end === groups.length || fetched.has(end) || rows >= MEMBERSHIP_BATCH_ROWS || nextToFetch >= groups.length);
    return { end, rows, ready };
  };
  const flush = async (end: number, rows: number) => {
    const batch: MemberBatch = [];
    for (let i = written; i < end; i++) batch.push({ group: groups[i]!, memberExternalIds: fetched.get(i)! });
    await write(batch, end);
    for (let i = written; i < end; i++) fetched.delete(i);
    written = end;
    buffered -= rows;
    notifyFetchers();
  };

  const fetchers = Array.from({ length: Math.min(MEMBER_FETCH_CONCURRENCY, groups.length) }, fetcher);
  try {
    while (written < groups.length) {
      let p = prefix();
      while (!p.ready && !failure) {
        await new Promise<void>((resolve) => (wakeWriter = resolve));
        p = prefix();
      }
      if (failure) break;
      await flush(p.end, p.rows);
    }
    if (failure) {
      // Keep what is already listed: finish the groups in flight, write every complete group in order.
      await Promise.allSettled(fetchers);
      for (let p = prefix(); p.end > written; p = prefix()) await flush(p.end, p.rows);
      throw (failure as { error: unknown }).error;
    }
  } catch (err) {
    fail(err);
    throw err;
  } finally {
    await Promise.allSettled(fetchers);
  }
}
