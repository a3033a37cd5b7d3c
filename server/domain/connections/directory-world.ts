// One small directory, the same people and groups in each of the Entra ID, Google Workspace and SCIM 2.0
// sandboxes, behind a kind-neutral handle: what a feature test needs to change in the directory (disable
// someone, move them, add a member by hand, record a sign-in), to read it back there, and to make the
// sandbox fail. Tests reach Gatehouse only through the connection saved with `input`.

import { afterAll } from "vitest";
import { startGraphSandbox, GraphState, signInAt, type GraphSandbox } from "../../sandbox/graph/index.ts";
import { startGoogleSandbox, GoogleState, type GoogleSandbox } from "../../sandbox/google/index.ts";
import { ENTERPRISE_USER, ScimState, startScimSandbox, type ScimSandbox } from "../../sandbox/scim/index.ts";
import type { ConnectionInputRaw as SaveConnectionInput } from "./schemas.ts";

export type FeatureKind = "ENTRA" | "GOOGLE" | "SCIM";

export interface PersonSeed {
  login: string;
  department: string;
  /** ISO time of the last sign-in, or null for never (ignored by SCIM, which has no such attribute). */
  lastLogin?: string | null;
  /** The login of their manager, listed earlier. */
  manager?: string;
}

/** The directory every kind gets: managed groups for roles, and groups Gatehouse must never change. */
export const MANAGED_GROUPS = ["figma-editors", "platform-tools", "design-tools", "crm-users", "wiki-users"] as const;

export interface FeatureDirectory {
  kind: FeatureKind;
  /** Saved through saveConnection: the same input the Connections page sends. */
  input: SaveConnectionInput;
  /** Names of groups the directory will not let anyone change through its API (dynamic, synced, read-only). */
  unmanagedGroups: string[];
  /** Whether the directory reports a last sign-in per person. */
  lastLogin: boolean;
  userId(login: string): string;
  groupId(name: string): string;
  isMember(group: string, login: string): boolean;
  /** A membership added in the directory by hand (not through Gatehouse). */
  addMemberByHand(group: string, login: string): void;
  disable(login: string): void;
  isDisabled(login: string): boolean;
  setDepartment(login: string, department: string): void;
  setLastLogin(login: string, iso: string | null): void;
  /** Entra only: the HR leave date (employeeLeaveDateTime); Google and SCIM have no such attribute. */
  setLeaveDate?(login: string, iso: string): void;
  /** Every request the sandbox received, as "METHOD /path" (no query). */
  requestLines(): string[];
  /** Answers the next `times` membership removals with `status`. */
  failRemovals(status: number, times: number): void;
  /** Faults queued that have not fired yet. */
  pendingFaults(): number;
  clearFaults(): void;
  /** Membership removals the sandbox received (faults included). */
  removalRequests(): number;
}

export async function startFeatureDirectory(kind: FeatureKind, people: PersonSeed[], clock: () => Date): Promise<FeatureDirectory> {
  const d = kind === "ENTRA" ? await entra(people, clock) : kind === "GOOGLE" ? await google(people, clock) : await scim(people, clock);
  return d;
}

const removal = {
  ENTRA: /^DELETE \/v1\.0\/groups\/[^/]+\/members\/[^/]+\/\$ref$/,
  GOOGLE: /^DELETE \/groups\/[^/]+\/members\/[^/]+$/,
  SCIM: /^PATCH \/Groups\/[^/]+$/,
};

