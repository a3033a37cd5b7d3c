// In-memory state of the sandbox Okta org: users, groups, memberships, group rules, System Log
// events and OAuth service apps. Everything is plain JSON so the demo can persist it to a file.

import { randomUUID } from "node:crypto";
import type { OktaEventHook } from "./event-hooks.ts";

export type OktaUserStatus =
  | "STAGED"
  | "PROVISIONED"
  | "ACTIVE"
  | "RECOVERY"
  | "PASSWORD_EXPIRED"
  | "LOCKED_OUT"
  | "SUSPENDED"
  | "DEPROVISIONED";

export const USER_STATUSES: readonly OktaUserStatus[] = [
  "STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED",
];

export interface OktaUserProfile {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  title?: string | null;
  department?: string | null;
  /** Our sandbox uses `city` as the person's location. */
  city?: string | null;
  manager?: string | null;
  managerId?: string | null;
  employeeNumber?: string | null;
  userType?: string | null;
  /** Custom attributes (YYYY-MM-DD). */
  startDate?: string | null;
  terminationDate?: string | null;
  [custom: string]: unknown;
}

export interface OktaUser {
  id: string;
  status: OktaUserStatus;
  transitioningToStatus: string | null;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  type: { id: string };
  profile: OktaUserProfile;
  credentials: { provider: { type: string; name: string } };
}

export type OktaGroupType = "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";

export interface OktaGroup {
  id: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: OktaGroupType;
  profile: { name: string; description: string | null; [k: string]: unknown };
  /** APP_GROUP only: the app (e.g. Active Directory) the group is imported from. */
  source?: { id: string };
}

export interface OktaGroupRule {
  id: string;
  type: "group_rule";
  status: "ACTIVE" | "INACTIVE" | "INVALID";
  name: string;
  created: string;
  lastUpdated: string;
  conditions: { expression: { value: string; type: string }; people?: unknown };
  actions: { assignUserToGroups: { groupIds: string[] } };
}

export interface OktaLogActor {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: unknown;
}

export interface OktaLogTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
  detailEntry?: unknown;
}

export interface OktaLogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: "DEBUG" | "INFO" | "WARN" | "ERROR";
  legacyEventType: string | null;
  displayMessage: string;
  actor: OktaLogActor;
  client: { userAgent: { rawUserAgent: string; os: string; browser: string } | null; zone: string; device: string | null; id: string | null; ipAddress: string | null; geographicalContext: unknown };
  outcome: { result: "SUCCESS" | "FAILURE" | "SKIPPED" | "ALLOW" | "DENY" | "CHALLENGE" | "UNKNOWN"; reason: string | null };
  target: OktaLogTarget[];
  transaction: { type: string; id: string; detail: Record<string, unknown> };
  debugContext: { debugData: Record<string, unknown> };
  authenticationContext: Record<string, unknown>;
  securityContext: Record<string, unknown>;
}

export interface OktaOAuthClient {
  clientId: string;
  /** Public keys (JWK) the client signs its assertion with. */
  jwks: JsonWebKey[];
  /** Scopes the org granted to the service app. */
  scopes: string[];
}

export interface OktaStateJSON {
  version: 1;
  seq: number;
  org: { id: string; companyName: string; subdomain: string };
  users: OktaUser[];
  groups: OktaGroup[];
  /** groupId → userIds */
  memberships: Record<string, string[]>;
  rules: OktaGroupRule[];
  logs: OktaLogEvent[];
  oauthClients: OktaOAuthClient[];
  /** Event hooks (event-hooks.ts); absent in files saved before they existed. */
  eventHooks?: OktaEventHook[];
}

export const SANDBOX_ADMIN: OktaLogActor = {
  id: "00usandboxadmin00001",
  type: "User",
  alternateId: "admin@sandbox.gatehouse.test",
  displayName: "Sandbox Admin",
};

