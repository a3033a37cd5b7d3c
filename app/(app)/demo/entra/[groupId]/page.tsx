import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EntraGroupView } from "@/components/sandbox/entra-views";
import { entraGroupRow, entraUserRow } from "../../../_lib/entra-rows";
import { demoSandboxesOr404 } from "../../../_lib/sandboxes";

export const metadata: Metadata = { title: "Sandbox Entra ID group" };
export const dynamic = "force-dynamic";

export default async function SandboxEntraGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { graph } = await demoSandboxesOr404();
  const { groupId } = await params;
  const g = graph.state.groups.get(groupId);
  if (!g) notFound();
  const members = graph.state.memberIds(g.id)
    .map((id) => graph.state.users.get(id))
    .filter((u) => !!u)
    .sort((a, b) => (a.surname ?? "").localeCompare(b.surname ?? ""))
    .map((u) => entraUserRow(u));
  return <EntraGroupView url={graph.url} group={entraGroupRow(graph.state, g)} members={members} />;
}
