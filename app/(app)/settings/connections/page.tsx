import type { Metadata } from "next";
import { ConnectionsPage } from "@/components/connections/connections-page";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="Connections" reason="Only workspace admins can see and change connections." />;
  }
  return <ConnectionsPage />;
}
