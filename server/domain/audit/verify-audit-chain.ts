// Verifies one tenant's audit hash chain: every event's hash is recomputed from its content, every
// prevHash must equal the hash of the event before it, and the sequence must run 1, 2, 3… without a gap
// (a deleted event leaves one). The chain is read in pages ordered by seq, so memory stays constant for
// millions of events. The result is itself recorded as an "audit.verified" event, appended after the check.
import { auditHash, GENESIS_HASH, recordAudit } from "../audit.ts";
import type { TenantScope } from "../services.ts";

export type BrokenLinkKind = "content_changed" | "link_broken" | "missing";

export interface BrokenLink {
  /** The first event of the chain that cannot be trusted (for a deleted event, the seq it had). */
  seq: number;
  /** The stored event at that seq; null when it was deleted. */
  eventId: string | null;
  kind: BrokenLinkKind;
  /** Short reason, e.g. "hash mismatch: content changed". */
  reason: string;
  /** The same, in a sentence for people. */
  explanation: string;
}

export interface AuditChainResult {
  ok: boolean;
  /** Events checked, in seq order, up to and including the first broken one (all of them when ok; a deleted one is not counted). */
  checked: number;
  /** The last intact event's seq (0 when there is none). */
  lastSeq: number;
  /** That event's hash: the head of the intact chain (GENESIS_HASH when there is none). */
  headHash: string;
  firstBroken: BrokenLink | null;
  startedAt: Date;
  durationMs: number;
}

export interface VerifyAuditChainOutcome extends AuditChainResult {
  /** The "audit.verified" event this verification appended. */
  recorded: { eventId: string; seq: number; hash: string };
}

export const VERIFY_PAGE_SIZE = 10_000;

const reasons: Record<BrokenLinkKind, { reason: string; explanation: (seq: number, nextSeq?: number) => string }> = {
  content_changed: {
    reason: "hash mismatch: content changed",
    explanation: () => "hash mismatch — the event's content was changed after it was written",
  },
  link_broken: {
    reason: "prevHash does not match the previous event",
    explanation: (seq) =>
      seq === 1
        ? "prevHash is not the genesis hash — the first event's link was rewritten"
        : "prevHash does not match the previous event — the link was rewritten, or the event before it was replaced",
  },
  missing: {
    reason: "missing event (deleted)",
    explanation: (seq, nextSeq) =>
      nextSeq === undefined
        ? `missing event — event #${seq} was deleted`
        : `missing event — event #${seq} was deleted (the chain jumps from #${seq - 1} to #${nextSeq})`,
  },
};

function broken(kind: BrokenLinkKind, seq: number, eventId: string | null, nextSeq?: number): BrokenLink {
  return { seq, eventId, kind, reason: reasons[kind].reason, explanation: reasons[kind].explanation(seq, nextSeq) };
}

type ChainRow = [
  id: string, tenantId: string, seq: number, at: string, actorType: string, actorId: string | null, actorLabel: string,
  action: string, subjectType: string, subjectId: string, data: unknown, prevHash: string, hash: string,
];

/**
 * One page of the chain from `fromSeq` on, in seq order. Each row travels as one JSON text column:
 * about twice as fast as Prisma's per-column decoding on PGlite (100,000 events: ~4 s instead of ~8 s
 * on a loaded 2-core machine), and identical on PostgreSQL. `at` is timestamp(3) in UTC, so adding "Z"
 * gives back the exact instant that was hashed.
 */
async function readPage(scope: TenantScope, fromSeq: number, limit: number) {
  const rows = await scope.tdb.$queryRaw<{ row: string }[]>`
    SELECT json_build_array(id, "tenantId", seq, at, "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data, "prevHash", hash)::text AS row
    FROM "AuditEvent" WHERE "tenantId" = ${scope.tenantId} AND seq >= ${fromSeq} ORDER BY seq LIMIT ${limit}`;
  return rows.map(({ row }) => {
    const [id, tenantId, seq, at, actorType, actorId, actorLabel, action, subjectType, subjectId, data, prevHash, hash] = JSON.parse(row) as ChainRow;
    return { id, tenantId, seq, at: new Date(`${at}Z`), actorType, actorId, actorLabel, action, subjectType, subjectId, data, prevHash, hash };
  });
}

/** Checks the chain without writing anything. */
export async function checkAuditChain(scope: TenantScope, opts: { pageSize?: number } = {}): Promise<AuditChainResult> {
  const pageSize = opts.pageSize ?? VERIFY_PAGE_SIZE;
  const startedAt = new Date();
  const t0 = performance.now();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let firstBroken: BrokenLink | null = null;

  scan: for (;;) {
    const page = await readPage(scope, expectedSeq, pageSize);
    for (const e of page) {
      if (e.seq !== expectedSeq) {
        firstBroken = broken("missing", expectedSeq, null, e.seq);
        break scan;
      }
      checked++;
      if (e.prevHash !== prevHash) {
        firstBroken = broken("link_broken", e.seq, e.id);
        break scan;
      }
      if (auditHash(e) !== e.hash) {
        firstBroken = broken("content_changed", e.seq, e.id);
        break scan;
      }
      prevHash = e.hash;
      expectedSeq++;
    }
    if (page.length < pageSize) break;
  }
  return {
    ok: !firstBroken,
    checked,
    lastSeq: expectedSeq - 1,
    headHash: prevHash,
    firstBroken,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
  };
}

/** Checks the chain, then appends an "audit.verified" event with the result (who verified, what was found). */
export async function verifyAuditChain(scope: TenantScope, opts: { pageSize?: number } = {}): Promise<VerifyAuditChainOutcome> {
  const result = await checkAuditChain(scope, opts);
  const event = await scope.tdb.$transaction((tx) =>
    recordAudit(
      tx,
      scope.tenantId,
      scope.actor,
      {
        action: "audit.verified",
        subjectType: "tenant",
        subjectId: scope.tenantId,
        data: {
          ok: result.ok,
          checked: result.checked,
          lastSeq: result.lastSeq,
          headHash: result.headHash,
          firstBroken: result.firstBroken && { seq: result.firstBroken.seq, eventId: result.firstBroken.eventId, reason: result.firstBroken.reason },
          durationMs: result.durationMs,
        },
      },
      scope.clock.now(),
    ),
  );
  return { ...result, recorded: { eventId: event.id, seq: event.seq, hash: event.hash } };
}
