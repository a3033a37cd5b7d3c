import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { NoWorkspace } from "@/components/shell/no-workspace";
import { loadMe } from "./_lib/session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const r = await loadMe();
  if (r.kind === "signed-out") redirect("/");
  if (r.kind === "no-workspace") return <NoWorkspace email={r.email} />;
  return (
    <AppShell me={r.me} staleTenant={r.staleTenant}>
      {children}
    </AppShell>
  );
}
