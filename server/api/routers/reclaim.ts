import { TRPCError } from "@trpc/server";
import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import { keepGrant } from "../../domain/reclaim/keep-grant.ts";
import { saveReclaimRule } from "../../domain/reclaim/save-reclaim-rule.ts";
import { runReclaim } from "../../domain/reclaim/run-reclaim.ts";
import { keepGrantInput, listCasesInput, saveReclaimRuleInput } from "../../domain/reclaim/schemas.ts";
import { listReclaimCases, listReclaimRules, myReclaimNotices, reclaimCaseCounts, recoveredPerApp } from "../../domain/reclaim/queries.ts";

/** The Reclaim page: admins manage it, auditors read it. */
const reclaimReaderProcedure = tenantProcedure.use(({ ctx, next }) => {
  const r = ctx.membership.roles;
  if (!r.includes("admin") && !r.includes("auditor")) throw new TRPCError({ code: "FORBIDDEN", message: "Only admins and auditors can see Auto Reclaim" });
  return next();
});

export const reclaimRouter = router({
  rules: reclaimReaderProcedure.query(({ ctx }) => listReclaimRules(ctx.scope.tdb)),
  cases: reclaimReaderProcedure.input(listCasesInput).query(({ ctx, input }) => listReclaimCases(ctx.scope.tdb, input)),
  counts: reclaimReaderProcedure.query(({ ctx }) => reclaimCaseCounts(ctx.scope.tdb)),
  recovered: reclaimReaderProcedure.query(({ ctx }) => recoveredPerApp(ctx.scope.tdb, ctx.scope.clock.now())),
  myNotices: tenantProcedure.query(({ ctx }) => myReclaimNotices(ctx.scope.tdb, ctx.membership.personId)),
  saveRule: adminProcedure.input(saveReclaimRuleInput).mutation(({ ctx, input }) => saveReclaimRule(ctx.scope, input)),
  keep: tenantProcedure.input(keepGrantInput).mutation(({ ctx, input }) =>
    keepGrant(ctx.scope, { ...input, keeperPersonId: ctx.membership.personId, asAdmin: ctx.membership.roles.includes("admin") })),
  runNow: adminProcedure.mutation(async ({ ctx }) => {
    const r = await runReclaim(ctx.scope, { tenantId: ctx.scope.tenantId });
    return { usageErrors: r.usage.filter((u) => u.error).map((u) => ({ appId: u.appId, error: u.error! })), scan: r.scan, lapsed: r.lapsed };
  }),
});
