import type { Metadata } from "next";
import { ApiTokensPage } from "@/components/api-tokens/api-tokens-page";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="API tokens" reason="Only workspace admins can see, create and revoke API tokens." />;
  }
  return <ApiTokensPage />;
}
