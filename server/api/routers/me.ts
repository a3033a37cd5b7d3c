import { protectedProcedure, router, tenantProcedure } from "../trpc.ts";
import { listMemberships } from "../membership.ts";
import { demoEnabled } from "../../env.ts";

export const meRouter = router({
  /** Who is signed in, in which workspace, with which roles: drives the navigation. */
  get: tenantProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    membership: ctx.membership,
    workspaces: await listMemberships(ctx.services.db, ctx.user.id),
    demo: demoEnabled() && ctx.membership.isDemo,
  })),
  workspaces: protectedProcedure.query(({ ctx }) => listMemberships(ctx.services.db, ctx.user.id)),
});
