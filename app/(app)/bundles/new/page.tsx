import type { Metadata } from "next";
import { BundleForm } from "@/components/bundles/bundle-form";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../_lib/session";

export const metadata: Metadata = { title: "New bundle" };

export default async function NewBundlePage() {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) return <NotAllowedPage area="new bundles" reason="Only workspace admins can define birthright bundles." />;
  return <BundleForm />;
}
