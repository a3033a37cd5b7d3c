import { Suspense } from "react";
import type { Metadata } from "next";
import { AppEditor } from "@/components/admin/app-editor";
import { isAdmin } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../../../_lib/session";

export const metadata: Metadata = { title: "Edit app" };

export default async function AppEditorPage({ params }: { params: Promise<{ appId: string }> }) {
  const me = await getMe();
  if (!me) return null;
  if (!isAdmin(me)) {
    return <NotAllowedPage area="Apps & roles" reason="Only workspace admins can change the catalog." />;
  }
  const { appId } = await params;
  return (
    <Suspense>
      <AppEditor appId={appId} />
    </Suspense>
  );
}
