import { router, tenantProcedure, auditReaderProcedure, adminProcedure } from "../trpc.ts";
import { listLifecycleEvents, listLifecycleEventsInput, listMyConfirmations, getLifecycleSettings } from "../../domain/lifecycle/queries.ts";
import { confirmAccess } from "../../domain/lifecycle/confirm-access.ts";
import { revokeAccess } from "../../domain/lifecycle/revoke-access.ts";
import { decideConfirmationInput } from "../../domain/lifecycle/decide-confirmation.ts";
import { lifecycleSettingsInput, saveLifecycleSettings } from "../../domain/lifecycle/save-lifecycle-settings.ts";

export const lifecycleRouter = router({
  /** Joiners, movers and leavers: admins and auditors. */
  events: auditReaderProcedure.input(listLifecycleEventsInput).query(({ ctx, input }) => listLifecycleEvents(ctx.scope.tdb, input)),
  myConfirmations: tenantProcedure.query(({ ctx }) => listMyConfirmations(ctx.scope.tdb, ctx.membership.personId)),
  confirm: tenantProcedure.input(decideConfirmationInput).mutation(({ ctx, input }) =>
    confirmAccess(ctx.scope, { ...input, deciderPersonId: ctx.membership.personId })),
  revoke: tenantProcedure.input(decideConfirmationInput).mutation(({ ctx, input }) =>
    revokeAccess(ctx.scope, { ...input, deciderPersonId: ctx.membership.personId })),
  settings: adminProcedure.query(({ ctx }) => getLifecycleSettings(ctx.scope.tdb, ctx.scope.tenantId)),
  saveSettings: adminProcedure.input(lifecycleSettingsInput).mutation(({ ctx, input }) => saveLifecycleSettings(ctx.scope, input)),
});
