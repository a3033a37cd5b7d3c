// In-memory state of the sandbox SCIM service provider: users (kept as their SCIM JSON, minus id/meta/groups),
// groups with member sets, and the indexes the list filters use. Lists are in creation order, so index-based
// paging stays stable while resources are added (a deletion shifts later pages, as on real servers).

import { createHash } from "node:crypto";
import { ENTERPRISE_USER } from "./schemas.ts";
import { ScimError } from "./errors.ts";

export type Json = Record<string, unknown>;

export interface ScimUser {
  id: string;
  /** The SCIM attributes as last written (core attributes at the top, the enterprise extension under its URN). */
  data: Json;
  created: string;
  lastModified: string;
  version: number;
}

export interface ReadOnlyMarker {
  /** Where the group is mastered, e.g. "Active Directory". */
  source: string;
  reason: string;
}

export interface ScimGroup {
  id: string;
  displayName: string;
  externalId: string | null;
  /** Member user ids, in the order they were added. */
  members: Set<string>;
  /** Set for groups the sandbox refuses to change (400 mutability): our "unmanaged" analogue. */
  readOnly: ReadOnlyMarker | null;
  created: string;
  lastModified: string;
  version: number;
}

export interface SeedUserInput {
  id?: string;
  userName: string;
  externalId?: string | null;
  givenName?: string;
  familyName?: string;
  email?: string;
  title?: string | null;
  department?: string | null;
  employeeNumber?: string | null;
  managerId?: string | null;
  locality?: string | null;
  userType?: string | null;
  active?: boolean;
  created?: string;
}

export interface SeedGroupInput {
  id?: string;
  displayName: string;
  externalId?: string | null;
  readOnly?: ReadOnlyMarker | null;
  created?: string;
}

