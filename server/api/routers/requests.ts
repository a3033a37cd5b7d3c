import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import { decideInput, requestAccessInput } from "../../domain/requests/request-schemas.ts";
import { requestAccess } from "../../domain/requests/request-access.ts";
import { decideApproval } from "../../domain/requests/decide-approval.ts";
import { cancelRequest } from "../../domain/requests/cancel-request.ts";
import { retryGrant } from "../../domain/grants/retry-grant.ts";
import { getRequest, inbox, listRequests, myAccess, requestListInput } from "../../domain/requests/queries.ts";

const id = z.string().min(1).max(64);

/** The caller's directory person: needed to request, decide or cancel. */
function personOf(membership: { personId: string | null }) {
  if (!membership.personId) throw new TRPCError({ code: "FORBIDDEN", message: "Your account is not linked to a person in the directory" });
  return membership.personId;
}

export const requestsRouter = router({
  create: tenantProcedure.input(requestAccessInput).mutation(({ ctx, input }) =>
    requestAccess(ctx.scope, { ...input, requesterPersonId: personOf(ctx.membership), source: "web" })),
  get: tenantProcedure.input(z.object({ requestId: id })).query(({ ctx, input }) => getRequest(ctx.scope, ctx.membership, input.requestId)),
  list: tenantProcedure.input(requestListInput).query(({ ctx, input }) => listRequests(ctx.scope, ctx.membership, input)),
  cancel: tenantProcedure.input(z.object({ requestId: id })).mutation(({ ctx, input }) =>
    cancelRequest(ctx.scope, { requestId: input.requestId, personId: personOf(ctx.membership) })),
  decide: tenantProcedure.input(decideInput).mutation(({ ctx, input }) =>
    decideApproval(ctx.scope, { ...input, deciderPersonId: personOf(ctx.membership), channel: "web" })),
  inbox: tenantProcedure.query(({ ctx }) => inbox(ctx.scope, ctx.membership)),
  myAccess: tenantProcedure.query(({ ctx }) => myAccess(ctx.scope, ctx.membership)),
  retryGrant: adminProcedure.input(z.object({ grantId: id })).mutation(({ ctx, input }) => retryGrant(ctx.scope, input)),
});
