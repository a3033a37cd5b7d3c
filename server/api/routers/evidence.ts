import { z } from "zod";
import { auditReaderProcedure, router } from "../trpc.ts";
import { evidenceSearchInput, searchEvidence } from "../../domain/evidence/search-evidence.ts";
import { traceGrant, traceRequest } from "../../domain/evidence/trace-grant.ts";
import { personEvidence } from "../../domain/evidence/person-evidence.ts";
import { campaignEvidence } from "../../domain/evidence/campaign-evidence.ts";
import { countEvidence, evidenceCountsInput } from "../../domain/evidence/count-evidence.ts";

const id = z.string().trim().min(1).max(64);

/** The auditor portal: read-only, admins and auditors. Another tenant's ids are simply not found. */
export const evidenceRouter = router({
  search: auditReaderProcedure.input(evidenceSearchInput).query(({ ctx, input }) => searchEvidence(ctx.scope, input)),
  grant: auditReaderProcedure.input(z.object({ grantId: id })).query(({ ctx, input }) => traceGrant(ctx.scope, input.grantId)),
  request: auditReaderProcedure.input(z.object({ requestId: id })).query(({ ctx, input }) => traceRequest(ctx.scope, input.requestId)),
  person: auditReaderProcedure.input(z.object({ personId: id })).query(({ ctx, input }) => personEvidence(ctx.scope, input.personId)),
  /** Rows per kind in a date range, shown beside the CSV downloads. */
  exportCounts: auditReaderProcedure.input(evidenceCountsInput).query(({ ctx, input }) => countEvidence(ctx.scope, input)),
  campaign: auditReaderProcedure.input(z.object({ campaignId: id })).query(({ ctx, input }) => campaignEvidence(ctx.scope, input.campaignId)),
});
