import { stringify } from "csv-stringify/sync";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { CAMPAIGN_EVIDENCE_COLUMNS, campaignEvidenceRows } from "./campaign-evidence.ts";

/** The header line, then each page of rows as CSV text: what the download streams and Vanta receives. */
export async function* campaignEvidenceCsvChunks(scope: TenantScope, input: { campaignId: string }) {
  const campaign = await scope.tdb.reviewCampaign.findUnique({ where: { id: input.campaignId }, select: { id: true } });
  if (!campaign) throw notFound("Campaign");
  yield stringify([CAMPAIGN_EVIDENCE_COLUMNS.map((c) => c.header)], { record_delimiter: "\r\n" });
  for await (const rows of campaignEvidenceRows(scope.tdb, campaign.id)) {
    // Names and roles can come from an uploaded account list: a cell starting with = + - @ is neutralised.
    yield stringify(rows.map((r) => CAMPAIGN_EVIDENCE_COLUMNS.map((c) => r[c.key])), { record_delimiter: "\r\n", escape_formulas: true });
  }
}

export async function campaignEvidenceCsv(scope: TenantScope, input: { campaignId: string }) {
  let csv = "";
  for await (const chunk of campaignEvidenceCsvChunks(scope, input)) csv += chunk;
  return csv;
}
