import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import type { Membership } from "../membership.ts";
import type { TenantDb } from "../../db/tenant-db.ts";
import { notFound } from "../../domain/errors.ts";
import { campaignIdInput, createCampaignInput, decideItemsInput, importAccountsInput, reassignItemsInput } from "../../domain/reviews/schemas.ts";
import { importReviewAccounts } from "../../domain/reviews/import-review-accounts.ts";
import { createCampaign } from "../../domain/reviews/create-campaign.ts";
import { launchCampaign } from "../../domain/reviews/launch-campaign.ts";
import { decideReviewItems } from "../../domain/reviews/decide-review-items.ts";
import { reassignReviewItems } from "../../domain/reviews/reassign-review-items.ts";
import { closeCampaign } from "../../domain/reviews/close-campaign.ts";
import { pushCampaignToVanta } from "../../domain/reviews/push-campaign-to-vanta.ts";
import { getCampaign, listCampaigns, listItemsInput, listReviewItems } from "../../domain/reviews/queries.ts";
import { completeAccessTask, completeAccessTaskInput } from "../../domain/tasks/complete-access-task.ts";
import { listMyTasks, listOpenTasks } from "../../domain/tasks/queries.ts";

const seesAll = (m: Membership) => m.roles.includes("admin") || m.roles.includes("auditor");

/** Reviewers see a campaign only while it holds items assigned to them; to anyone else it does not exist. */
async function assertCanSee(tdb: TenantDb, m: Membership, campaignId: string) {
  if (seesAll(m)) {
    if (!(await tdb.reviewCampaign.count({ where: { id: campaignId } }))) throw notFound("Campaign");
    return;
  }
  const mine = m.personId ? await tdb.reviewItem.count({ where: { campaignId, OR: [{ reviewerPersonId: m.personId }, { reassignedFromId: m.personId }] } }) : 0;
  if (!mine) throw notFound("Campaign");
}

export const reviewsRouter = router({
  list: tenantProcedure.query(({ ctx }) => listCampaigns(ctx.scope.tdb, { all: seesAll(ctx.membership), personId: ctx.membership.personId })),
  get: tenantProcedure.input(campaignIdInput).query(async ({ ctx, input }) => {
    await assertCanSee(ctx.scope.tdb, ctx.membership, input.campaignId);
    return getCampaign(ctx.scope.tdb, input.campaignId, ctx.scope.clock.now(), { personId: ctx.membership.personId, admin: ctx.membership.roles.includes("admin") });
  }),
  items: tenantProcedure.input(listItemsInput).query(async ({ ctx, input }) => {
    await assertCanSee(ctx.scope.tdb, ctx.membership, input.campaignId);
    return listReviewItems(ctx.scope.tdb, { ...input, mine: input.mine || !seesAll(ctx.membership) }, ctx.membership.personId);
  }),
  create: adminProcedure.input(createCampaignInput).mutation(({ ctx, input }) => createCampaign(ctx.scope, input)),
  launch: adminProcedure.input(campaignIdInput).mutation(({ ctx, input }) => launchCampaign(ctx.scope, input)),
  decide: tenantProcedure.input(decideItemsInput).mutation(({ ctx, input }) =>
    decideReviewItems(ctx.scope, { ...input, deciderPersonId: ctx.membership.personId })),
  reassign: tenantProcedure.input(reassignItemsInput).mutation(({ ctx, input }) =>
    reassignReviewItems(ctx.scope, { ...input, byPersonId: ctx.membership.personId, asAdmin: ctx.membership.roles.includes("admin") })),
  // Admins and the app's owners (checked by the operation): the owner is who can export the app's accounts.
  importAccounts: tenantProcedure.input(importAccountsInput).mutation(({ ctx, input }) =>
    importReviewAccounts(ctx.scope, { ...input, byPersonId: ctx.membership.personId, asAdmin: ctx.membership.roles.includes("admin") })),
  close: adminProcedure.input(campaignIdInput).mutation(({ ctx, input }) => closeCampaign(ctx.scope, input)),
  pushToVanta: adminProcedure.input(campaignIdInput).mutation(({ ctx, input }) => pushCampaignToVanta(ctx.scope, input)),
  myTasks: tenantProcedure.query(({ ctx }) => listMyTasks(ctx.scope.tdb, ctx.membership.personId)),
  openTasks: adminProcedure.query(({ ctx }) => listOpenTasks(ctx.scope.tdb)),
  completeTask: tenantProcedure.input(completeAccessTaskInput).mutation(({ ctx, input }) =>
    completeAccessTask(ctx.scope, { ...input, byPersonId: ctx.membership.personId, asAdmin: ctx.membership.roles.includes("admin") })),
});

