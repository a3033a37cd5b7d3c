// Session-authenticated CSV exports for the Evidence page: the same rows and the same streaming
// writer as the Evidence API, for a signed-in admin or auditor of the workspace.
import { EVIDENCE_KINDS, parseEvidenceQuery, type EvidenceKind, type EvidenceQuery } from "../../domain/evidence/evidence-query.ts";
import { recordAudit } from "../../domain/audit.ts";
import { forTenant, type Services } from "../../domain/services.ts";
import { logger } from "../../lib/logger.ts";
import type { SessionUser } from "../context.ts";
import { resolveMembership } from "../membership.ts";
import { CSV_PAGE_SIZE, csvResponse, evidenceCsvStream } from "./csv-stream.ts";
import { queryError } from "./evidence-http.ts";

/** Who may export: the workspace's admins and auditors. */
export const EXPORT_ROLES = ["admin", "auditor"] as const;

/** The day as the caller wrote it (2026-06-01T00:00:00+02:00 → 2026-06-01), so the file is named in their zone. */
const dayOf = (raw: string, parsed: Date) => /^\d{4}-\d{2}-\d{2}/.exec(raw)?.[0] ?? parsed.toISOString().slice(0, 10);

function error(status: number, code: string, message: string, field?: string) {
  return Response.json({ error: code, message, ...(field ? { field } : {}) }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * GET /api/exports/<kind>?from=…&to=…[&tenant=<slug>]: the CSV of one kind of evidence of the caller's
 * workspace for [from, to), streamed. 401 signed out; 403 not a member of the workspace, or neither admin
 * nor auditor; 404 unknown kind; 400 a missing or invalid range (the same rules as the Evidence API).
 * Each export is written to the audit log (who exported what, for which window).
 */
export async function handleExportRequest(
  services: Services, request: Request, kind: string,
  session: { user: SessionUser | null; tenantSlug: string | null },
  options: { pageSize?: number } = {},
): Promise<Response> {
  if (!session.user) return error(401, "unauthenticated", "Sign in to export evidence");
  const url = new URL(request.url);
  const membership = await resolveMembership(services.db, session.user.id, url.searchParams.get("tenant") || session.tenantSlug);
  if (!membership) return error(403, "forbidden", "You are not a member of this workspace");
  if (!membership.roles.some((r) => (EXPORT_ROLES as readonly string[]).includes(r))) {
    return error(403, "forbidden", "Only admins and auditors can export evidence");
  }
  if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) {
    return error(404, "not_found", `Unknown export "${kind.slice(0, 40)}". Use one of: ${EVIDENCE_KINDS.join(", ")}`);
  }
  const k = kind as EvidenceKind;
  const from = url.searchParams.get("from") ?? "";
  const to = url.searchParams.get("to") ?? "";
  if (!from) return error(400, "invalid_request", "Choose the first day of the range", "from");
  if (!to) return error(400, "invalid_request", "Choose the last day of the range", "to");
  const scope = forTenant(services, membership.tenantId, { type: "user", id: session.user.id, label: session.user.email });
  let q: EvidenceQuery;
  try {
    // Only the range: an export is always the whole window, from its start.
    q = parseEvidenceQuery(k, { from, to }, scope.clock.now());
  } catch (e) {
    const bad = queryError(e);
    if (!bad) throw e;
    return error(400, "invalid_request", bad.message, bad.field ?? undefined);
  }
  await scope.tdb.$transaction((tx) =>
    recordAudit(tx, scope.tenantId, scope.actor, {
      action: "evidence.exported", subjectType: "tenant", subjectId: scope.tenantId,
      data: { kind: k, from: q.from.toISOString(), to: q.to.toISOString(), channel: "web" },
    }, scope.clock.now()));
  const body = evidenceCsvStream(k, scope, q, {
    pageSize: options.pageSize ?? CSV_PAGE_SIZE,
    onError: (err) => logger.error({ tenantId: scope.tenantId, kind: k, err }, "evidence export failed mid-stream"),
  });
  return csvResponse(body, `gatehouse-${k}-${dayOf(from, q.from)}-${dayOf(to, q.to)}.csv`);
}
