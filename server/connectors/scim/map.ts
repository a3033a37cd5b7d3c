// SCIM resources (RFC 7643) → our DirectoryUser / DirectoryGroup. SCIM types stay in this folder.

import type { DirectoryGroup, DirectoryUser } from "../types.ts";

export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The sandbox's read-only group marker (server/sandbox/scim/schemas.ts); a real server may use it too. */
export const READ_ONLY_GROUP_EXTENSION = "urn:gatehouse:scim:schemas:extension:sandbox:2.0:Group";

export interface ScimMultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
  locality?: string;
}

export interface ScimUserResource {
  id: string;
  userName?: string;
  externalId?: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  title?: string;
  userType?: string;
  active?: boolean | string;
  emails?: ScimMultiValue[];
  addresses?: ScimMultiValue[];
  [extension: string]: unknown;
}

export interface ScimGroupResource {
  id: string;
  displayName?: string;
  externalId?: string;
  members?: ScimMultiValue[];
  [extension: string]: unknown;
}

export interface ScimListResponse<T> {
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** active may arrive as a boolean or (from some servers) as "True"/"False". */
export function isActive(u: { active?: unknown }): boolean {
  return !(u.active === false || (typeof u.active === "string" && u.active.toLowerCase() === "false"));
}

export const statusOf = (u: { active?: unknown }) => (isActive(u) ? "ACTIVE" : "SUSPENDED");

function pick(list: ScimMultiValue[] | undefined): ScimMultiValue | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  return list.find((x) => x.primary) ?? list.find((x) => x.type === "work") ?? list[0];
}

/** The extension object under its URN, matched case-insensitively. */
function extension(resource: Record<string, unknown>, urn: string): Record<string, unknown> {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === urn.toLowerCase());
  const v = key ? resource[key] : undefined;
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function mapScimUser(u: ScimUserResource): DirectoryUser {
  const enterprise = extension(u, ENTERPRISE_USER);
  const manager = enterprise.manager;
  const managerRef = typeof manager === "string" ? manager : str((manager as { value?: unknown } | undefined)?.value);
  const login = String(u.userName ?? "");
  return {
    externalId: u.id,
    login,
    email: str(pick(u.emails)?.value) ?? (login.includes("@") ? login : ""),
    firstName: u.name?.givenName ?? "",
    lastName: u.name?.familyName ?? "",
    title: str(u.title),
    department: str(enterprise.department),
    location: str(pick(u.addresses)?.locality),
    managerRef: managerRef || null,
    status: statusOf(u),
    employmentType: str(u.userType),
  };
}

/**
 * A group is unmanaged when the server marks it read-only (the sandbox's extension) or the connection lists it
 * (by id or display name) among the groups Gatehouse must not change.
 */
export function mapScimGroup(g: ScimGroupResource, readOnlyGroups: Set<string>): DirectoryGroup {
  const base = { externalId: g.id, name: g.displayName ?? g.id, description: null, type: "SCIM_GROUP" };
  const marker = extension(g, READ_ONLY_GROUP_EXTENSION);
  if (marker.readOnly === true) {
    const reason = str(marker.reason) ?? `mastered by ${str(marker.source) ?? "another system"}`;
    return { ...base, managed: false, unmanagedReason: `The SCIM server marks this group read-only: ${reason}` };
  }
  if (readOnlyGroups.has(g.id.toLowerCase()) || (g.displayName && readOnlyGroups.has(g.displayName.toLowerCase()))) {
    return { ...base, managed: false, unmanagedReason: "Listed as read-only in this SCIM connection's settings" };
  }
  return { ...base, managed: true, unmanagedReason: null };
}
