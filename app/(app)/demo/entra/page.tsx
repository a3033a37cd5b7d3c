import type { Metadata } from "next";
import { EntraOverview } from "@/components/sandbox/entra-views";
import { entraGroupRow, entraUserRow } from "../../_lib/entra-rows";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";

export const metadata: Metadata = { title: "Sandbox Entra ID" };
export const dynamic = "force-dynamic";

/** The sandbox Entra ID: how to connect it, its groups, and (searching) its people with their groups. */
export default async function SandboxEntraPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { graph } = await demoSandboxesOr404();
  const q = ((await searchParams).q ?? "").trim().slice(0, 100);
  const needle = q.toLowerCase();
  const state = graph.state;
  const groups = [...state.groups.values()]
    .filter((g) => !needle || g.displayName.toLowerCase().includes(needle) || (g.description ?? "").toLowerCase().includes(needle))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((g) => entraGroupRow(state, g));
  const people = needle
    ? [...state.users.values()]
        .filter((u) => `${u.displayName} ${u.userPrincipalName}`.toLowerCase().includes(needle))
        .sort((a, b) => (a.surname ?? "").localeCompare(b.surname ?? ""))
        .slice(0, 25)
        .map((u) => entraUserRow(u, state.groupsOf(u.id).map((gid) => state.groups.get(gid)?.displayName ?? gid).sort()))
    : [];
  let memberships = 0;
  for (const set of state.memberships.values()) memberships += set.size;
  return (
    <EntraOverview
      url={graph.url}
      tenant={state.tenantName}
      counts={{ users: state.users.size, groups: state.groups.size, memberships }}
      connect={{ tenantId: graph.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, graphUrl: graph.url, authorityUrl: graph.url, ca: graph.ca }}
      q={q}
      groups={groups}
      people={people}
    />
  );
}
