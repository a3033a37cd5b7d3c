import { Suspense } from "react";
import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) {
    return <NotAllowedPage area="the audit log" reason="The audit log is visible to admins and auditors." />;
  }
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}
