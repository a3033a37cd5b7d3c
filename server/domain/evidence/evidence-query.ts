import { z } from "zod";
import { badRequest } from "../errors.ts";

/** What the Evidence API and the session exports serve; each is paged by its creation time (audit events: `at`) and id. */
export const EVIDENCE_KINDS = ["requests", "grants", "reviews", "audit-events"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use an ISO 8601 date (2026-01-31) or date-time (2026-01-31T12:00:00Z)" })
  .transform((v) => new Date(v));

/** The query string of an evidence call, as strings; unknown parameters are ignored. */
export const evidenceParams = z.object({
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 1000" }).int("limit must be a whole number from 1 to 1000")
    .min(1, "limit must be a whole number from 1 to 1000").max(1000, "limit must be a whole number from 1 to 1000").default(200),
  cursor: z.string().min(1).max(600, "The cursor is not one this API returned").optional(),
});

/** Where a page starts: strictly after this row in (createdAt, id) order. */
export interface EvidenceCursor { createdAt: Date; id: string }

/** A resolved evidence query: the window [from, to) on createdAt, the page size, and where to resume. */
export interface EvidenceQuery { from: Date; to: Date; limit: number; after: EvidenceCursor | null }

/** Opaque to callers: the kind and the last row's keys, base64url JSON. */
export function encodeCursor(kind: EvidenceKind, row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ k: kind, t: row.createdAt.toISOString(), i: row.id }), "utf8").toString("base64url");
}

// Ids are cuids, except review items' (campaign id : grant or person and group ids), hence the room.
const cursorShape = z.object({ k: z.enum(EVIDENCE_KINDS), t: z.iso.datetime(), i: z.string().min(1).max(200) });

export function decodeCursor(kind: EvidenceKind, value: string): EvidenceCursor {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(value) ? JSON.parse(Buffer.from(value, "base64url").toString("utf8")) : null;
  } catch {
    parsed = null;
  }
  const c = cursorShape.safeParse(parsed);
  if (!c.success || c.data.k !== kind) throw badRequest("The cursor is not one this API returned for this endpoint", "cursor");
  return { createdAt: new Date(c.data.t), id: c.data.i };
}

/** A window [from, to): `to` after `from`, at most MAX_RANGE_DAYS apart. Throws a domain error (a 400) naming the field. */
export function assertRange(from: Date, to: Date) {
  if (to.getTime() <= from.getTime()) throw badRequest("`to` must be after `from`", "to");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw badRequest(`\`from\` and \`to\` may be at most ${MAX_RANGE_DAYS} days apart`, "from");
}

/**
 * Validates the query string and settles the window: `to` defaults to now and `from` to `to` minus
 * 366 days; `to` must be after `from`, at most 366 days apart. Throws a zod or domain error (a 400).
 */
export function parseEvidenceQuery(kind: EvidenceKind, raw: Record<string, string | undefined>, now: Date): EvidenceQuery {
  const p = evidenceParams.parse(raw);
  const to = p.to ?? now;
  const from = p.from ?? new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS);
  assertRange(from, to);
  return { from, to, limit: p.limit, after: p.cursor ? decodeCursor(kind, p.cursor) : null };
}

/**
 * The where clause of one page: inside the window and strictly after the cursor in (time, id) order.
 * The lower bound is the later of `from` and the cursor's time, so an index on the time column starts
 * each page where the last one ended instead of at `from` (keyset paging stays O(page) deep in a range).
 */
export function keysetWhere<F extends string>(field: F, q: EvidenceQuery) {
  const lower = q.after && q.after.createdAt.getTime() > q.from.getTime() ? q.after.createdAt : q.from;
  return {
    [field]: { gte: lower, lt: q.to },
    ...(q.after ? { OR: [{ [field]: { gt: q.after.createdAt } }, { id: { gt: q.after.id } }] } : {}),
  } as Record<F, { gte: Date; lt: Date }> & { OR?: object[] };
}

/** The where clause of one page of rows windowed on createdAt. */
export const pageWhere = (q: EvidenceQuery) => keysetWhere("createdAt", q);

export const pageOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** Takes the extra row fetched to know whether another page follows, and the cursor to it. */
export function toPage<R extends { id: string }, D>(
  kind: EvidenceKind, rows: R[], limit: number, map: (r: R) => D,
  time: (r: R) => Date = (r) => (r as unknown as { createdAt: Date }).createdAt,
) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(kind, { createdAt: time(last), id: last.id }) : null };
}

/** One page of evidence rows and the cursor to the next (null on the last page). */
export interface EvidencePage<D> { data: D[]; nextCursor: string | null }
