import type { Metadata } from "next";
import { LifecycleSettingsPage } from "@/components/lifecycle/lifecycle-settings";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "Lifecycle settings" };

export default async function LifecycleSettingsRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="Lifecycle settings" reason="Only workspace admins can change what happens to movers and leavers." />;
  }
  return <LifecycleSettingsPage />;
}