async function entra(people: PersonSeed[], clock: () => Date): Promise<FeatureDirectory> {
  const state = new GraphState();
  state.clock = clock;
  const users = new Map<string, ReturnType<GraphState["addUser"]>>();
  for (const p of people) {
    users.set(p.login, state.addUser({ login: p.login, department: p.department, title: "Staff", lastSignIn: p.lastLogin ?? null, managerId: p.manager ? users.get(p.manager)!.id : null }));
  }
  const groups = new Map<string, string>();
  for (const name of MANAGED_GROUPS) groups.set(name, state.addGroup({ name }).id);
  groups.set("All staff (dynamic)", state.addGroup({ name: "All staff (dynamic)", kind: "dynamic" }).id);
  groups.set("AD: Domain Users", state.addGroup({ name: "AD: Domain Users", kind: "onPremises" }).id);
  const sandbox: GraphSandbox = await startGraphSandbox({ state });
  afterAll(() => sandbox.stop());
  const u = (login: string) => users.get(login)!;
  return {
    kind: "ENTRA",
    input: {
      kind: "ENTRA", name: "Entra ID", tenantId: sandbox.tenantId, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret,
      graphUrl: sandbox.url, authorityUrl: sandbox.url, ca: sandbox.ca,
    } as SaveConnectionInput,
    unmanagedGroups: ["All staff (dynamic)", "AD: Domain Users"],
    lastLogin: true,
    userId: (login) => u(login).id,
    groupId: (name) => groups.get(name)!,
    isMember: (group, login) => state.isMember(groups.get(group)!, u(login).id),
    addMemberByHand: (group, login) => void state.addMembership(groups.get(group)!, u(login).id),
    disable: (login) => void (u(login).accountEnabled = false),
    isDisabled: (login) => u(login).accountEnabled === false,
    setDepartment: (login, department) => void (u(login).department = department),
    setLastLogin: (login, iso) => void (u(login).signInActivity = iso ? signInAt(iso) : null),
    setLeaveDate: (login, iso) => void (u(login).employeeLeaveDateTime = iso),
    requestLines: () => sandbox.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`),
    failRemovals: (status, times) => sandbox.faults.inject({ status, times, match: removal.ENTRA }),
    pendingFaults: () => sandbox.faults.pending(),
    clearFaults: () => sandbox.faults.clear(),
    removalRequests: () => sandbox.requests.filter((r) => removal.ENTRA.test(`${r.method} ${r.url.split("?")[0]}`)).length,
  };
}

async function google(people: PersonSeed[], clock: () => Date): Promise<FeatureDirectory> {
  const state = new GoogleState("example.com", 3, clock);
  const users = new Map(people.map((p) => [p.login, state.addUser({ login: p.login, department: p.department, title: "Staff", lastLoginTime: p.lastLogin ?? null, managerEmail: p.manager ?? null })]));
  const groups = new Map<string, string>();
  for (const name of MANAGED_GROUPS) groups.set(name, state.addGroup({ name }).id);
  // Google's analogue of a group Gatehouse may not change: one a user created (adminCreated: false).
  groups.set("Book club (user-created)", state.addGroup({ name: "Book club (user-created)", adminCreated: false }).id);
  const sandbox: GoogleSandbox = await startGoogleSandbox({ state });
  afterAll(() => sandbox.stop());
  const u = (login: string) => users.get(login)!;
  return {
    kind: "GOOGLE",
    input: { kind: "GOOGLE", name: "Google Workspace", adminEmail: "admin@example.com", authMode: "accessToken", accessToken: sandbox.token, rootUrl: sandbox.url } as SaveConnectionInput,
    unmanagedGroups: ["Book club (user-created)"],
    lastLogin: true,
    userId: (login) => u(login).id,
    groupId: (name) => groups.get(name)!,
    isMember: (group, login) => state.isMember(groups.get(group)!, u(login).id),
    addMemberByHand: (group, login) => void state.insertMembership(groups.get(group)!, u(login).id),
    disable: (login) => void (u(login).suspended = true),
    isDisabled: (login) => u(login).suspended,
    setDepartment: (login, department) => void (u(login).organizations = [{ ...(u(login).organizations?.[0] ?? {}), department, primary: true }]),
    setLastLogin: (login, iso) => void (u(login).lastLoginTime = iso ?? "1970-01-01T00:00:00.000Z"),
    requestLines: () => sandbox.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`),
    failRemovals: (status, times) => sandbox.faults.inject({ status, times, match: removal.GOOGLE }),
    pendingFaults: () => sandbox.faults.pending(),
    clearFaults: () => sandbox.faults.clear(),
    removalRequests: () => sandbox.requests.filter((r) => removal.GOOGLE.test(`${r.method} ${r.url.split("?")[0]}`)).length,
  };
}

async function scim(people: PersonSeed[], clock: () => Date): Promise<FeatureDirectory> {
  const state = new ScimState(5);
  state.clock = clock;
  const users = new Map<string, ReturnType<ScimState["addUser"]>>();
  for (const p of people) users.set(p.login, state.addUser({ userName: p.login, department: p.department, title: "Staff", managerId: p.manager ? users.get(p.manager)!.id : null }));
  const groups = new Map<string, string>();
  for (const name of MANAGED_GROUPS) groups.set(name, state.addGroup({ displayName: name }).id);
  groups.set("AD: Domain Users", state.addGroup({ displayName: "AD: Domain Users", readOnly: { source: "Active Directory", reason: "Synced from Active Directory" } }).id);
  const sandbox: ScimSandbox = await startScimSandbox({ state });
  afterAll(() => sandbox.stop());
  const id = (login: string) => users.get(login)!.id;
  return {
    kind: "SCIM",
    input: { kind: "SCIM", name: "SCIM directory", baseUrl: sandbox.url, token: sandbox.token } as SaveConnectionInput,
    unmanagedGroups: ["AD: Domain Users"],
    lastLogin: false,
    userId: id,
    groupId: (name) => groups.get(name)!,
    isMember: (group, login) => state.isMember(groups.get(group)!, id(login)),
    addMemberByHand: (group, login) => void state.addMember(groups.get(group)!, id(login)),
    disable: (login) => void state.setActive(id(login), false),
    isDisabled: (login) => !state.isActive(id(login)),
    setDepartment: (login, department) => {
      const data = state.mustUser(id(login)).data;
      state.writeUser(id(login), { ...data, [ENTERPRISE_USER]: { ...((data[ENTERPRISE_USER] as object | undefined) ?? {}), department } });
    },
    setLastLogin: () => undefined, // SCIM has no last sign-in attribute
    requestLines: () => sandbox.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`),
    failRemovals: (status, times) => sandbox.faults.inject({ status, times, match: removal.SCIM }),
    pendingFaults: () => sandbox.faults.pending(),
    clearFaults: () => sandbox.faults.clear(),
    removalRequests: () => sandbox.requests.filter((r) => removal.SCIM.test(`${r.method} ${r.url.split("?")[0].replace(/^\/scim\/v2/, "")}`)).length,
  };
}
