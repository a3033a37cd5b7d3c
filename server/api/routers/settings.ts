import { adminProcedure, router } from "../trpc.ts";
import { configureSso, getSso, ssoInput } from "../../domain/tenants/configure-sso.ts";

export const settingsRouter = router({
  sso: adminProcedure.query(({ ctx }) => getSso(ctx.scope)),
  saveSso: adminProcedure.input(ssoInput).mutation(({ ctx, input }) => configureSso(ctx.scope, input)),
});
