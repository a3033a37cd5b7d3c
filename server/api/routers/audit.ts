import { auditReaderProcedure, router } from "../trpc.ts";
import { auditListInput, listAuditEvents } from "../../domain/audit/queries.ts";
import { verifyAuditChain } from "../../domain/audit/verify-audit-chain.ts";

export const auditRouter = router({
  list: auditReaderProcedure.input(auditListInput).query(({ ctx, input }) => listAuditEvents(ctx.scope, input)),
  /** Recomputes the tenant's hash chain and records the verification (a mutation: it appends one event). */
  verify: auditReaderProcedure.mutation(({ ctx }) => verifyAuditChain(ctx.scope)),
});
