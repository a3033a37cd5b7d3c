// Deterministic directory for the sandbox Entra tenant: the sandbox Okta generator's directory (same options +
// seed → the same people, groups and memberships), translated to Graph's shapes, so a benchmark of Entra syncs
// the same 10,000 people as the Okta benchmark. Okta DEPROVISIONED users are deleted users in Entra (not listed);
// SUSPENDED ones are accountEnabled:false; Okta APP_GROUPs (imported from AD) are on-premises-synced groups.

import { generateDirectory, type GenerateDirectoryOptions } from "../okta/generate.ts";
import type { OktaGroup, OktaUser } from "../okta/state.ts";
import { GraphState, guidFrom, signInAt, type GraphGroup, type GraphUser } from "./state.ts";

export interface GenerateGraphDirectoryOptions extends Omit<GenerateDirectoryOptions, "into" | "appGroupRatio"> {
  /** Share of groups that are synced from on-premises AD (read-only); default 0.1. */
  onPremisesRatio?: number;
  /** Share of the remaining groups that are dynamic (rule-based, read-only); default 0.05. */
  dynamicRatio?: number;
  /** Tenant licence: Entra ID P1/P2 (signInActivity readable). Default true. */
  premiumLicence?: boolean;
  into?: GraphState;
}

export function generateGraphDirectory(opts: GenerateGraphDirectoryOptions): GraphState {
  const okta = generateDirectory({ ...opts, appGroupRatio: opts.onPremisesRatio ?? 0.1, into: undefined });
  const state = opts.into ?? new GraphState();
  state.premiumLicence = opts.premiumLicence ?? true;
  const salt = `seed:${opts.seed ?? 1}`;
  const ids = new Map<string, string>();
  const idOf = (oktaId: string) => {
    let id = ids.get(oktaId);
    if (!id) ids.set(oktaId, (id = guidFrom(`${salt}:${oktaId}`)));
    return id;
  };

  for (const u of okta.users.values()) {
    if (u.status === "DEPROVISIONED") continue;
    state.insertUser(toGraphUser(u, idOf(u.id), u.profile.managerId ? idOf(u.profile.managerId) : null));
  }
  // Managers who were deleted (DEPROVISIONED) leave no manager behind, as in Entra.
  for (const u of state.users.values()) if (u.managerId && !state.users.has(u.managerId)) u.managerId = null;

  const dynamicRatio = opts.dynamicRatio ?? 0.05;
  let n = 0;
  for (const g of okta.groups.values()) {
    // Every 1/dynamicRatio-th changeable group is dynamic: deterministic without another random stream.
    const dynamic = g.type !== "APP_GROUP" && dynamicRatio > 0 && ++n % Math.max(1, Math.round(1 / dynamicRatio)) === 0;
    const group = toGraphGroup(g, idOf(g.id), dynamic);
    state.insertGroup(group);
    for (const uid of okta.memberships.get(g.id) ?? []) {
      const id = idOf(uid);
      if (state.users.has(id)) state.memberships.get(group.id)!.add(id);
    }
  }
  return state;
}

/** An Okta user as the same person in Entra ID (the sandbox's generated and demo directories both derive from Okta's). */
export function toGraphUser(u: OktaUser, id: string, managerId: string | null): GraphUser {
  const p = u.profile;
  return {
    id,
    displayName: `${p.firstName} ${p.lastName}`,
    givenName: p.firstName,
    surname: p.lastName,
    userPrincipalName: p.login,
    mail: p.email,
    accountEnabled: u.status !== "SUSPENDED",
    department: p.department ?? null,
    jobTitle: p.title ?? null,
    officeLocation: p.city ?? null,
    employeeId: p.employeeNumber ?? null,
    employeeType: p.userType ?? null,
    employeeHireDate: p.startDate ? `${p.startDate}T00:00:00Z` : null,
    employeeLeaveDateTime: null,
    createdDateTime: u.created,
    signInActivity: u.lastLogin ? signInAt(u.lastLogin) : null,
    managerId,
  };
}

function toGraphGroup(g: OktaGroup, id: string, dynamic: boolean): GraphGroup {
  const onPrem = g.type === "APP_GROUP";
  const name = String(g.profile.name);
  return {
    id,
    displayName: name,
    description: g.profile.description ?? null,
    groupTypes: dynamic ? ["DynamicMembership"] : [],
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: name.replace(/[^A-Za-z0-9]+/g, "").slice(0, 60) || "group",
    onPremisesSyncEnabled: onPrem ? true : null,
    membershipRule: dynamic ? `(user.department -eq "${name.split(" ")[0]}")` : null,
    membershipRuleProcessingState: dynamic ? "On" : null,
    createdDateTime: g.created,
  };
}
