import { protectedProcedure, router, tenantProcedure } from "../trpc.ts";
import { listMemberships } from "../membership.ts";
import { demoEnabled } from "../../env.ts";
import type { TenantDb } from "../../db/tenant-db.ts";

/**
 * Review items assigned to this person in active campaigns, decided or not: one grouped count over the
 * (campaignId, reviewerPersonId, decision) index. Drives the "Reviews" item in the navigation and its badge.
 */
async function reviewCounts(tdb: TenantDb, personId: string | null) {
  if (!personId) return { pendingReviews: 0, assignedReviews: 0 };
  const rows = await tdb.reviewItem.groupBy({
    by: ["decision"], where: { reviewerPersonId: personId, campaign: { status: "ACTIVE" } }, _count: true,
  });
  return {
    pendingReviews: rows.filter((r) => r.decision === null).reduce((n, r) => n + r._count, 0),
    assignedReviews: rows.reduce((n, r) => n + r._count, 0),
  };
}

export const meRouter = router({
  /** Who is signed in, in which workspace, with which roles: drives the navigation. */
  get: tenantProcedure.query(async ({ ctx }) => {
    const [workspaces, reviews] = await Promise.all([
      listMemberships(ctx.services.db, ctx.user.id),
      reviewCounts(ctx.scope.tdb, ctx.membership.personId),
    ]);
    return { user: ctx.user, membership: ctx.membership, workspaces, demo: demoEnabled() && ctx.membership.isDemo, ...reviews };
  }),
  workspaces: protectedProcedure.query(({ ctx }) => listMemberships(ctx.services.db, ctx.user.id)),
});
