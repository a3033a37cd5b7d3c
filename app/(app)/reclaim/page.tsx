import { Suspense } from "react";
import type { Metadata } from "next";
import { ReclaimPage } from "@/components/reclaim/reclaim-page";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Auto Reclaim" };

/** Admins manage Auto Reclaim; auditors read it. */
export default async function ReclaimRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) {
    return <NotAllowedPage area="Auto Reclaim" reason="Auto Reclaim is visible to admins and auditors." />;
  }
  return (
    <Suspense>
      <ReclaimPage />
    </Suspense>
  );
}
