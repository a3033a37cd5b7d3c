// The one streaming CSV writer of evidence: the Evidence API (token), the session exports of the
// Evidence page and the audit-export benchmark all write their CSV through evidenceCsvStream.
import { decodeCursor, type EvidenceKind, type EvidenceQuery } from "../../domain/evidence/evidence-query.ts";
import { listEvidence } from "../../domain/evidence/list-evidence.ts";
import type { TenantScope } from "../../domain/services.ts";
import { csvHeader, csvRows } from "./evidence-csv.ts";

/** Rows fetched per database round trip while a CSV streams: memory stays flat whatever the range. */
export const CSV_PAGE_SIZE = 2000;

export interface CsvStreamStats { rows: number; pages: number; bytes: number }

export interface CsvStreamOptions {
  /** Rows per keyset page (default CSV_PAGE_SIZE). */
  pageSize?: number;
  /** Called once if a page fails mid-stream (the stream then errors: the client sees a cut-off download, never a partial file that looks whole). */
  onError?: (error: unknown) => void;
  /** Called once after the last record was queued. */
  onDone?: (stats: CsvStreamStats) => void;
}

/**
 * A CSV of every `kind` row of the tenant in the query's window (from its cursor, if any): the header,
 * then one keyset page of `pageSize` rows at a time in (createdAt, id) order, each page fetched only
 * when the reader has taken the one before (a queue of one chunk: the next page is read from the
 * database while the previous one is on the wire, and no more). A reader that stops (client gone)
 * cancels the stream and no further page is read. Memory is one or two pages, however many rows.
 */
export function evidenceCsvStream(kind: EvidenceKind, scope: TenantScope, q: EvidenceQuery, options: CsvStreamOptions = {}): ReadableStream<Uint8Array> {
  const pageSize = options.pageSize ?? CSV_PAGE_SIZE;
  const encoder = new TextEncoder();
  const stats: CsvStreamStats = { rows: 0, pages: 0, bytes: 0 };
  let after = q.after;
  let started = false;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const push = (text: string) => {
          const bytes = encoder.encode(text);
          stats.bytes += bytes.byteLength;
          controller.enqueue(bytes);
        };
        try {
          if (!started) {
            started = true;
            push(csvHeader(kind));
            return;
          }
          const page = await listEvidence(kind, scope, { ...q, limit: pageSize, after });
          if (finished) return; // cancelled while the page was read
          stats.pages++;
          if (page.data.length) {
            stats.rows += page.data.length;
            push(csvRows(kind, page.data));
          }
          if (!page.nextCursor) {
            finished = true;
            controller.close();
            options.onDone?.(stats);
            return;
          }
          after = decodeCursor(kind, page.nextCursor);
        } catch (e) {
          if (finished) return;
          finished = true;
          options.onError?.(e);
          controller.error(e);
        }
      },
      cancel() {
        finished = true;
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** gatehouse-grants-2026-05-01-2026-07-01.csv: the kind and the window's UTC days (`to` exclusive, as queried). */
export const csvFileName = (kind: EvidenceKind, q: Pick<EvidenceQuery, "from" | "to">) => `gatehouse-${kind}-${day(q.from)}-${day(q.to)}.csv`;

/** A download of a CSV stream: never cached, saved under `filename`. */
export function csvResponse(body: ReadableStream<Uint8Array>, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}
