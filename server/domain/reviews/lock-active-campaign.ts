import type { TenantTx } from "../../db/tenant-db.ts";
import { conflict, notFound } from "../errors.ts";

/** Locks the campaign row for the transaction and insists it is running (launched, not closed). */
export async function lockActiveCampaign(tx: TenantTx, tenantId: string, campaignId: string) {
  await tx.$executeRaw`SELECT 1 FROM "ReviewCampaign" WHERE id = ${campaignId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const campaign = await tx.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw notFound("Campaign");
  if (campaign.status === "DRAFT") throw conflict("This campaign has not been launched yet");
  if (campaign.status === "CLOSED") throw conflict("This campaign is closed");
  return campaign;
}
