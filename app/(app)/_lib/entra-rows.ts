// Sandbox Entra ID (Graph) state → the plain rows the sandbox views render.
import type { SandboxUserRow } from "@/components/sandbox/views";
import type { SandboxEntraGroupRow } from "@/components/sandbox/entra-views";
import { refusalReason, type GraphGroup, type GraphState, type GraphUser } from "@/server/sandbox/graph/state";

export function entraUserRow(u: GraphUser, groups?: string[]): SandboxUserRow {
  return {
    id: u.id, name: u.displayName, login: u.userPrincipalName, title: u.jobTitle, department: u.department,
    status: u.accountEnabled ? "ACTIVE" : "SUSPENDED", groups,
  };
}

const KIND: Record<string, string> = { dynamic: "Dynamic", onPremises: "Synced from AD", mailEnabled: "Mail-enabled" };

export function entraGroupRow(state: GraphState, g: GraphGroup): SandboxEntraGroupRow {
  const refusal = refusalReason(g);
  const kind = refusal ? KIND[refusal]! : g.groupTypes.includes("Unified") ? "Microsoft 365" : "Security";
  return { id: g.id, name: g.displayName, kind, description: g.description, members: state.memberships.get(g.id)?.size ?? 0, rule: g.membershipRule };
}
