import { Suspense } from "react";
import type { Metadata } from "next";
import { DriftPage } from "@/components/drift/drift-page";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Drift" };

/** Admins act on drift; auditors read it. */
export default async function DriftRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) {
    return <NotAllowedPage area="Drift" reason="Drift is visible to admins and auditors." />;
  }
  return (
    <Suspense>
      <DriftPage />
    </Suspense>
  );
}
