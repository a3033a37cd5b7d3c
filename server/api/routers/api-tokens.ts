import { adminProcedure, router } from "../trpc.ts";
import { createApiTokenInput, revokeApiTokenInput } from "../../domain/api-tokens/schemas.ts";
import { createApiToken } from "../../domain/api-tokens/create-api-token.ts";
import { revokeApiToken } from "../../domain/api-tokens/revoke-api-token.ts";
import { listApiTokens } from "../../domain/api-tokens/queries.ts";

/** Evidence API tokens: admins list, create (the secret comes back once, here) and revoke them. */
export const apiTokensRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiTokens(ctx.scope)),
  create: adminProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx.scope, input)),
  revoke: adminProcedure.input(revokeApiTokenInput).mutation(({ ctx, input }) => revokeApiToken(ctx.scope, input)),
});
