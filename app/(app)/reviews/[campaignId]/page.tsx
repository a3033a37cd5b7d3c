import type { Metadata } from "next";
import { CampaignPage } from "@/components/reviews/campaign-page";

export const metadata: Metadata = { title: "Access review" };

/** Admins and auditors see any campaign; a reviewer sees one that holds their items (the procedures decide). */
export default async function Page({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  return <CampaignPage campaignId={campaignId} />;
}
