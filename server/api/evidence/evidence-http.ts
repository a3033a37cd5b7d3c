import { ZodError } from "zod";
import { authenticateApiToken } from "../../domain/api-tokens/authenticate-api-token.ts";
import { EVIDENCE_READ } from "../../domain/api-tokens/token-secret.ts";
import { DomainError } from "../../domain/errors.ts";
import { EVIDENCE_KINDS, parseEvidenceQuery, type EvidenceKind, type EvidenceQuery } from "../../domain/evidence/evidence-query.ts";
import { listEvidence } from "../../domain/evidence/list-evidence.ts";
import type { Services } from "../../domain/services.ts";
import { logger } from "../../lib/logger.ts";
import { CSV_PAGE_SIZE, csvFileName, csvResponse, evidenceCsvStream } from "./csv-stream.ts";

export const API_VERSION = "v1";
export { CSV_PAGE_SIZE };

const noStore = { "Cache-Control": "no-store" };

function error(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return Response.json({ error: code, message, ...extra, apiVersion: API_VERSION }, { status, headers: { ...noStore, ...headers } });
}

/**
 * The error of an invalid evidence query (zod or domain), as the API's 400 body, or null for any other
 * error (rethrow it). Shared with the session exports so both name the offending parameter the same way.
 */
export function queryError(e: unknown): { message: string; field: string | null } | null {
  if (e instanceof ZodError) {
    const issue = e.issues[0]!;
    const field = issue.path[0] == null ? null : String(issue.path[0]);
    return { message: `${field ?? "query"}: ${issue.message}`, field };
  }
  if (e instanceof DomainError && e.code === "BAD_REQUEST") return { message: e.message, field: e.field ?? null };
  return null;
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
 * 401 no/wrong/revoked token, 403 token without the scope, 404 unknown kind, 400 bad parameters.
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
    const bad = queryError(e);
    if (!bad) throw e;
    return error(400, "invalid_request", bad.message, { field: bad.field });
  }
  if (csv) {
    const scope = auth.scope;
    const body = evidenceCsvStream(k, scope, q, {
      pageSize: options.csvPageSize ?? CSV_PAGE_SIZE,
      onError: (err) => logger.error({ tenantId: scope.tenantId, kind: k, err }, "evidence CSV export failed mid-stream"),
    });
    return csvResponse(body, csvFileName(k, q));
  }
  const page = await listEvidence(k, auth.scope, q);
  return Response.json({ data: page.data, nextCursor: page.nextCursor, apiVersion: API_VERSION }, { headers: noStore });
}
