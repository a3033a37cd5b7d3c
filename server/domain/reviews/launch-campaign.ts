import type { DirectoryConnector } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { insertGrantItemsSql, insertUnexplainedItemsSql, type PopulationParams } from "./population-sql.ts";
import { campaignScope } from "./schemas.ts";
import { buildSnapshot, compareWithIdp, loadScopedGroups } from "./snapshot-population.ts";

const LAUNCH_TX = { maxWait: 30_000, timeout: 600_000 };

/**
 * Snapshots the population: one item per active grant in scope and per membership of a scoped managed
 * group that no live grant explains, each with a recommendation and a reviewer (never the person).
 * The IdP is listed first, so the snapshot records its counts next to ours: the completeness evidence.
 */
export async function launchCampaign(
  scope: TenantScope, input: { campaignId: string },
  opts: { connector?: DirectoryConnector; /** Filled with each phase's milliseconds, for the benchmark. */ timings?: { listMs?: number; snapshotMs?: number } } = {},
) {
  const { tdb, tenantId, actor, clock } = scope;
  const campaign = await tdb.reviewCampaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw notFound("Campaign");
  if (campaign.status !== "DRAFT") throw conflict("This campaign has already been launched");
  const now = clock.now();
  if (campaign.dueAt.getTime() <= now.getTime()) throw badRequest("The due date has passed; create the campaign again with a later one", "dueAt");
  const params: PopulationParams = {
    tenantId, campaignId: campaign.id, scope: campaignScope.parse(campaign.scope), reviewerMode: campaign.reviewerMode,
    reviewerPersonIds: campaign.reviewerPersonIds, fallbackReviewerId: campaign.fallbackReviewerId, inactivityDays: campaign.inactivityDays, now,
  };
  const started = performance.now();
  const groups = await loadScopedGroups(tdb, params);
  const compared = await compareWithIdp(scope, tdb, groups, opts.connector);
  const checkedAt = clock.now();
  const listed = performance.now();
  if (opts.timings) opts.timings.listMs = listed - started;

  const result = await tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "ReviewCampaign" WHERE id = ${campaign.id} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const fresh = await tx.reviewCampaign.findUniqueOrThrow({ where: { id: campaign.id } });
    if (fresh.status !== "DRAFT") throw conflict("This campaign has already been launched");
    await tx.$executeRaw(insertGrantItemsSql(params));
    await tx.$executeRaw(insertUnexplainedItemsSql(params));
    const orphan = await tx.reviewItem.findFirst({ where: { campaignId: campaign.id, reviewerPersonId: "" }, select: { personName: true } });
    if (orphan) throw badRequest(`Nobody can review ${orphan.personName}'s access: choose a fallback reviewer other than them, or link an admin to a person`, "fallbackReviewerId");
    const snapshot = await buildSnapshot(tx, params, groups, compared, checkedAt);
    if (snapshot.items === 0) throw badRequest("Nothing in this scope to review: no active grants and no memberships of the chosen groups", "scope");
    await tx.reviewCampaign.update({
      where: { id: campaign.id },
      data: { status: "ACTIVE", launchedAt: now, launchedBy: actor.label, snapshot: snapshot as never },
    });
    await recordAudit(tx, tenantId, actor, {
      action: "review.campaign_launched", subjectType: "campaign", subjectId: campaign.id,
      data: {
        items: snapshot.items, grantItems: snapshot.grantItems, unexplainedItems: snapshot.unexplainedItems, complete: snapshot.complete,
        groups: snapshot.groups.map((g) => ({ group: g.name, idp: g.idpMembers, gatehouse: g.gatehouseMembers, reviewed: g.reviewed })),
      },
    }, now);
    const perReviewer = await tx.reviewItem.groupBy({ by: ["reviewerPersonId"], where: { campaignId: campaign.id }, _count: true });
    await notifyPeople(tx, scope.jobs, tenantId, perReviewer.map((r) => ({
      personId: r.reviewerPersonId, kind: "review.assigned" as const, link: `/reviews/${campaign.id}`,
      title: `Access review: ${campaign.name}`,
      body: `${r._count} item${r._count === 1 ? "" : "s"} to review by ${campaign.dueAt.toISOString().slice(0, 10)}.`,
    })), now);
    return { campaignId: campaign.id, snapshot };
  }, LAUNCH_TX);
  if (opts.timings) opts.timings.snapshotMs = performance.now() - listed;
  return result;
}
