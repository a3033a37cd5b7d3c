// In-memory state of the sandbox Entra ID tenant: users, groups, direct memberships, app registrations
// (client credentials) and the tenant's licence. Plain JSON-shaped objects, as Graph returns them.

import { createHash, randomUUID } from "node:crypto";

export interface GraphSignInActivity {
  lastSignInDateTime: string | null;
  lastSignInRequestId: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastNonInteractiveSignInRequestId: string | null;
  lastSuccessfulSignInDateTime: string | null;
  lastSuccessfulSignInRequestId: string | null;
}

export interface GraphUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
  department: string | null;
  jobTitle: string | null;
  officeLocation: string | null;
  employeeId: string | null;
  employeeType: string | null;
  employeeHireDate: string | null;
  employeeLeaveDateTime: string | null;
  createdDateTime: string;
  /** Null for someone who never signed in (Graph omits or nulls it). */
  signInActivity: GraphSignInActivity | null;
  /** Not a Graph property: the manager navigation (/users/{id}/manager), stored as an id. */
  managerId: string | null;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  description: string | null;
  /** "Unified" for Microsoft 365 groups, "DynamicMembership" for dynamic ones. */
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  mailNickname: string;
  /** True for groups synced from on-premises Active Directory (read-only through Graph). */
  onPremisesSyncEnabled: boolean | null;
  membershipRule: string | null;
  membershipRuleProcessingState: "On" | "Paused" | null;
  createdDateTime: string;
}

/** An app registration that may get app-only tokens (client_credentials with a client secret). */
export interface GraphApp {
  clientId: string;
  secret: string;
  displayName: string;
}

export interface AddGraphUserInput {
  /** The userPrincipalName. */
  login: string;
  firstName?: string;
  lastName?: string;
  department?: string | null;
  title?: string | null;
  accountEnabled?: boolean;
  managerId?: string | null;
  lastSignIn?: string | null;
  id?: string;
}

export interface AddGraphGroupInput {
  name: string;
  /** "security" (default, changeable), "dynamic", "onPremises" (synced from AD), "unified" (Microsoft 365). */
  kind?: "security" | "dynamic" | "onPremises" | "unified";
  membershipRule?: string;
  id?: string;
}

export const SANDBOX_TENANT_ID = "8f2d4c1e-5a6b-4c7d-9e0f-1a2b3c4d5e6f";
export const SANDBOX_APP: GraphApp = {
  clientId: "3c6e1b2a-7d8f-4e9a-b0c1-d2e3f4a5b6c7",
  secret: "sandbox~graph.client-secret_0123456789",
  displayName: "Gatehouse (sandbox)",
};

