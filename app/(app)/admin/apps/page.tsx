import type { Metadata } from "next";
import { AppsAdmin } from "@/components/admin/apps-admin";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "Apps & roles" };

export default async function AppsAdminPage() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="Apps & roles" reason="Only workspace admins can change the catalog." />;
  }
  return <AppsAdmin />;
}
