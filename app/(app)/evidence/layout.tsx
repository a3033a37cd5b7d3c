import type { ReactNode } from "react";
import { readsEvidence } from "@/components/shell/access";
import { NotAllowedPage } from "@/components/ui/states";
import { getMe } from "../_lib/session";

/** Every Evidence page: auditors and admins only (the procedures refuse anyone else as well). */
export default async function EvidenceLayout({ children }: { children: ReactNode }) {
  const me = await getMe();
  if (!me) return null;
  if (!readsEvidence(me)) return <NotAllowedPage area="the evidence portal" reason="Evidence is visible to auditors and admins." />;
  return <>{children}</>;
}
