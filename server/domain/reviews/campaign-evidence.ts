import type { TenantDb } from "../../db/tenant-db.ts";

/** One row per review item, in the order of the evidence CSV's columns. */
export const CAMPAIGN_EVIDENCE_COLUMNS = [
  { key: "itemId", header: "Item ID" },
  { key: "person", header: "Person" },
  { key: "email", header: "Email" },
  { key: "title", header: "Title" },
  { key: "department", header: "Department" },
  { key: "employmentStatus", header: "Employment status" },
  { key: "manager", header: "Manager" },
  { key: "access", header: "Access" },
  { key: "groups", header: "IdP groups" },
  { key: "howGranted", header: "How granted" },
  { key: "approvedBy", header: "Approved by" },
  { key: "grantedAt", header: "Granted at" },
  { key: "expiresAt", header: "Expires at" },
  { key: "lastLogin", header: "Last login" },
  { key: "lastUse", header: "Last use" },
  { key: "recommendation", header: "Recommendation" },
  { key: "recommendationReason", header: "Recommendation reason" },
  { key: "reviewer", header: "Reviewer" },
  { key: "reassigned", header: "Reassigned / escalated" },
  { key: "decision", header: "Decision" },
  { key: "comment", header: "Comment" },
  { key: "decidedAt", header: "Decided at" },
  { key: "revocation", header: "Revocation" },
  { key: "revocationCompletedAt", header: "Revocation completed at" },
  { key: "readBack", header: "Read-back result" },
] as const;

export type CampaignEvidenceRow = Record<(typeof CAMPAIGN_EVIDENCE_COLUMNS)[number]["key"], string>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : "");

type ProofEntry = { group?: string; readBack?: { isMember?: boolean; kept?: boolean; detail?: string; checkedAt?: string } | null };
type ManualProof = { manual: true; completedBy: string; completedAt: string; note: string };

/** The proof in words: each group's read-back, or who removed it by hand and what they said. */
export function describeReadBack(readBack: unknown): string {
  if (!readBack) return "";
  if (!Array.isArray(readBack)) {
    const m = readBack as ManualProof;
    return m.manual ? `removed by hand by ${m.completedBy} at ${m.completedAt}: ${m.note}` : JSON.stringify(readBack);
  }
  return (readBack as ProofEntry[]).map((e) => {
    const r = e.readBack;
    const verdict = r?.kept ? "kept (still granted by another grant)" : r?.isMember === false ? "not a member" : "unconfirmed";
    return `${e.group}: ${verdict}${r?.checkedAt ? ` (checked ${r.checkedAt})` : ""}${r?.detail && !r.kept ? ` — ${r.detail}` : ""}`;
  }).join("; ");
}

/**
 * The campaign's items as evidence rows, a page at a time in a stable order (id), so a campaign of any
 * size streams in constant memory. Approvers come from the request behind each grant.
 */
export async function* campaignEvidenceRows(tdb: TenantDb, campaignId: string, pageSize = 1000): AsyncGenerator<CampaignEvidenceRow[]> {
  let after: string | null = null;
  const names = new Map<string, string>();
  for (;;) {
    const items: Awaited<ReturnType<typeof tdb.reviewItem.findMany>> = await tdb.reviewItem.findMany({
      where: { campaignId, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: pageSize,
    });
    if (!items.length) return;
    const requestIds = items.map((i) => i.requestId).filter((x): x is string => !!x);
    const decisions = requestIds.length
      ? await tdb.approvalDecision.findMany({ where: { requestId: { in: requestIds } }, include: { decider: { select: { displayName: true } } }, orderBy: { createdAt: "asc" } })
      : [];
    const missing = [...new Set(items.flatMap((i) => [i.reviewerPersonId, i.reassignedFromId]).filter((x): x is string => !!x && !names.has(x)))];
    for (const p of await tdb.person.findMany({ where: { id: { in: missing } }, select: { id: true, displayName: true } })) names.set(p.id, p.displayName);
    yield items.map((i) => {
      const approvals = decisions.filter((d) => d.requestId === i.requestId);
      return {
        itemId: i.id, person: i.personName, email: i.personEmail, title: i.personTitle ?? "", department: i.personDepartment ?? "",
        employmentStatus: i.personStatus, manager: i.managerName ?? "", access: i.accessLabel, groups: i.groupNames.join("; "),
        howGranted: i.howGranted === "request" && i.requestId ? `request ${i.requestId}` : i.howGranted,
        approvedBy: approvals.map((d) => `${d.decider.displayName} (${d.decision.toLowerCase()}, ${d.channel}, ${d.createdAt.toISOString()})`).join("; ")
          || (i.howGranted === "request" ? "auto-approved" : ""),
        grantedAt: iso(i.grantedAt), expiresAt: iso(i.expiresAt), lastLogin: iso(i.lastLoginAt), lastUse: i.lastUsedAt ? iso(i.lastUsedAt) : "no data",
        recommendation: i.recommendation, recommendationReason: i.recommendationReason,
        reviewer: names.get(i.reviewerPersonId) ?? i.reviewerPersonId,
        reassigned: i.reassignedFromId ? `from ${names.get(i.reassignedFromId) ?? i.reassignedFromId}: ${i.reassignReason ?? ""}` : "",
        decision: i.decision ?? "", comment: i.comment ?? "", decidedAt: iso(i.decidedAt),
        revocation: i.decision === "REVOKE" ? i.revocation.toLowerCase() : "", revocationCompletedAt: iso(i.revocationCompletedAt),
        readBack: describeReadBack(i.readBack),
      };
    });
    after = items[items.length - 1]!.id;
  }
}
