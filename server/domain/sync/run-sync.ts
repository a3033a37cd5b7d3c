import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { systemActor } from "../actor.ts";
import { syncCursor, type SyncCursor } from "./sync-cursor.ts";
import { finalizeDirectory, replaceMemberships, upsertGroups, upsertPeople } from "./sync-sql.ts";

export const MEMBER_FETCH_CONCURRENCY = 4;
const MEMBERSHIP_BATCH_ROWS = 5_000;

export interface RunSyncOptions {
  /** Tests and the benchmark pass their own connector; otherwise it is built from the stored connection. */
  connector?: DirectoryConnector;
  pageSize?: { users?: number; groups?: number; members?: number };
}

/**
 * Runs (or resumes) one directory sync: people, then groups, then each group's members, then
 * what disappeared. Progress and the cursor are saved after every page. A retryable IdP failure
 * is rethrown so the job layer retries from the saved cursor; a permanent one fails the run.
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

  const save = (data: Record<string, unknown>) =>
    db.syncRun.update({ where: { id: runId }, data: { ...data, apiCalls: run.apiCalls + connector.apiCalls() - callsBefore } });
  await save({ status: "RUNNING", startedAt: run.startedAt ?? clock.now(), phase: cursor.phase, error: null });

  try {
    if (cursor.phase === "users") {
      let next = cursor.next;
      for (;;) {
        const page = await connector.listUsers(next, opts.pageSize?.users);
        next = page.next;
        const c = await upsertPeople(db, tenantId, connectionId, runId, clock.now(), page.items);
        cursor = page.next ? { phase: "users", next: page.next } : { phase: "groups", next: null };
        await save({
          cursor, phase: cursor.phase, usersSeen: { increment: page.items.length },
          created: { increment: c.created }, updated: { increment: c.updated },
        });
        if (!page.next) break;
      }
    }
    if (cursor.phase === "groups") {
      let next = cursor.next;
      for (;;) {
        const page = await connector.listGroups(next, opts.pageSize?.groups);
        next = page.next;
        const c = await upsertGroups(db, tenantId, connectionId, runId, clock.now(), page.items);
        cursor = page.next ? { phase: "groups", next: page.next } : { phase: "memberships", groupIndex: 0 };
        await save({
          cursor, phase: cursor.phase, groupsSeen: { increment: page.items.length },
          created: { increment: c.created }, updated: { increment: c.updated },
        });
        if (!page.next) break;
      }
    }
    if (cursor.phase === "memberships") {
      const groups = await db.group.findMany({
        where: { tenantId, connectionId, lastSeenSyncId: runId },
        select: { id: true, externalId: true },
        orderBy: { externalId: "asc" },
      });
      await save({ groupsTotal: groups.length, groupsDone: cursor.groupIndex });
      let index = cursor.groupIndex;
      while (index < groups.length) {
        // Fetch several groups' members at once, then write them in one statement.
        const batch: { groupId: string; memberExternalIds: string[] }[] = [];
        let rows = 0;
        while (index < groups.length && rows < MEMBERSHIP_BATCH_ROWS) {
          const slice = groups.slice(index, index + MEMBER_FETCH_CONCURRENCY);
          const lists = await Promise.all(slice.map((g) => listAllMembers(connector, g.externalId, opts.pageSize?.members)));
          slice.forEach((g, i) => batch.push({ groupId: g.id, memberExternalIds: lists[i]! }));
          rows += lists.reduce((n, l) => n + l.length, 0);
          index += slice.length;
        }
        const c = await replaceMemberships(db, tenantId, connectionId, clock.now(), batch);
        cursor = index < groups.length ? { phase: "memberships", groupIndex: index } : { phase: "finalize" };
        await save({
          cursor, phase: cursor.phase, groupsDone: index, membershipsSeen: { increment: rows },
          created: { increment: c.created }, removed: { increment: c.removed },
        });
      }
      if (!groups.length) cursor = { phase: "finalize" };
    }
    const gone = await finalizeDirectory(db, tenantId, connectionId, runId, clock.now());
    return await db.$transaction(async (tx) => {
      const done = await tx.syncRun.update({
        where: { id: runId },
        data: {
          status: "SUCCEEDED", phase: "done", cursor: { phase: "finalize" }, finishedAt: clock.now(),
          removed: { increment: gone.peopleRemoved + gone.groupsRemoved },
          apiCalls: run.apiCalls + connector.apiCalls() - callsBefore,
        },
      });
      await tx.connection.update({ where: { id: connectionId }, data: { status: "HEALTHY", lastError: null, lastCheckedAt: clock.now() } });
      await recordAudit(tx, tenantId, systemActor, {
        action: "directory.sync.completed", subjectType: "connection", subjectId: connectionId,
        data: {
          syncRunId: runId, users: done.usersSeen, groups: done.groupsSeen, memberships: done.membershipsSeen,
          created: done.created, updated: done.updated, removed: done.removed, apiCalls: done.apiCalls,
        },
      }, clock.now());
      return done;
    });
  } catch (err) {
    const retryable = err instanceof ConnectorError && err.retryable;
    const message = err instanceof Error ? err.message : String(err);
    if (retryable) {
      await save({ error: `Will retry: ${message}` });
      throw err;
    }
    await db.$transaction(async (tx) => {
      await tx.syncRun.update({ where: { id: runId }, data: { status: "FAILED", error: message, finishedAt: clock.now() } });
      await tx.connection.update({ where: { id: connectionId }, data: { status: "ERROR", lastError: message, lastCheckedAt: clock.now() } });
      await recordAudit(tx, tenantId, systemActor, {
        action: "directory.sync.failed", subjectType: "connection", subjectId: connectionId, data: { syncRunId: runId, error: message },
      }, clock.now());
    });
    return db.syncRun.findUnique({ where: { id: runId } });
  }
}

async function listAllMembers(connector: DirectoryConnector, groupExternalId: string, pageSize?: number): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  do {
    const page = await connector.listGroupMembers(groupExternalId, next, pageSize);
    ids.push(...page.items);
    next = page.next;
  } while (next);
  return ids;
}
