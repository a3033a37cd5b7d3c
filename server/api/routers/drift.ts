import { TRPCError } from "@trpc/server";
import { adminProcedure, router, tenantProcedure } from "../trpc.ts";
import { adoptDriftFindingInput, listDriftFindingsInput, setGroupDriftModeInput } from "../../domain/drift/schemas.ts";
import { listDriftFindings, listDriftGroups } from "../../domain/drift/queries.ts";
import { setGroupDriftMode } from "../../domain/drift/set-group-drift-mode.ts";
import { adoptDriftFinding } from "../../domain/drift/adopt-drift-finding.ts";

/** Drift is read by admins (who act on it) and auditors (read-only). */
const driftReaderProcedure = tenantProcedure.use(({ ctx, next }) => {
  const r = ctx.membership.roles;
  if (!r.includes("admin") && !r.includes("auditor")) throw new TRPCError({ code: "FORBIDDEN", message: "Only admins and auditors can see drift" });
  return next();
});

export const driftRouter = router({
  groups: driftReaderProcedure.query(({ ctx }) => listDriftGroups(ctx.scope.tdb)),
  findings: driftReaderProcedure.input(listDriftFindingsInput).query(({ ctx, input }) => listDriftFindings(ctx.scope.tdb, input)),
  setMode: adminProcedure.input(setGroupDriftModeInput).mutation(({ ctx, input }) => setGroupDriftMode(ctx.scope, input)),
  adopt: adminProcedure.input(adoptDriftFindingInput).mutation(({ ctx, input }) => adoptDriftFinding(ctx.scope, input)),
});
