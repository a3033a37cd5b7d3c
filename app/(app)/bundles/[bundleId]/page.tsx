import type { Metadata } from "next";
import { BundlePage } from "@/components/bundles/bundle-page";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "Bundle" };

export default async function Page({ params }: { params: Promise<{ bundleId: string }> }) {
  const [{ bundleId }, me] = await Promise.all([params, getMe()]);
  if (!me) return null;
  if (!readsAuditLog(me)) return <NotAllowedPage area="bundles" reason="Only workspace admins and auditors can see birthright bundles." />;
  return <BundlePage bundleId={bundleId} />;
}
