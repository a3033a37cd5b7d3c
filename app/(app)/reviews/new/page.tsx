import type { Metadata } from "next";
import { NewCampaignForm } from "@/components/reviews/new-campaign-form";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "New access review" };

export default async function NewCampaignPage() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="new access reviews" reason="Only workspace admins can start an access review." />;
  }
  return <NewCampaignForm />;
}
