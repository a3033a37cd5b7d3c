import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OktaGroupView } from "@/components/sandbox/views";
import { demoSandboxesOr404 } from "../../../_lib/sandboxes";
import { userRow } from "../../../_lib/sandbox-rows";

export const metadata: Metadata = { title: "Sandbox Okta group" };
export const dynamic = "force-dynamic";

export default async function SandboxOktaGroupPage({ params, searchParams }: { params: Promise<{ groupId: string }>; searchParams: Promise<{ q?: string }> }) {
  const { okta } = await demoSandboxesOr404();
  const { groupId } = await params;
  const q = ((await searchParams).q ?? "").trim().slice(0, 100);
  const g = okta.state.getGroup(groupId);
  if (!g) notFound();
  const all = okta.state.sortedMembers(g.id).map((id) => okta.state.getUser(id)).filter((u) => !!u);
  const needle = q.toLowerCase();
  const members = all
    .filter((u) => !needle || `${u.profile.firstName} ${u.profile.lastName} ${u.profile.login} ${u.profile.title ?? ""}`.toLowerCase().includes(needle))
    .sort((a, b) => a.profile.lastName.localeCompare(b.profile.lastName))
    .map((u) => userRow(u));
  return (
    <OktaGroupView
      url={okta.url}
      q={q}
      total={all.length}
      members={members}
      group={{
        id: g.id, name: g.profile.name, type: g.type, description: g.profile.description, members: all.length,
        lastMembershipUpdated: g.lastMembershipUpdated, created: g.created,
      }}
    />
  );
}