const SYSTEM_ACTOR: OktaLogActor = { id: "0oa1system000000000", type: "PublicClientApp", alternateId: "system", displayName: "Okta System" };

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Deterministic id like Okta's: prefix (00u, 00g, 0pr…) + 17 base62 chars, derived from a sequence number. */
export function oktaId(prefix: string, seq: number, salt = 0): string {
  // splitmix32-style scramble so ids look random but are stable for a given seq/salt.
  let h = (seq * 0x9e3779b1 + salt * 0x85ebca6b + prefix.charCodeAt(2) * 0xc2b2ae35) >>> 0;
  let s = "";
  for (let i = 0; i < 17; i++) {
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    h = Math.imul(h, 0x297a2d39) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    s += B62[h % 62];
    h = (h + seq + i) >>> 0;
  }
  // Keep the sequence in the id so two sequences never collide.
  const tail = seq.toString(36);
  return (prefix + s).slice(0, 20 - tail.length) + tail;
}

function nowIso(clock: () => Date): string {
  return clock().toISOString();
}

export interface AddUserInput {
  id?: string;
  login: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  title?: string | null;
  department?: string | null;
  city?: string | null;
  manager?: string | null;
  managerId?: string | null;
  employeeNumber?: string | null;
  userType?: string | null;
  startDate?: string | null;
  terminationDate?: string | null;
  status?: OktaUserStatus;
  created?: string;
  lastLogin?: string | null;
  profile?: Record<string, unknown>;
}

export interface AddGroupInput {
  id?: string;
  name: string;
  description?: string | null;
  type?: OktaGroupType;
  /** APP_GROUP: the source app id. */
  sourceAppId?: string;
  created?: string;
  profile?: Record<string, unknown>;
}

export interface MutationOptions {
  /** Who made the change, for System Log events; default the sandbox admin. */
  actor?: OktaLogActor;
  /** Write a System Log event (default true). */
  log?: boolean;
}

type Listener = () => void;

export class OktaState {
  readonly users = new Map<string, OktaUser>();
  readonly groups = new Map<string, OktaGroup>();
  /** groupId → member userIds */
  readonly memberships = new Map<string, Set<string>>();
  readonly rules = new Map<string, OktaGroupRule>();
  /** Sorted by `published` ascending. */
  readonly logs: OktaLogEvent[] = [];
  readonly oauthClients = new Map<string, OktaOAuthClient>();
  /** Registered event hooks (managed by OktaEventHooks). */
  readonly eventHooks: OktaEventHook[] = [];
  org = { id: "00o1sandbox0000000001", companyName: "Gatehouse Sandbox", subdomain: "sandbox" };

  /** Clock for timestamps of changes (tests may replace it). */
  clock: () => Date = () => new Date();

  private seq = 0;
  private readonly byLogin = new Map<string, string>();
  /** userId → groupIds; built on first use (bulk loads skip it), then kept up to date. */
  private userGroupsIndex: Map<string, Set<string>> | null = null;
  private sortedUsersCache: OktaUser[] | null = null;
  private sortedGroupsCache: OktaGroup[] | null = null;
  private readonly sortedMembersCache = new Map<string, string[]>();
  private readonly listeners = new Set<Listener>();
  private readonly logIndex = new Map<string, number>();
  private readonly logListeners = new Set<(event: OktaLogEvent) => void>();

