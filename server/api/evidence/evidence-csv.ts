import { stringify } from "csv-stringify/sync";
import type { EvidenceKind } from "../../domain/evidence/evidence-query.ts";
import type { RequestEvidence } from "../../domain/evidence/list-request-evidence.ts";
import type { GrantEvidence } from "../../domain/evidence/list-grant-evidence.ts";
import type { ReviewEvidence } from "../../domain/evidence/list-review-evidence.ts";
import type { AuditEventEvidence } from "../../domain/evidence/list-audit-event-evidence.ts";

type Cell = string | number | boolean | Date | null | undefined;
type Column<R> = [header: string, value: (r: R) => Cell];

const iso = (d: Date | string | null | undefined) => (d == null ? "" : typeof d === "string" ? d : d.toISOString());

/** "#1 MANAGER APPROVED: APPROVE by sam@acme.example via slack at 2026-…Z ("comment")", steps joined by "; ". */
function approvals(r: RequestEvidence): string {
  return r.approvals.map((s) => {
    const head = `#${s.step} ${s.kind} ${s.status}`;
    const ds = s.decisions.map((d) => `${d.decision} by ${d.decider} via ${d.channel} at ${iso(d.at)}${d.comment ? ` (${JSON.stringify(d.comment)})` : ""}`);
    return ds.length ? `${head}: ${ds.join(", ")}` : head;
  }).join("; ");
}

/** "figma-editors: SUCCEEDED, member=yes checked 2026-…Z (detail)", actions joined by "; ". */
function readBacks(list: GrantEvidence["added"]): string {
  return list.map((a) => {
    const proof = a.isMember == null ? "no read-back" : `member=${a.isMember ? "yes" : "no"} checked ${iso(a.checkedAt)}${a.detail ? ` (${a.detail})` : ""}`;
    return `${a.group}: ${a.status}, ${proof}${a.lastError ? `, last error: ${a.lastError}` : ""}`;
  }).join("; ");
}

const requestColumns: Column<RequestEvidence>[] = [
  ["id", (r) => r.id], ["createdAt", (r) => r.createdAt], ["requesterEmail", (r) => r.requesterEmail], ["beneficiaryEmail", (r) => r.beneficiaryEmail],
  ["app", (r) => r.app], ["role", (r) => r.role], ["reason", (r) => r.reason], ["durationMinutes", (r) => r.durationMinutes],
  ["source", (r) => r.source], ["status", (r) => r.status], ["approvals", approvals], ["jiraIssueKey", (r) => r.jiraIssueKey],
  ["decidedAt", (r) => r.decidedAt], ["grantId", (r) => r.grantId],
];

const grantColumns: Column<GrantEvidence>[] = [
  ["id", (g) => g.id], ["createdAt", (g) => g.createdAt], ["personEmail", (g) => g.personEmail], ["app", (g) => g.app], ["role", (g) => g.role],
  ["groups", (g) => g.groups.join("; ")], ["source", (g) => g.source], ["status", (g) => g.status], ["activatedAt", (g) => g.activatedAt],
  ["expiresAt", (g) => g.expiresAt], ["endedAt", (g) => g.endedAt], ["endReason", (g) => g.endReason], ["endedBy", (g) => g.endedBy],
  ["requestId", (g) => g.requestId], ["addedReadBack", (g) => readBacks(g.added)], ["removalReadBack", (g) => readBacks(g.removed)],
];

const reviewColumns: Column<ReviewEvidence>[] = [
  ["id", (r) => r.id], ["createdAt", (r) => r.createdAt], ["campaignId", (r) => r.campaignId], ["campaign", (r) => r.campaign],
  ["personName", (r) => r.personName], ["personEmail", (r) => r.personEmail], ["personTitle", (r) => r.personTitle], ["personDepartment", (r) => r.personDepartment],
  ["access", (r) => r.access], ["groups", (r) => r.groups.join("; ")], ["howGranted", (r) => r.howGranted], ["grantId", (r) => r.grantId],
  ["lastLoginAt", (r) => r.lastLoginAt], ["lastUsedAt", (r) => r.lastUsedAt],
  ["recommendation", (r) => r.recommendation], ["recommendationReason", (r) => r.recommendationReason], ["reviewer", (r) => r.reviewer],
  ["decision", (r) => r.decision], ["decidedBy", (r) => r.decidedBy], ["comment", (r) => r.comment], ["decidedAt", (r) => r.decidedAt],
  ["revocation", (r) => r.revocation], ["revocationCompletedAt", (r) => r.revocationCompletedAt], ["readBack", (r) => r.readBack?.detail],
];

const auditEventColumns: Column<AuditEventEvidence>[] = [
  ["id", (e) => e.id], ["seq", (e) => e.seq], ["at", (e) => e.at], ["actorType", (e) => e.actorType], ["actorId", (e) => e.actorId],
  ["actorLabel", (e) => e.actorLabel], ["action", (e) => e.action], ["subjectType", (e) => e.subjectType], ["subjectId", (e) => e.subjectId],
  ["data", (e) => JSON.stringify(e.data ?? {})], ["prevHash", (e) => e.prevHash], ["hash", (e) => e.hash],
];

const columns = { requests: requestColumns, grants: grantColumns, reviews: reviewColumns, "audit-events": auditEventColumns } as Record<EvidenceKind, Column<unknown>[]>;

const cell = (v: Cell): string => (v == null ? "" : v instanceof Date ? v.toISOString() : String(v));

/**
 * RFC 4180 (CRLF records; fields with a comma, quote or line break quoted, quotes doubled) with
 * spreadsheet formula injection neutralised: a cell starting with = + - @ (or a tab / CR) gets a leading '.
 */
function toCsv(rows: Cell[][]): string {
  return stringify(rows, { escape_formulas: true, record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** The header record of a kind's CSV (CRLF-terminated). */
export const csvHeader = (kind: EvidenceKind) => toCsv([columns[kind].map(([h]) => h)]);
/** Records for evidence rows of a kind, as the JSON API returns them (CRLF-terminated; "" for none). */
export const csvRows = (kind: EvidenceKind, rows: unknown[]) => (rows.length ? toCsv(rows.map((r) => columns[kind].map(([, f]) => cell(f(r))))) : "");
