import type { Metadata } from "next";
import { CampaignsList } from "@/components/reviews/campaigns-list";

export const metadata: Metadata = { title: "Access reviews" };

/** Everyone may open it: admins and auditors see every campaign, reviewers the campaigns with their items. */
export default function ReviewsPage() {
  return <CampaignsList />;
}
