import { recordAudit } from "../audit.ts";
import { DomainError } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { lockActiveCampaign } from "./lock-active-campaign.ts";
import { campaignProgress } from "./campaign-progress.ts";

/**
 * Closes a campaign once every item is decided and every revocation is confirmed (read back, or done
 * by hand and recorded); the summary is frozen with it and the evidence package can be downloaded.
 */
export async function closeCampaign(scope: TenantScope, input: { campaignId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const campaign = await lockActiveCampaign(tx, tenantId, input.campaignId);
    const progress = await campaignProgress(tx, campaign.id);
    const blockers = [
      progress.pending ? `${progress.pending} item${progress.pending === 1 ? " is" : "s are"} not decided yet` : null,
      progress.revokedUnconfirmed ? `${progress.revokedUnconfirmed} revocation${progress.revokedUnconfirmed === 1 ? " is" : "s are"} not confirmed yet` : null,
    ].filter(Boolean);
    if (blockers.length) throw new DomainError("PRECONDITION_FAILED", `The campaign cannot close: ${blockers.join(" and ")}.`);
    const now = clock.now();
    const summary = {
      ...progress, closedAt: now.toISOString(), launchedAt: campaign.launchedAt?.toISOString() ?? null, dueAt: campaign.dueAt.toISOString(),
      completedOnTime: now.getTime() <= campaign.dueAt.getTime(), escalated: !!campaign.escalatedAt,
    };
    await tx.reviewCampaign.update({ where: { id: campaign.id }, data: { status: "CLOSED", closedAt: now, closedBy: actor.label, summary: summary as never } });
    await recordAudit(tx, tenantId, actor, { action: "review.campaign_closed", subjectType: "campaign", subjectId: campaign.id, data: summary }, now);
    return { campaignId: campaign.id, summary };
  });
}
