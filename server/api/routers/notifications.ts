import { router, tenantProcedure } from "../trpc.ts";
import { listNotifications } from "../../domain/notifications/queries.ts";
import { markNotificationsRead, markReadInput } from "../../domain/notifications/mark-read.ts";

export const notificationsRouter = router({
  list: tenantProcedure.query(({ ctx }) => listNotifications(ctx.scope, ctx.membership.personId)),
  markRead: tenantProcedure.input(markReadInput).mutation(({ ctx, input }) =>
    markNotificationsRead(ctx.scope, { ...input, personId: ctx.membership.personId })),
});
