import type { TenantDb, TenantTx } from "../../db/tenant-db.ts";

export interface CampaignProgress {
  items: number;
  decided: number;
  pending: number;
  kept: number;
  revoked: number;
  revokedConfirmed: number;
  revokedUnconfirmed: number;
  tasksOpen: number;
  recommendedRevoke: number;
  keptAgainstRecommendation: number;
}

/** The counts a campaign is judged by: decided, revoked and confirmed, pending. */
export async function campaignProgress(db: TenantDb | TenantTx, campaignId: string): Promise<CampaignProgress> {
  const rows = await db.reviewItem.groupBy({ by: ["decision", "revocation", "recommendation"], where: { campaignId }, _count: true });
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r._count, 0);
  return {
    items: sum(() => true),
    decided: sum((r) => r.decision !== null),
    pending: sum((r) => r.decision === null),
    kept: sum((r) => r.decision === "KEEP"),
    revoked: sum((r) => r.decision === "REVOKE"),
    revokedConfirmed: sum((r) => r.decision === "REVOKE" && r.revocation === "CONFIRMED"),
    revokedUnconfirmed: sum((r) => r.decision === "REVOKE" && r.revocation !== "CONFIRMED"),
    tasksOpen: sum((r) => r.revocation === "TASK"),
    recommendedRevoke: sum((r) => r.recommendation === "REVOKE"),
    keptAgainstRecommendation: sum((r) => r.decision === "KEEP" && r.recommendation === "REVOKE"),
  };
}
