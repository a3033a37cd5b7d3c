import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector, type DirectoryGroup, type DirectoryUser, type Page } from "../../connectors/types.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { systemActor } from "../actor.ts";
import { syncCursor, type SyncCursor } from "./sync-cursor.ts";
import { DRIFT_DETECT_JOB } from "../drift/jobs.ts";
import { LIFECYCLE_AFTER_SYNC_JOB } from "../lifecycle/jobs.ts";
import { finalizeDirectory, isEmbeddedSuperuser, removedByGatehouseSince, replaceMemberships, upsertGroups, upsertPeople, type SqlClient } from "./sync-sql.ts";

/** Groups whose members are listed at the same time. */
export const MEMBER_FETCH_CONCURRENCY = 4;
/** Rows per write: people (and groups) pages are merged up to this many rows before one upsert. */
const PEOPLE_BATCH_ROWS = 1_000;
/** Memberships per write: consecutive groups' member lists are merged up to this many rows. */
const MEMBERSHIP_BATCH_ROWS = 10_000;
/** Fetched but not yet written memberships beyond which member listing pauses (bounds memory). */
const MEMBERSHIP_BUFFER_ROWS = 3 * MEMBERSHIP_BATCH_ROWS;
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
 * disappeared. The next page is fetched while the current batch is written. Each batch is written in
 * the same transaction as the cursor that follows it, so the saved cursor never points past data that
 * is not committed, and a resumed run neither skips nor double-counts anything.
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
  let cursor: SyncCursor = run.cursor ? syncCursor.parse(run.cursor) : { phase: "users", next: null };
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

  try {
    if (cursor.phase === "users") {
      opts.onPhase?.("users");
      await listInBatches<DirectoryUser>(
        cursor.next,
        (next) => connector.listUsers(next, opts.pageSize?.users),
        (users, next) => {
          const after: SyncCursor = next ? { phase: "users", next } : { phase: "groups", next: null };
          return commit((tx) => upsertPeople(tx, tenantId, connectionId, runId, clock.now(), users), (c) => ({
            cursor: after, phase: after.phase, usersSeen: { increment: users.length },
            created: { increment: c.created }, updated: { increment: c.updated },
          })).then(() => { cursor = after; });
        },
      );
    }
    if (cursor.phase === "groups") {
      opts.onPhase?.("groups");
      await listInBatches<DirectoryGroup>(
        cursor.next,
        (next) => connector.listGroups(next, opts.pageSize?.groups),
        (groups, next) => {
          const after: SyncCursor = next ? { phase: "groups", next } : { phase: "memberships", groupIndex: 0 };
          return commit((tx) => upsertGroups(tx, tenantId, connectionId, runId, clock.now(), groups), (c) => ({
            cursor: after, phase: after.phase, groupsSeen: { increment: groups.length },
            created: { increment: c.created }, updated: { increment: c.updated },
          })).then(() => { cursor = after; });
        },
      );
    }
    if (cursor.phase === "memberships") {
      opts.onPhase?.("memberships");
      // The same list, in the same order, on every attempt of this run: groupIndex counts into it.
      const groups = await db.group.findMany({
        where: { tenantId, connectionId, lastSeenSyncId: runId },
        select: { id: true, externalId: true },
        orderBy: { externalId: "asc" },
      });
      const start = cursor.groupIndex;
      await save({ groupsTotal: groups.length, groupsDone: start });
      // Members are listed by external id; the people are all stored by now (users come first).
      const people = new Map<string, string>();
      for (const p of await db.person.findMany({ where: { tenantId, connectionId }, select: { id: true, externalId: true } })) people.set(p.externalId, p.id);
      const skipForeignKeyTriggers = await isEmbeddedSuperuser(db);
      await listMembersInBatches(
        groups.slice(start),
        (g, next) => connector.listGroupMembers(g.externalId, next, opts.pageSize?.members).catch((err: unknown) => {
          // Deleted in the IdP since the group list was read: no members now; the next sync marks it removed.
          if (err instanceof ConnectorError && err.code === "not_found") return { items: [], next: null };
          throw err;
        }),
        (batch, done) => {
          const index = start + done;
          const after: SyncCursor = index < groups.length ? { phase: "memberships", groupIndex: index } : { phase: "finalize" };
          let rows = 0;
          const resolved = batch.map(({ groupId, memberExternalIds }) => {
            rows += memberExternalIds.length;
            const personIds = new Set<string>();
            for (const ext of memberExternalIds) {
              const id = people.get(ext); // unknown: e.g. a deprovisioned user, whom the plain user list omits
              if (id) personIds.add(id);
            }
            return { groupId, personIds: [...personIds] };
          });
          return commit(async (tx) => {
            const removed = await removedByGatehouseSince(tx, tenantId, startedAt);
            const fresh = removed.size ? resolved.map((b) => ({ groupId: b.groupId, personIds: b.personIds.filter((p) => !removed.has(`${b.groupId}:${p}`)) })) : resolved;
            return replaceMemberships(tx, tenantId, connectionId, clock.now(), fresh, { skipForeignKeyTriggers });
          }, (c) => ({
            cursor: after, phase: after.phase, groupsDone: index, membershipsSeen: { increment: rows },
            created: { increment: c.created }, removed: { increment: c.removed },
          })).then(() => { cursor = after; });
        },
      );
      cursor = { phase: "finalize" };
    }
    // What disappeared, managers, and the outcome: one transaction, so a crash here simply redoes it.
    opts.onPhase?.("finalize");
    return await db.$transaction(async (tx) => {
      const gone = await finalizeDirectory(tx, tenantId, connectionId, runId, clock.now());
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
 * Follows a paged listing from `first`. Pages are merged into batches of PEOPLE_BATCH_ROWS; `write(items, next)`
 * gets the cursor after the batch (null after the last page). Fetching runs ahead of writing: the next page is
 * requested as soon as a page arrives, and a batch is written while the next one is being fetched (batches are
 * written one at a time, in order). If a fetch fails, what was fetched before it is written, then the error is thrown.
 */
async function listInBatches<T>(
  first: string | null,
  fetch: (cursor: string | null) => Promise<Page<T>>,
  write: (items: T[], next: string | null) => Promise<void>,
): Promise<void> {
  let pending = fetch(first);
  let writing: Promise<void> | null = null;
  const startWrite = async (items: T[], next: string | null) => {
    if (writing) await writing; // in order, one at a time; rethrows a failed write
    writing = write(items, next);
    writing.catch(() => {}); // awaited below
  };
  let batch: T[] = [];
  let after: string | null = first;
  try {
    for (;;) {
      let page: Page<T>;
      try {
        page = await pending;
      } catch (err) {
        if (batch.length) await startWrite(batch, after);
        throw err;
      }
      if (page.next) {
        pending = fetch(page.next);
        pending.catch(() => {}); // awaited on the next turn; a failed write must not leave it unhandled
      }
      batch = batch.length ? batch.concat(page.items) : page.items;
      after = page.next;
      if (page.next && batch.length < PEOPLE_BATCH_ROWS) continue;
      await startWrite(batch, page.next);
      batch = [];
      if (!page.next) break;
    }
  } finally {
    if (writing) await writing;
  }
}

type MemberBatch = { groupId: string; memberExternalIds: string[] }[];

/**
 * Lists the members of `groups` with MEMBER_FETCH_CONCURRENCY groups in flight, and writes them in group
 * order, in batches of about MEMBERSHIP_BATCH_ROWS, while the next groups are being listed.
 * `write(batch, done)` gets how many groups (from the start of `groups`) are complete once it commits:
 * only a contiguous prefix of fully listed groups is ever written, so `done` is a safe place to resume.
 * Listing runs ahead of writing by at most about MEMBERSHIP_BUFFER_ROWS. When a listing fails, the other
 * groups in flight are finished, every complete group before the failed one is written, then the error is thrown.
 */
async function listMembersInBatches<G extends { id: string; externalId: string }>(
  groups: G[],
  fetchPage: (group: G, cursor: string | null) => Promise<Page<string>>,
  write: (batch: MemberBatch, done: number) => Promise<void>,
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
    // Ready when nothing more can join it: the end of the list, the next group does not fit, or it is full.
    const ready = end > written && (end === groups.length || fetched.has(end) || rows >= MEMBERSHIP_BATCH_ROWS);
    return { end, rows, ready };
  };
  const flush = async (end: number, rows: number) => {
    const batch: MemberBatch = [];
    for (let i = written; i < end; i++) batch.push({ groupId: groups[i]!.id, memberExternalIds: fetched.get(i)! });
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
