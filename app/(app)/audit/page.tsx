import { Suspense } from "react";
import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowed } from "@/components/ui/states";
import { Page } from "@/components/ui/page";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) {
    return (
      <Page>
        <NotAllowed area="the audit log" reason="The audit log is visible to admins and auditors." className="mt-10" />
      </Page>
    );
  }
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}
