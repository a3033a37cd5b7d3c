// Directory API users and groups in our words.

import type { admin_directory_v1 } from "@googleapis/admin";

import type { DirectoryGroup, DirectoryUser } from "../types.ts";

type GUser = admin_directory_v1.Schema$User;
type GGroup = admin_directory_v1.Schema$Group;

interface Organization {
  title?: string;
  department?: string;
  primary?: boolean;
}
interface Relation {
  type?: string;
  value?: string;
}
interface Location {
  area?: string;
  buildingId?: string;
}

/** lastLoginTime is 1970-01-01 for people who never signed in (protocols.md §3): that is "never", not a date. */
export function lastLogin(v: string | null | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return null;
  return d;
}

/** SUSPENDED for suspended accounts; archived accounts (kept for their data, no access) read as DEPROVISIONED. */
export function googleStatus(u: Pick<GUser, "suspended" | "archived">): "ACTIVE" | "SUSPENDED" | "DEPROVISIONED" {
  if (u.archived) return "DEPROVISIONED";
  return u.suspended ? "SUSPENDED" : "ACTIVE";
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

export function mapGoogleUser(u: GUser): DirectoryUser {
  const orgs = list<Organization>(u.organizations);
  const org = orgs.find((o) => o.primary) ?? orgs[0];
  const manager = list<Relation>(u.relations).find((r) => r.type === "manager");
  const location = list<Location>(u.locations)[0];
  const email = u.primaryEmail ?? "";
  return {
    externalId: u.id!,
    login: email,
    email,
    firstName: u.name?.givenName ?? "",
    lastName: u.name?.familyName ?? "",
    title: str(org?.title),
    department: str(org?.department),
    location: str(location?.area) ?? str(location?.buildingId),
    // Google's manager relation holds the manager's email (free text): a login, in types.ts terms.
    managerRef: str(manager?.value),
    status: googleStatus(u),
    employmentType: null,
    startDate: null,
    terminationDate: null,
    lastLoginAt: lastLogin(u.lastLoginTime),
  };
}

/** `unmanaged` holds group ids and lower-cased emails configured as not ours to change (e.g. dynamic groups). */
export function mapGoogleGroup(g: GGroup, unmanaged: ReadonlySet<string>): DirectoryGroup {
  const base = { externalId: g.id!, name: g.name ?? g.email ?? g.id!, description: str(g.description), type: "GOOGLE_GROUP" };
  if (unmanaged.has(g.id!) || (g.email && unmanaged.has(g.email.toLowerCase()))) {
    return { ...base, managed: false, unmanagedReason: "Configured as not managed by Gatehouse (e.g. a dynamic group whose membership comes from a query)" };
  }
  if (g.adminCreated === false) {
    return { ...base, type: "USER_CREATED_GROUP", managed: false, unmanagedReason: "Created by a user, not an administrator (adminCreated=false): its owners manage its membership" };
  }
  return { ...base, managed: true, unmanagedReason: null };
}