/** A GUID derived from a string: the same input always gives the same id. */
export function guidFrom(text: string): string {
  const h = createHash("sha1").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class GraphState {
  tenantId = SANDBOX_TENANT_ID;
  tenantName = "Contoso (sandbox)";
  /** Entra ID P1/P2: without it, selecting signInActivity is refused with 403 (as Graph does). */
  premiumLicence = true;
  apps: GraphApp[] = [SANDBOX_APP];
  readonly users = new Map<string, GraphUser>();
  readonly groups = new Map<string, GraphGroup>();
  /** groupId → member user ids (direct members only). */
  readonly memberships = new Map<string, Set<string>>();
  private readonly upns = new Set<string>();
  private sortedUserIds: string[] | null = null;
  private sortedGroupIds: string[] | null = null;
  /** Reference clock for created dates of users and groups added at run time. */
  clock: () => Date = () => new Date();

  insertUser(u: GraphUser): void {
    if (this.users.has(u.id)) throw new Error(`user ${u.id} already exists`);
    const upn = u.userPrincipalName.toLowerCase();
    if (this.upns.has(upn)) throw new Error(`userPrincipalName ${u.userPrincipalName} already exists`);
    this.users.set(u.id, u);
    this.upns.add(upn);
    this.sortedUserIds = null;
  }

  insertGroup(g: GraphGroup): void {
    if (this.groups.has(g.id)) throw new Error(`group ${g.id} already exists`);
    this.groups.set(g.id, g);
    this.memberships.set(g.id, new Set());
    this.sortedGroupIds = null;
  }

  addUser(input: AddGraphUserInput): GraphUser {
    const first = input.firstName ?? input.login.split("@")[0]!.split(".")[0] ?? "User";
    const last = input.lastName ?? "Sandbox";
    const at = input.lastSignIn ?? null;
    const user: GraphUser = {
      id: input.id ?? randomUUID(),
      displayName: `${first} ${last}`,
      givenName: first,
      surname: last,
      userPrincipalName: input.login,
      mail: input.login,
      accountEnabled: input.accountEnabled ?? true,
      department: input.department ?? null,
      jobTitle: input.title ?? null,
      officeLocation: null,
      employeeId: null,
      employeeType: "Employee",
      employeeHireDate: null,
      employeeLeaveDateTime: null,
      createdDateTime: this.clock().toISOString(),
      signInActivity: at ? signInAt(at) : null,
      managerId: input.managerId ?? null,
    };
    this.insertUser(user);
    return user;
  }

  addGroup(input: AddGraphGroupInput): GraphGroup {
    const kind = input.kind ?? "security";
    const nick = input.name.replace(/[^A-Za-z0-9]+/g, "").slice(0, 60) || "group";
    const group: GraphGroup = {
      id: input.id ?? randomUUID(),
      displayName: input.name,
      description: null,
      groupTypes: kind === "dynamic" ? ["DynamicMembership"] : kind === "unified" ? ["Unified"] : [],
      securityEnabled: kind !== "unified",
      mailEnabled: kind === "unified",
      mailNickname: nick,
      onPremisesSyncEnabled: kind === "onPremises" ? true : null,
      membershipRule: kind === "dynamic" ? input.membershipRule ?? '(user.department -eq "Engineering")' : null,
      membershipRuleProcessingState: kind === "dynamic" ? "On" : null,
      createdDateTime: this.clock().toISOString(),
    };
    this.insertGroup(group);
    return group;
  }

  /** Test control: adds a membership directly (no Graph rules applied). */
  addMembership(groupId: string, userId: string): boolean {
    this.mustGroup(groupId);
    this.mustUser(userId);
    const set = this.memberships.get(groupId)!;
    if (set.has(userId)) return false;
    set.add(userId);
    return true;
  }

  removeMembership(groupId: string, userId: string): boolean {
    return this.memberships.get(groupId)?.delete(userId) ?? false;
  }

  isMember(groupId: string, userId: string): boolean {
    return this.memberships.get(groupId)?.has(userId) ?? false;
  }

  mustUser(id: string): GraphUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  }

  mustGroup(id: string): GraphGroup {
    const g = this.groups.get(id);
    if (!g) throw new Error(`no group ${id}`);
    return g;
  }

  /** User ids in a stable order (Graph pages in its own stable order; ours is by id). */
  userIds(): string[] {
    if (!this.sortedUserIds) this.sortedUserIds = [...this.users.keys()].sort();
    return this.sortedUserIds;
  }

  groupIds(): string[] {
    if (!this.sortedGroupIds) this.sortedGroupIds = [...this.groups.keys()].sort();
    return this.sortedGroupIds;
  }

  /** Groups whose user ids are sorted, for paging members. */
  memberIds(groupId: string): string[] {
    return [...(this.memberships.get(groupId) ?? [])].sort();
  }

  /** Groups a user is a direct member of, sorted by id. */
  groupsOf(userId: string): string[] {
    return this.groupIds().filter((gid) => this.memberships.get(gid)!.has(userId));
  }
}

/** Why Graph refuses to change this group's members through the API, or null when it can. */
export function refusalReason(g: GraphGroup): string | null {
  if (g.groupTypes.includes("DynamicMembership")) return "dynamic";
  if (g.onPremisesSyncEnabled) return "onPremises";
  if (g.mailEnabled && !g.groupTypes.includes("Unified")) return "mailEnabled";
  return null;
}

export function signInAt(iso: string): GraphSignInActivity {
  const rid = guidFrom(`signin:${iso}`);
  return {
    lastSignInDateTime: iso,
    lastSignInRequestId: rid,
    lastNonInteractiveSignInDateTime: iso,
    lastNonInteractiveSignInRequestId: rid,
    lastSuccessfulSignInDateTime: iso,
    lastSuccessfulSignInRequestId: rid,
  };
}
