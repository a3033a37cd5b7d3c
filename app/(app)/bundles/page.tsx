import type { Metadata } from "next";
import { BundlesList } from "@/components/bundles/bundles-list";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Bundles" };

/** Admins define birthright bundles; auditors read them. */
export default async function BundlesPage() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) return <NotAllowedPage area="bundles" reason="Only workspace admins and auditors can see birthright bundles." />;
  return <BundlesList />;
}
