import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc.ts";
import { giveBackGrantInput, revokeGrantInput } from "../../domain/grants/schemas.ts";
import { revokeGrant } from "../../domain/grants/revoke-grant.ts";
import { giveBackGrant } from "../../domain/grants/give-back-grant.ts";
import { myGrants, personGrants } from "../../domain/grants/queries.ts";

const id = z.string().min(1).max(64);

function personOf(membership: { personId: string | null }) {
  if (!membership.personId) throw new TRPCError({ code: "FORBIDDEN", message: "Your account is not linked to a person in the directory" });
  return membership.personId;
}

export const grantsRouter = router({
  mine: tenantProcedure.query(({ ctx }) => myGrants(ctx.scope, ctx.membership)),
  ofPerson: tenantProcedure.input(z.object({ personId: id })).query(({ ctx, input }) => personGrants(ctx.scope, ctx.membership, input.personId)),
  /** Admins revoke any grant; an app's owners revoke grants of their app (the domain checks). */
  revoke: tenantProcedure.input(revokeGrantInput).mutation(({ ctx, input }) =>
    revokeGrant(ctx.scope, { ...input, channel: "web", revokerPersonId: ctx.membership.personId, asAdmin: ctx.membership.roles.includes("admin") })),
  giveBack: tenantProcedure.input(giveBackGrantInput).mutation(({ ctx, input }) =>
    giveBackGrant(ctx.scope, { ...input, holderPersonId: personOf(ctx.membership) })),
});
