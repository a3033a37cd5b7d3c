// In-memory Google Workspace directory for the sandbox: users, groups and direct memberships, in the
// Admin SDK Directory API's own shapes (protocols.md §3). Keys accept an email (case-insensitive) or an id.

export const SANDBOX_CUSTOMER_ID = "C03sandbox";
/** What lastLoginTime says for someone who never signed in (Google's own quirk). */
export const NEVER_LOGGED_IN = "1970-01-01T00:00:00.000Z";

export interface GoogleUser {
  kind: "admin#directory#user";
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  isAdmin: boolean;
  suspended: boolean;
  suspensionReason?: string;
  archived: boolean;
  orgUnitPath: string;
  customerId: string;
  creationTime: string;
  lastLoginTime: string;
  organizations?: { title?: string; department?: string; costCenter?: string; primary?: boolean; customType?: string }[];
  relations?: { type: string; value: string }[];
  externalIds?: { type: string; value: string }[];
  locations?: { type: string; area?: string; buildingId?: string }[];
}

export interface GoogleGroup {
  kind: "admin#directory#group";
  id: string;
  email: string;
  name: string;
  description: string;
  directMembersCount: string;
  /** False for groups created by a user rather than an administrator; the sandbox refuses membership changes on them. */
  adminCreated: boolean;
}

export type MemberRole = "OWNER" | "MANAGER" | "MEMBER";

export interface AddUserInput {
  login: string;
  firstName?: string;
  lastName?: string;
  department?: string;
  title?: string;
  orgUnitPath?: string;
  suspended?: boolean;
  managerEmail?: string | null;
  /** ISO time; omitted = never signed in (1970). */
  lastLoginTime?: string | null;
}

/** Google user ids are 21 decimal digits; group ids are 15 lowercase base-36 characters starting with 0. */
export function googleUserId(seq: number, salt = 0): string {
  return "1" + scramble(seq, salt, 20, 10);
}
export function googleGroupId(seq: number, salt = 0): string {
  return "0" + scramble(seq, salt + 7, 14, 36);
}

function scramble(seq: number, salt: number, length: number, radix: number): string {
  let h = (seq * 0x9e3779b1 + salt * 0x85ebca6b) >>> 0;
  let s = "";
  for (let i = 0; i < length; i++) {
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    h = Math.imul(h, 0x297a2d39) >>> 0;
    h = (h ^ (h >>> 15) ^ (seq + i)) >>> 0;
    s += (h % radix).toString(radix);
  }
  return s;
}

const lower = (s: string) => s.toLowerCase();

export class GoogleState {
  readonly users = new Map<string, GoogleUser>();
  readonly groups = new Map<string, GoogleGroup>();
  /** group id → member user id → role. */
  readonly memberships = new Map<string, Map<string, MemberRole>>();
  private readonly userByEmail = new Map<string, string>();
  private readonly groupByEmail = new Map<string, string>();
  private sortedUsersCache: GoogleUser[] | null = null;
  private sortedGroupsCache: GoogleGroup[] | null = null;
  private seq = 0;
  constructor(
    readonly domain = "example.com",
    readonly salt = 0,
    /** The time used for new users' creationTime. */
    public clock: () => Date = () => new Date(),
  ) {}

  insertUser(user: GoogleUser): void {
    this.users.set(user.id, user);
    this.userByEmail.set(lower(user.primaryEmail), user.id);
    this.sortedUsersCache = null;
  }

  insertGroup(group: GoogleGroup): void {
    this.groups.set(group.id, group);
    this.groupByEmail.set(lower(group.email), group.id);
    if (!this.memberships.has(group.id)) this.memberships.set(group.id, new Map());
    this.sortedGroupsCache = null;
  }

  /** Adds a member (no checks); false when already a member. */
  insertMembership(groupId: string, userId: string, role: MemberRole = "MEMBER"): boolean {
    const members = this.memberships.get(groupId);
    if (!members || members.has(userId)) return false;
    members.set(userId, role);
    this.countMembers(groupId);
    return true;
  }

