import type { Metadata } from "next";
import { CampaignEvidencePage } from "@/components/evidence/campaign-evidence";

export const metadata: Metadata = { title: "Campaign evidence" };

export default async function Page({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  return <CampaignEvidencePage campaignId={campaignId} />;
}
