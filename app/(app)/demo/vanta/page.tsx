import type { Metadata } from "next";
import { VantaOverview } from "@/components/sandbox/vanta-views";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";

export const metadata: Metadata = { title: "Sandbox Vanta" };
export const dynamic = "force-dynamic";

/** What the sandbox Vanta holds: the accounts Gatehouse pushed and the evidence files it uploaded. */
export default async function SandboxVantaPage() {
  const { vanta } = await demoSandboxesOr404();
  const view = vanta.state.view();
  return <VantaOverview url={vanta.url} resources={view.resources} documents={view.documents} />;
}
