import { ZodError } from "zod";
import { authenticateApiToken } from "../../domain/api-tokens/authenticate-api-token.ts";
import { EVIDENCE_READ } from "../../domain/api-tokens/token-secret.ts";
import { DomainError } from "../../domain/errors.ts";
import { EVIDENCE_KINDS, parseEvidenceQuery, type EvidenceKind, type EvidenceQuery } from "../../domain/evidence/evidence-query.ts";
import { listRequestEvidence } from "../../domain/evidence/list-request-evidence.ts";
import { listGrantEvidence } from "../../domain/evidence/list-grant-evidence.ts";
import type { Services, TenantScope } from "../../domain/services.ts";
import { logger } from "../../lib/logger.ts";
import { csvHeader, csvRows } from "./evidence-csv.ts";

export const API_VERSION = "v1";
/** Rows fetched per database round trip while a CSV streams: memory stays flat whatever the range. */
export const CSV_PAGE_SIZE = 500;

const lists = { requests: listRequestEvidence, grants: listGrantEvidence } satisfies Record<EvidenceKind, unknown>;
type Page = { data: { id: string; createdAt: Date }[]; nextCursor: string | null };
const listPage = (kind: EvidenceKind, scope: TenantScope, q: EvidenceQuery) => (lists[kind] as (s: TenantScope, q: EvidenceQuery) => Promise<Page>)(scope, q);

const noStore = { "Cache-Control": "no-store" };

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return Response.json({ error: code, message, ...extra, apiVersion: API_VERSION }, { status, headers: { ...noStore, ...headers } });
}

/** The caller's address as the proxy in front of us reports it (first X-Forwarded-For hop), if any. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || null;
}

function wantsCsv(request: Request, format: string | null): boolean | "invalid" {
  if (format === "csv") return true;
  if (format === "json") return false;
  if (format !== null) return "invalid";
  return /\btext\/csv\b/i.test(request.headers.get("accept") ?? "");
}

/**
 * GET /api/v1/evidence/<kind>: the evidence of the token's tenant (and no other), JSON pages or a streamed CSV.
 * 401 no/wrong/revoked token, 403 token without the scope, 404 unknown kind (reviews: not yet), 400 bad parameters.
 */
export async function handleEvidenceRequest(
  services: Services, request: Request, kind: string, options: { csvPageSize?: number } = {},
): Promise<Response> {
  const auth = await authenticateApiToken(services, {
    authorization: request.headers.get("authorization"), ip: clientIp(request.headers), requiredScope: EVIDENCE_READ,
  });
  if (!auth.ok) {
    const challenge = auth.error === "missing_token" ? `Bearer realm="gatehouse"` : `Bearer realm="gatehouse", error="${auth.error}"`;
    return error(auth.status, auth.error, auth.message, {}, { "WWW-Authenticate": challenge });
  }
  if (kind === "reviews") {
    return error(404, "not_available", "Review campaigns are not available yet: there is no review evidence to export. Use /api/v1/evidence/requests and /api/v1/evidence/grants.");
  }
  if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) {
    return error(404, "not_found", `Unknown evidence kind "${kind.slice(0, 40)}". Use one of: ${EVIDENCE_KINDS.join(", ")}`);
  }
  const k = kind as EvidenceKind;
  const url = new URL(request.url);
  const csv = wantsCsv(request, url.searchParams.get("format"));
  if (csv === "invalid") return error(400, "invalid_request", "format must be json or csv", { field: "format" });
  let q: EvidenceQuery;
  try {
    q = parseEvidenceQuery(k, Object.fromEntries(url.searchParams), auth.scope.clock.now());
  } catch (e) {
    if (e instanceof ZodError) {
      const issue = e.issues[0]!;
      return error(400, "invalid_request", `${String(issue.path[0] ?? "query")}: ${issue.message}`, { field: issue.path[0] ?? null });
    }
    if (e instanceof DomainError) return error(400, "invalid_request", e.message, { field: e.field ?? null });
    throw e;
  }
  if (csv) return csvResponse(k, auth.scope, q, options.csvPageSize ?? CSV_PAGE_SIZE);
  const page = await listPage(k, auth.scope, q);
  return Response.json({ data: page.data, nextCursor: page.nextCursor, apiVersion: API_VERSION }, { headers: noStore });
}

/** Header first, then pages of `pageSize` rows, each fetched only when the client has read the last. */
function csvResponse(kind: EvidenceKind, scope: TenantScope, q: EvidenceQuery, pageSize: number): Response {
  const encoder = new TextEncoder();
  let after = q.after;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHeader(kind)));
          return;
        }
        const page = await listPage(kind, scope, { ...q, limit: pageSize, after });
        if (page.data.length) controller.enqueue(encoder.encode(csvRows(kind, page.data)));
        const last = page.data[page.data.length - 1];
        if (!page.nextCursor || !last) return controller.close();
        after = { createdAt: last.createdAt, id: last.id };
      } catch (e) {
        logger.error({ tenantId: scope.tenantId, kind, err: e }, "evidence CSV export failed mid-stream");
        controller.error(e);
      }
    },
  }, { highWaterMark: 0 });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      ...noStore,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gatehouse-${kind}-${day(q.from)}-${day(q.to)}.csv"`,
    },
  });
}
