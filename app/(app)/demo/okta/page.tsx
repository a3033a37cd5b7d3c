import type { Metadata } from "next";
import { OktaOverview } from "@/components/sandbox/views";
import { userRow } from "../../_lib/sandbox-rows";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";

export const metadata: Metadata = { title: "Sandbox Okta" };
export const dynamic = "force-dynamic";

export default async function SandboxOktaPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { okta } = await demoSandboxesOr404();
  const q = ((await searchParams).q ?? "").trim().slice(0, 100);
  const needle = q.toLowerCase();
  const state = okta.state;
  const groups = [...state.groups.values()]
    .filter((g) => !needle || g.profile.name.toLowerCase().includes(needle) || (g.profile.description ?? "").toLowerCase().includes(needle))
    .sort((a, b) => a.profile.name.localeCompare(b.profile.name))
    .map((g) => ({
      id: g.id, name: g.profile.name, type: g.type, description: g.profile.description, members: state.memberships.get(g.id)?.size ?? 0,
      lastMembershipUpdated: g.lastMembershipUpdated,
    }));
  const people = needle
    ? [...state.users.values()]
        .filter((u) => `${u.profile.firstName} ${u.profile.lastName} ${u.profile.login}`.toLowerCase().includes(needle))
        .sort((a, b) => a.profile.lastName.localeCompare(b.profile.lastName))
        .slice(0, 25)
        .map((u) => userRow(u, state.groupsOfUser(u.id).map((gid) => state.getGroup(gid)?.profile.name ?? gid).sort()))
    : [];
  const logs = state.logs.slice(-25).reverse().map((l) => ({
    id: l.uuid, published: l.published, message: l.displayMessage, eventType: l.eventType, actor: l.actor.displayName,
    targets: l.target.map((t) => t.displayName), outcome: l.outcome.result,
  }));
  return (
    <OktaOverview
      url={okta.url}
      org={state.org.companyName}
      counts={{ users: state.users.size, groups: state.groups.size, memberships: state.membershipCount }}
      q={q}
      groups={groups}
      people={people}
      logs={logs}
    />
  );
}