/** A deterministic UUID (version-4 shaped) from a sequence number and a salt. */
export function scimId(seq: number, salt = 0): string {
  const h = createHash("sha256").update(`${salt}:${seq}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The SCIM JSON of a seeded user. */
export function userData(input: SeedUserInput): Json {
  const local = input.userName.split("@")[0] ?? input.userName;
  const givenName = input.givenName ?? capitalise(local.split(".")[0] ?? local);
  const familyName = input.familyName ?? capitalise(local.split(".")[1] ?? "User");
  const email = input.email ?? input.userName;
  const data: Json = {
    userName: input.userName,
    name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
    displayName: `${givenName} ${familyName}`,
    emails: [{ value: email, type: "work", primary: true }],
    active: input.active ?? true,
  };
  if (input.externalId) data.externalId = input.externalId;
  if (input.title) data.title = input.title;
  if (input.userType) data.userType = input.userType;
  if (input.locality) data.addresses = [{ type: "work", locality: input.locality, primary: true }];
  const enterprise: Json = {};
  if (input.employeeNumber) enterprise.employeeNumber = input.employeeNumber;
  if (input.department) enterprise.department = input.department;
  if (input.managerId) enterprise.manager = { value: input.managerId };
  if (Object.keys(enterprise).length) data[ENTERPRISE_USER] = enterprise;
  return data;
}

export class ScimState {
  readonly users = new Map<string, ScimUser>();
  readonly groups = new Map<string, ScimGroup>();
  /** Timestamps of changes (tests may replace it). */
  clock: () => Date = () => new Date();

  private seq = 0;
  private readonly salt: number;
  private readonly byUserName = new Map<string, string>();
  private readonly byGroupName = new Map<string, string>();
  private readonly groupsOfUser = new Map<string, Set<string>>();

  constructor(salt = 0) {
    this.salt = salt;
  }

  nextId(): string {
    let id = scimId(++this.seq, this.salt);
    while (this.users.has(id) || this.groups.has(id)) id = scimId(++this.seq, this.salt);
    return id;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  // ---------- reads ----------

  userByName(userName: string): ScimUser | undefined {
    const id = this.byUserName.get(userName.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  groupByName(displayName: string): ScimGroup | undefined {
    const id = this.byGroupName.get(displayName.toLowerCase());
    return id ? this.groups.get(id) : undefined;
  }

  /** Group ids the user is a direct member of. */
  groupIdsOf(userId: string): string[] {
    return [...(this.groupsOfUser.get(userId) ?? [])];
  }

  isMember(groupId: string, userId: string): boolean {
    return this.groups.get(groupId)?.members.has(userId) ?? false;
  }

  isActive(userId: string): boolean {
    return this.mustUser(userId).data.active !== false;
  }

  mustUser(id: string): ScimUser {
    const u = this.users.get(id);
    if (!u) throw new Error(`no such SCIM user ${id}`);
    return u;
  }

  mustGroup(id: string): ScimGroup {
    const g = this.groups.get(id);
    if (!g) throw new Error(`no such SCIM group ${id}`);
    return g;
  }

  get membershipCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.members.size;
    return n;
  }

  // ---------- users ----------

  /** Direct insert for tests, the demo and the generator (no SCIM validation beyond uniqueness). */
  addUser(input: SeedUserInput): ScimUser {
    return this.insertUser(input.id ?? this.nextId(), userData(input), input.created);
  }

  /** A new user from validated SCIM JSON; 409 uniqueness when the userName is taken. */
  insertUser(id: string, data: Json, created?: string): ScimUser {
    const userName = String(data.userName);
    if (this.byUserName.has(userName.toLowerCase())) throw new ScimError(409, `userName ${userName} is already taken`, "uniqueness");
    if (this.users.has(id) || this.groups.has(id)) throw new Error(`id ${id} already exists`);
    const ts = created ?? this.now();
    const user: ScimUser = { id, data, created: ts, lastModified: ts, version: 1 };
    this.users.set(id, user);
    this.byUserName.set(userName.toLowerCase(), id);
    return user;
  }

  /** Replaces a user's attributes (PUT, or the result of a PATCH); 409 when the new userName is someone else's. */
  writeUser(id: string, data: Json): ScimUser {
    const user = this.mustUser(id);
    const oldName = String(user.data.userName).toLowerCase();
    const newName = String(data.userName).toLowerCase();
    if (newName !== oldName) {
      if (this.byUserName.has(newName)) throw new ScimError(409, `userName ${String(data.userName)} is already taken`, "uniqueness");
      this.byUserName.delete(oldName);
      this.byUserName.set(newName, id);
    }
    user.data = data;
    user.lastModified = this.now();
    user.version++;
    return user;
  }

  setActive(id: string, active: boolean): ScimUser {
    const user = this.mustUser(id);
    return this.writeUser(id, { ...user.data, active });
  }

  deleteUser(id: string): boolean {
    const user = this.users.get(id);
    if (!user) return false;
    for (const gid of this.groupIdsOf(id)) this.groups.get(gid)?.members.delete(id);
    this.groupsOfUser.delete(id);
    this.byUserName.delete(String(user.data.userName).toLowerCase());
    return this.users.delete(id);
  }

  // ---------- groups ----------

  addGroup(input: SeedGroupInput): ScimGroup {
    const name = input.displayName;
    if (this.byGroupName.has(name.toLowerCase())) throw new ScimError(409, `A group named ${name} already exists`, "uniqueness");
    const id = input.id ?? this.nextId();
    const ts = input.created ?? this.now();
    const group: ScimGroup = { id, displayName: name, externalId: input.externalId ?? null, members: new Set(), readOnly: input.readOnly ?? null, created: ts, lastModified: ts, version: 1 };
    this.groups.set(id, group);
    this.byGroupName.set(name.toLowerCase(), id);
    return group;
  }

  renameGroup(id: string, displayName: string): void {
    const group = this.mustGroup(id);
    const key = displayName.toLowerCase();
    if (key !== group.displayName.toLowerCase()) {
      if (this.byGroupName.has(key)) throw new ScimError(409, `A group named ${displayName} already exists`, "uniqueness");
      this.byGroupName.delete(group.displayName.toLowerCase());
      this.byGroupName.set(key, id);
    }
    group.displayName = displayName;
    this.touchGroup(group);
  }

  setGroupExternalId(id: string, externalId: string | null): void {
    const group = this.mustGroup(id);
    group.externalId = externalId;
    this.touchGroup(group);
  }

  deleteGroup(id: string): boolean {
    const group = this.groups.get(id);
    if (!group) return false;
    for (const uid of group.members) this.groupsOfUser.get(uid)?.delete(id);
    this.byGroupName.delete(group.displayName.toLowerCase());
    return this.groups.delete(id);
  }

  /** Returns false when the user was already a member. No read-only check (the HTTP layer does that). */
  addMember(groupId: string, userId: string, opts: { touch?: boolean } = {}): boolean {
    const group = this.mustGroup(groupId);
    this.mustUser(userId);
    if (group.members.has(userId)) return false;
    group.members.add(userId);
    let set = this.groupsOfUser.get(userId);
    if (!set) this.groupsOfUser.set(userId, (set = new Set()));
    set.add(groupId);
    if (opts.touch !== false) this.touchGroup(group);
    return true;
  }

  removeMember(groupId: string, userId: string): boolean {
    const group = this.mustGroup(groupId);
    if (!group.members.delete(userId)) return false;
    this.groupsOfUser.get(userId)?.delete(groupId);
    this.touchGroup(group);
    return true;
  }

  private touchGroup(group: ScimGroup) {
    group.lastModified = this.now();
    group.version++;
  }
}
