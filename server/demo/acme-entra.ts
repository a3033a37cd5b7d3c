import { GraphState, guidFrom } from "../sandbox/graph/state.ts";
import { toGraphUser } from "../sandbox/graph/generate.ts";
import { DEMO_DOMAIN, buildAcmeDirectory } from "./acme-directory.ts";

// Acme's Entra ID tenant (Microsoft 365 side of the company): the same people as Acme's Okta, with the same
// emails, so Gatehouse matches a person across both directories (createGrant looks the person up by email in
// the group's directory). A few Microsoft groups, one of them dynamic (Graph refuses member changes there).

export const ACME_ENTRA_TENANT_NAME = "Acme (sandbox)";

type EntraGroupSpec = { name: string; description: string; kind: "security" | "unified" | "dynamic"; rule?: string; members: string[] | "department:Engineering" };

export const ACME_ENTRA_GROUPS: EntraGroupSpec[] = [
  { name: "Power BI Pro", description: "Power BI: Pro licence (publish and share reports)", kind: "security", members: ["paul.meyer", "laura.jensen", "henry.adams"] },
  { name: "Azure DevOps Contributors", description: "Azure DevOps: contributors of the acme organisation", kind: "security", members: ["riley.chen", "sam.rivera", "noah.patel", "isla.fraser"] },
  { name: "Finance Team", description: "Microsoft 365 group: the finance team's Teams channel and SharePoint site", kind: "unified", members: ["paul.meyer", "laura.jensen", "samir.khan", "julia.novak", "henry.adams", "maya.lopez"] },
  { name: "All Engineering", description: "Everyone in Engineering (dynamic membership)", kind: "dynamic", rule: '(user.department -eq "Engineering")', members: "department:Engineering" },
];

/** A sandbox Graph tenant with Acme's people (same emails as the demo's Okta), managers and the groups above. */
export function buildAcmeEntraDirectory(state = new GraphState()): GraphState {
  state.tenantName = ACME_ENTRA_TENANT_NAME;
  const okta = buildAcmeDirectory();
  const idOf = (email: string) => guidFrom(`acme-entra:${email.toLowerCase()}`);
  const byLogin = new Map<string, string>();
  for (const u of okta.users.values()) {
    if (u.status === "DEPROVISIONED") continue;
    const p = u.profile;
    const id = idOf(p.email);
    byLogin.set(p.login.split("@")[0]!, id);
    state.insertUser(toGraphUser(u, id, typeof p.manager === "string" ? idOf(p.manager) : null));
  }
  for (const u of state.users.values()) if (u.managerId && !state.users.has(u.managerId)) u.managerId = null;

  for (const g of ACME_ENTRA_GROUPS) {
    const group = state.addGroup({ name: g.name, kind: g.kind, membershipRule: g.rule, id: guidFrom(`acme-entra-group:${g.name}`) });
    group.description = g.description;
    const members = g.members === "department:Engineering"
      ? [...state.users.values()].filter((u) => u.department === "Engineering").map((u) => u.id)
      : g.members.map((login) => {
          const id = byLogin.get(login);
          if (!id) throw new Error(`Acme Entra group ${g.name}: no person ${login}@${DEMO_DOMAIN}`);
          return id;
        });
    for (const id of members) state.addMembership(group.id, id);
  }
  return state;
}

interface GraphStateJson {
  version: 1;
  tenantId: string;
  tenantName: string;
  premiumLicence: boolean;
  apps: GraphState["apps"];
  users: ReturnType<GraphState["users"]["get"]>[];
  groups: ReturnType<GraphState["groups"]["get"]>[];
  memberships: [string, string[]][];
}

/** The tenant as JSON, to keep the demo's sandbox Entra across restarts. */
export function graphStateToJson(state: GraphState): string {
  const data: GraphStateJson = {
    version: 1, tenantId: state.tenantId, tenantName: state.tenantName, premiumLicence: state.premiumLicence, apps: state.apps,
    users: [...state.users.values()], groups: [...state.groups.values()],
    memberships: [...state.memberships].map(([gid, ids]) => [gid, [...ids]]),
  };
  return JSON.stringify(data);
}

export function graphStateFromJson(text: string): GraphState {
  const data = JSON.parse(text) as GraphStateJson;
  if (data.version !== 1) throw new Error("Unsupported sandbox Entra state version");
  const state = new GraphState();
  Object.assign(state, { tenantId: data.tenantId, tenantName: data.tenantName, premiumLicence: data.premiumLicence, apps: data.apps });
  for (const u of data.users) state.insertUser(u!);
  for (const g of data.groups) state.insertGroup(g!);
  for (const [gid, ids] of data.memberships) for (const id of ids) state.addMembership(gid, id);
  return state;
}