  // ---------- change notification ----------

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const l of this.listeners) l();
  }

  /** Called with every System Log event as it is recorded (event hooks deliver them). */
  onLogEvent(listener: (event: OktaLogEvent) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Marks the state changed (for persistence) after an edit made outside this class, e.g. to an event hook. */
  touch() {
    this.changed();
  }

  nextId(prefix: string): string {
    this.seq++;
    let id = oktaId(prefix, this.seq);
    while (this.users.has(id) || this.groups.has(id) || this.rules.has(id)) id = oktaId(prefix, ++this.seq);
    return id;
  }

  // ---------- reads ----------

  /** By id, or by login (case-insensitive), like GET /api/v1/users/{idOrLogin}. */
  getUser(idOrLogin: string): OktaUser | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) return byId;
    const id = this.byLogin.get(idOrLogin.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  getGroup(id: string): OktaGroup | undefined {
    return this.groups.get(id);
  }

  isMember(groupId: string, userId: string): boolean {
    return this.memberships.get(groupId)?.has(userId) ?? false;
  }

  /** Users in id order (Okta's list order). */
  sortedUsers(): OktaUser[] {
    if (!this.sortedUsersCache) this.sortedUsersCache = [...this.users.values()].sort((a, b) => cmp(a.id, b.id));
    return this.sortedUsersCache;
  }

  sortedGroups(): OktaGroup[] {
    if (!this.sortedGroupsCache) this.sortedGroupsCache = [...this.groups.values()].sort((a, b) => cmp(a.id, b.id));
    return this.sortedGroupsCache;
  }

  /** Member ids of a group, sorted by id. */
  sortedMembers(groupId: string): string[] {
    let cached = this.sortedMembersCache.get(groupId);
    if (!cached) {
      cached = [...(this.memberships.get(groupId) ?? [])].sort(cmp);
      this.sortedMembersCache.set(groupId, cached);
    }
    return cached;
  }

  /** Group ids the user is a direct member of, sorted by id. */
  groupsOfUser(userId: string): string[] {
    return [...(this.userGroups().get(userId) ?? [])].sort(cmp);
  }

  private userGroups(): Map<string, Set<string>> {
    if (!this.userGroupsIndex) {
      const index = new Map<string, Set<string>>();
      for (const [gid, members] of this.memberships) {
        for (const uid of members) {
          let set = index.get(uid);
          if (!set) index.set(uid, (set = new Set()));
          set.add(gid);
        }
      }
      this.userGroupsIndex = index;
    }
    return this.userGroupsIndex;
  }

  get membershipCount(): number {
    let n = 0;
    for (const s of this.memberships.values()) n += s.size;
    return n;
  }

  // ---------- writes ----------

  addUser(input: AddUserInput, opts: MutationOptions = {}): OktaUser {
    const login = input.login;
    if (!login) throw new Error("addUser: login is required");
    if (this.byLogin.has(login.toLowerCase())) throw new Error(`addUser: login ${login} already exists`);
    const id = input.id ?? this.nextId("00u");
    if (this.users.has(id)) throw new Error(`addUser: id ${id} already exists`);
    const ts = input.created ?? nowIso(this.clock);
    const status = input.status ?? "ACTIVE";
    const local = login.split("@")[0];
    const profile: OktaUserProfile = {
      ...(input.profile ?? {}),
      login,
      email: input.email ?? login,
      firstName: input.firstName ?? capitalise(local.split(".")[0] ?? local),
      lastName: input.lastName ?? capitalise(local.split(".")[1] ?? "User"),
    };
    for (const key of ["title", "department", "city", "manager", "managerId", "employeeNumber", "userType", "startDate", "terminationDate"] as const) {
      if (input[key] !== undefined) profile[key] = input[key];
    }
    const user: OktaUser = {
      id,
      status,
      transitioningToStatus: null,
      created: ts,
      activated: status === "STAGED" ? null : ts,
      statusChanged: status === "ACTIVE" || status === "STAGED" ? null : ts,
      lastLogin: input.lastLogin ?? null,
      lastUpdated: ts,
      passwordChanged: null,
      type: { id: "oty1sandboxdefault001" },
      profile,
      credentials: { provider: { type: "OKTA", name: "OKTA" } },
    };
    this.insertUser(user);
    if (opts.log !== false) {
      this.log("user.lifecycle.create", `Create Okta user`, [userTarget(user)], opts.actor);
    }
    this.changed();
    return user;
  }

  /** Inserts a fully-formed user (used by fromJSON and generateDirectory). */
  insertUser(user: OktaUser): void {
    this.users.set(user.id, user);
    this.byLogin.set(user.profile.login.toLowerCase(), user.id);
    this.sortedUsersCache = null;
  }

  updateUserProfile(userId: string, patch: Partial<OktaUserProfile>, opts: MutationOptions = {}): OktaUser {
    const user = this.mustUser(userId);
    if (patch.login && patch.login.toLowerCase() !== user.profile.login.toLowerCase()) {
      if (this.byLogin.has(patch.login.toLowerCase())) throw new Error(`login ${patch.login} already exists`);
      this.byLogin.delete(user.profile.login.toLowerCase());
      this.byLogin.set(patch.login.toLowerCase(), user.id);
    }
    user.profile = { ...user.profile, ...patch } as OktaUserProfile;
    user.lastUpdated = nowIso(this.clock);
    if (opts.log !== false) this.log("user.account.update_profile", "Update user profile for Okta", [userTarget(user)], opts.actor);
    this.changed();
    return user;
  }

  /** Sets a status directly (no lifecycle rules): for tests and the demo. */
  setStatus(userId: string, status: OktaUserStatus, opts: MutationOptions = {}): OktaUser {
    const user = this.mustUser(userId);
    if (user.status === status) return user;
    const ts = nowIso(this.clock);
    const previous = user.status;
    user.status = status;
    user.statusChanged = ts;
    user.lastUpdated = ts;
    if (status === "ACTIVE" && !user.activated) user.activated = ts;
    if (opts.log !== false) {
      const eventType =
        status === "SUSPENDED" ? "user.lifecycle.suspend"
        : status === "DEPROVISIONED" ? "user.lifecycle.deactivate"
        : status === "ACTIVE" && previous === "SUSPENDED" ? "user.lifecycle.unsuspend"
        : status === "ACTIVE" ? "user.lifecycle.activate"
        : "user.lifecycle.update";
      this.log(eventType, `${eventType.split(".").pop()} Okta user`, [userTarget(user)], opts.actor);
    }
    this.changed();
    return user;
  }

  /** Records a sign-in (sets lastLogin and logs user.session.start). */
  recordLogin(userId: string, at?: Date): OktaUser {
    const user = this.mustUser(userId);
    const ts = (at ?? this.clock()).toISOString();
    user.lastLogin = ts;
    this.log("user.session.start", "User login to Okta", [], { id: user.id, type: "User", alternateId: user.profile.login, displayName: displayName(user) }, ts);
    this.changed();
    return user;
  }

  /**
   * Records a single sign-on into an app (user.authentication.sso with an AppInstance target whose id is
   * the app id), which is what per-app last-use tracking reads from the System Log.
   */
  recordAppSignIn(appId: string, userId: string, at?: Date, appName = appId): OktaLogEvent {
    const user = this.mustUser(userId);
    return this.addLogEvent({
      eventType: "user.authentication.sso",
      displayMessage: "User single sign on to app",
      published: (at ?? this.clock()).toISOString(),
      actor: { id: user.id, type: "User", alternateId: user.profile.login, displayName: displayName(user) },
      target: [{ id: appId, type: "AppInstance", alternateId: appName, displayName: appName }],
    });
  }

  addGroup(input: AddGroupInput, opts: MutationOptions = {}): OktaGroup {
    const id = input.id ?? this.nextId("00g");
    if (this.groups.has(id)) throw new Error(`addGroup: id ${id} already exists`);
    const ts = input.created ?? nowIso(this.clock);
    const type = input.type ?? "OKTA_GROUP";
    const group: OktaGroup = {
      id,
      created: ts,
      lastUpdated: ts,
      lastMembershipUpdated: ts,
      objectClass: type === "APP_GROUP" ? ["okta:windows_security_principal"] : ["okta:user_group"],
      type,
      profile: { ...(input.profile ?? {}), name: input.name, description: input.description ?? null },
    };
    if (type === "APP_GROUP") {
      group.source = { id: input.sourceAppId ?? "0oa1activedirectory01" };
      if (group.profile.samAccountName === undefined) group.profile.samAccountName = input.name.replace(/\s+/g, "_");
      if (group.profile.dn === undefined) group.profile.dn = `CN=${input.name},OU=Groups,DC=corp,DC=example,DC=com`;
      if (group.profile.windowsDomainQualifiedName === undefined) group.profile.windowsDomainQualifiedName = `CORP\\${group.profile.samAccountName}`;
    }
    this.insertGroup(group);
    if (opts.log !== false) this.log("group.lifecycle.create", "Create Okta group", [groupTarget(group)], opts.actor);
    this.changed();
    return group;
  }

  insertGroup(group: OktaGroup): void {
    this.groups.set(group.id, group);
    if (!this.memberships.has(group.id)) this.memberships.set(group.id, new Set());
    this.sortedGroupsCache = null;
  }

  /** Adds a member; returns false when already a member. Does not apply Okta's APP_GROUP guard (the HTTP layer does). */
  addMembership(groupId: string, userId: string, opts: MutationOptions = {}): boolean {
    const group = this.mustGroup(groupId);
    const user = this.mustUser(userId);
    const set = this.memberships.get(groupId)!;
    if (set.has(userId)) return false;
    set.add(userId);
    this.indexMembership(groupId, userId);
    group.lastMembershipUpdated = nowIso(this.clock);
    if (opts.log !== false) {
      this.log("group.user_membership.add", "Add user to group membership", [userTarget(user), groupTarget(group)], opts.actor);
    }
    this.changed();
    return true;
  }

  /** Bulk insert without events or timestamps (generateDirectory, fromJSON). */
  insertMembership(groupId: string, userId: string): boolean {
    let set = this.memberships.get(groupId);
    if (!set) this.memberships.set(groupId, (set = new Set()));
    if (set.has(userId)) return false;
    set.add(userId);
    this.indexMembership(groupId, userId);
    return true;
  }

  private indexMembership(groupId: string, userId: string) {
    if (this.userGroupsIndex) {
      let ug = this.userGroupsIndex.get(userId);
      if (!ug) this.userGroupsIndex.set(userId, (ug = new Set()));
      ug.add(groupId);
    }
    if (this.sortedMembersCache.size) this.sortedMembersCache.delete(groupId);
  }

  removeMembership(groupId: string, userId: string, opts: MutationOptions = {}): boolean {
    const group = this.mustGroup(groupId);
    const user = this.mustUser(userId);
    const set = this.memberships.get(groupId)!;
    if (!set.delete(userId)) return false;
    this.userGroupsIndex?.get(userId)?.delete(groupId);
    this.sortedMembersCache.delete(groupId);
    group.lastMembershipUpdated = nowIso(this.clock);
    if (opts.log !== false) {
      this.log("group.user_membership.remove", "Remove user from group membership", [userTarget(user), groupTarget(group)], opts.actor);
    }
    this.changed();
    return true;
  }

  addGroupRule(input: { id?: string; name: string; groupIds: string[]; expression?: string; status?: OktaGroupRule["status"] }): OktaGroupRule {
    for (const gid of input.groupIds) this.mustGroup(gid);
    const ts = nowIso(this.clock);
    const rule: OktaGroupRule = {
      id: input.id ?? this.nextId("0pr"),
      type: "group_rule",
      status: input.status ?? "ACTIVE",
      name: input.name,
      created: ts,
      lastUpdated: ts,
      conditions: { expression: { value: input.expression ?? 'user.department=="Engineering"', type: "urn:okta:expression:1.0" } },
      actions: { assignUserToGroups: { groupIds: [...input.groupIds] } },
    };
    this.rules.set(rule.id, rule);
    this.changed();
    return rule;
  }

  addOAuthClient(client: OktaOAuthClient): void {
    this.oauthClients.set(client.clientId, { ...client, jwks: [...client.jwks], scopes: [...client.scopes] });
    this.changed();
  }

  /** Appends a System Log event (kept sorted by `published`). */
  addLogEvent(event: Partial<OktaLogEvent> & { eventType: string }): OktaLogEvent {
    const full: OktaLogEvent = {
      uuid: event.uuid ?? randomUUID(),
      published: event.published ?? nowIso(this.clock),
      eventType: event.eventType,
      version: event.version ?? "0",
      severity: event.severity ?? "INFO",
      legacyEventType: event.legacyEventType ?? null,
      displayMessage: event.displayMessage ?? event.eventType,
      actor: event.actor ?? SANDBOX_ADMIN,
      client: event.client ?? {
        userAgent: { rawUserAgent: "okta-sdk-nodejs", os: "Unknown", browser: "UNKNOWN" },
        zone: "null",
        device: "Unknown",
        id: null,
        ipAddress: "127.0.0.1",
        geographicalContext: null,
      },
      outcome: event.outcome ?? { result: "SUCCESS", reason: null },
      target: event.target ?? [],
      transaction: event.transaction ?? { type: "WEB", id: randomUUID().replace(/-/g, "").slice(0, 24), detail: {} },
      debugContext: event.debugContext ?? { debugData: {} },
      authenticationContext: event.authenticationContext ?? { authenticationStep: 0, externalSessionId: "trs-sandbox" },
      securityContext: event.securityContext ?? {},
    };
    // Keep `logs` sorted by published; the common case is an append.
    let i = this.logs.length;
    while (i > 0 && this.logs[i - 1].published > full.published) i--;
    this.logs.splice(i, 0, full);
    if (i === this.logs.length - 1) this.logIndex.set(full.uuid, i);
    else this.rebuildLogIndex();
    this.changed();
    for (const l of this.logListeners) l(full);
    return full;
  }

  /** Position of an event in `logs`, for `after` cursors. */
  logPosition(uuid: string): number | undefined {
    return this.logIndex.get(uuid);
  }

  private rebuildLogIndex() {
    this.logIndex.clear();
    this.logs.forEach((e, i) => this.logIndex.set(e.uuid, i));
  }

  private log(eventType: string, displayMessage: string, target: OktaLogTarget[], actor?: OktaLogActor, published?: string) {
    this.addLogEvent({ eventType, displayMessage, target, actor: actor ?? SANDBOX_ADMIN, published });
  }

  /** The actor for changes made through the HTTP API with a given credential. */
  static actorForClient(clientId: string | null): OktaLogActor {
    if (!clientId) return SANDBOX_ADMIN;
    return { id: clientId, type: "PublicClientApp", alternateId: clientId, displayName: `Service app ${clientId}` };
  }

  static get systemActor(): OktaLogActor {
    return SYSTEM_ACTOR;
  }

  mustUser(idOrLogin: string): OktaUser {
    const u = this.getUser(idOrLogin);
    if (!u) throw new Error(`no such user ${idOrLogin}`);
    return u;
  }

  mustGroup(id: string): OktaGroup {
    const g = this.groups.get(id);
    if (!g) throw new Error(`no such group ${id}`);
    return g;
  }

  // ---------- persistence ----------

  toJSON(): OktaStateJSON {
    const memberships: Record<string, string[]> = {};
    for (const [gid, set] of this.memberships) if (set.size) memberships[gid] = [...set];
    return {
      version: 1,
      seq: this.seq,
      org: { ...this.org },
      users: [...this.users.values()],
      groups: [...this.groups.values()],
      memberships,
      rules: [...this.rules.values()],
      logs: this.logs,
      oauthClients: [...this.oauthClients.values()],
      eventHooks: this.eventHooks,
    };
  }

  /** A deep copy of the state as plain JSON. */
  snapshot(): OktaStateJSON {
    return structuredClone(this.toJSON());
  }

  static fromJSON(json: OktaStateJSON | string): OktaState {
    const data: OktaStateJSON = typeof json === "string" ? JSON.parse(json) : structuredClone(json);
    if (data.version !== 1) throw new Error(`unsupported Okta sandbox state version ${String(data.version)}`);
    const s = new OktaState();
    s.seq = data.seq ?? 0;
    if (data.org) s.org = { ...data.org };
    for (const u of data.users ?? []) s.insertUser(u);
    for (const g of data.groups ?? []) s.insertGroup(g);
    for (const [gid, uids] of Object.entries(data.memberships ?? {})) for (const uid of uids) s.insertMembership(gid, uid);
    for (const r of data.rules ?? []) s.rules.set(r.id, r);
    for (const e of data.logs ?? []) s.logs.push(e);
    s.logs.sort((a, b) => cmp(a.published, b.published));
    s.rebuildLogIndex();
    for (const c of data.oauthClients ?? []) s.oauthClients.set(c.clientId, c);
    s.eventHooks.push(...(data.eventHooks ?? []));
    return s;
  }

  /** Sets the id sequence (generateDirectory uses it so later ids continue after generated ones). */
  setSeq(seq: number) {
    this.seq = Math.max(this.seq, seq);
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

export function displayName(user: OktaUser): string {
  return `${user.profile.firstName ?? ""} ${user.profile.lastName ?? ""}`.trim() || user.profile.login;
}

export function userTarget(user: OktaUser): OktaLogTarget {
  return { id: user.id, type: "User", alternateId: user.profile.login, displayName: displayName(user) };
}

export function groupTarget(group: OktaGroup): OktaLogTarget {
  return { id: group.id, type: "UserGroup", alternateId: "unknown", displayName: group.profile.name };
}
