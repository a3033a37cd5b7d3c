import type { Metadata } from "next";
import { LifecyclePage } from "@/components/lifecycle/lifecycle-page";
import { readsAuditLog } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

export const metadata: Metadata = { title: "Lifecycle" };

/** Admins and auditors see every joiner, mover and leaver. */
export default async function LifecycleRoute() {
  const me = await getMe();
  if (!me) return null;
  if (!readsAuditLog(me)) {
    return <NotAllowedPage area="Lifecycle" reason="Joiners, movers and leavers are visible to admins and auditors." />;
  }
  return <LifecyclePage />;
}