  removeMembership(groupId: string, userId: string): boolean {
    const gone = this.memberships.get(groupId)?.delete(userId) ?? false;
    if (gone) this.countMembers(groupId);
    return gone;
  }

  isMember(groupId: string, userId: string): boolean {
    return this.memberships.get(groupId)?.has(userId) ?? false;
  }

  private countMembers(groupId: string) {
    const g = this.groups.get(groupId);
    if (g) g.directMembersCount = String(this.memberships.get(groupId)?.size ?? 0);
  }

  /** A user by id or by primary email (case-insensitive). */
  findUser(key: string): GoogleUser | undefined {
    return this.users.get(key) ?? this.users.get(this.userByEmail.get(lower(key)) ?? "");
  }

  findGroup(key: string): GoogleGroup | undefined {
    return this.groups.get(key) ?? this.groups.get(this.groupByEmail.get(lower(key)) ?? "");
  }

  /** Users in the order users.list returns them (by primary email). */
  sortedUsers(): GoogleUser[] {
    this.sortedUsersCache ??= [...this.users.values()].sort((a, b) => cmp(lower(a.primaryEmail), lower(b.primaryEmail)));
    return this.sortedUsersCache;
  }

  sortedGroups(): GoogleGroup[] {
    this.sortedGroupsCache ??= [...this.groups.values()].sort((a, b) => cmp(lower(a.email), lower(b.email)));
    return this.sortedGroupsCache;
  }

  nextUserId(): string {
    let id = googleUserId(++this.seq, this.salt);
    while (this.users.has(id)) id = googleUserId(++this.seq, this.salt);
    return id;
  }

  nextGroupId(): string {
    let id = googleGroupId(++this.seq, this.salt);
    while (this.groups.has(id)) id = googleGroupId(++this.seq, this.salt);
    return id;
  }

  /** Test/demo helper: an active user with an organization entry, like one an admin created. */
  addUser(input: AddUserInput): GoogleUser {
    if (this.findUser(input.login)) throw new Error(`user ${input.login} already exists`);
    const givenName = input.firstName ?? capitalise(input.login.split(/[.@]/)[0] ?? "user");
    const familyName = input.lastName ?? "Sandbox";
    const user: GoogleUser = {
      kind: "admin#directory#user",
      id: this.nextUserId(),
      primaryEmail: input.login,
      name: { givenName, familyName, fullName: `${givenName} ${familyName}` },
      isAdmin: false,
      suspended: input.suspended ?? false,
      archived: false,
      orgUnitPath: input.orgUnitPath ?? (input.department ? `/${input.department}` : "/"),
      customerId: SANDBOX_CUSTOMER_ID,
      creationTime: this.clock().toISOString(),
      lastLoginTime: input.lastLoginTime ?? NEVER_LOGGED_IN,
    };
    if (input.department || input.title) user.organizations = [{ title: input.title, department: input.department, primary: true, customType: "" }];
    if (input.managerEmail) user.relations = [{ type: "manager", value: input.managerEmail }];
    this.insertUser(user);
    return user;
  }

  /** Test/demo helper: `adminCreated: false` makes a group the sandbox refuses to change. */
  addGroup(input: { name: string; email?: string; description?: string; adminCreated?: boolean }): GoogleGroup {
    const email = input.email ?? `${input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}@${this.domain}`;
    if (this.findGroup(email)) throw new Error(`group ${email} already exists`);
    const group: GoogleGroup = {
      kind: "admin#directory#group",
      id: this.nextGroupId(),
      email,
      name: input.name,
      description: input.description ?? "",
      directMembersCount: "0",
      adminCreated: input.adminCreated ?? true,
    };
    this.insertGroup(group);
    return group;
  }

  get membershipCount(): number {
    let n = 0;
    for (const m of this.memberships.values()) n += m.size;
    return n;
  }

  setSeq(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
