// Graph's users and groups in our words (DirectoryUser, DirectoryGroup). Vendor shapes stay in this folder.

import type { DirectoryGroup, DirectoryUser } from "../types.ts";

export interface GraphUserJson {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  accountEnabled?: boolean | null;
  department?: string | null;
  jobTitle?: string | null;
  officeLocation?: string | null;
  employeeType?: string | null;
  employeeHireDate?: string | null;
  employeeLeaveDateTime?: string | null;
  signInActivity?: { lastSignInDateTime?: string | null; lastNonInteractiveSignInDateTime?: string | null; lastSuccessfulSignInDateTime?: string | null } | null;
  manager?: { id?: string } | null;
}

export interface GraphGroupJson {
  id: string;
  displayName?: string | null;
  description?: string | null;
  groupTypes?: string[] | null;
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
  onPremisesSyncEnabled?: boolean | null;
  membershipRule?: string | null;
}

/** What we $select on users (signInActivity is added only when the licence allows it). */
export const USER_SELECT = [
  "id", "displayName", "givenName", "surname", "userPrincipalName", "mail", "accountEnabled", "department", "jobTitle",
  "officeLocation", "employeeType", "employeeHireDate", "employeeLeaveDateTime",
];
export const GROUP_SELECT = ["id", "displayName", "description", "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "membershipRule"];

function date(v: unknown): Date | null {
  if (typeof v !== "string" || v === "") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The latest of the sign-in times Graph reports (interactive, non-interactive, successful). */
function lastSignIn(a: GraphUserJson["signInActivity"]): Date | null {
  if (!a) return null;
  const times = [a.lastSignInDateTime, a.lastNonInteractiveSignInDateTime, a.lastSuccessfulSignInDateTime].map(date).filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}

export function mapGraphUser(u: GraphUserJson): DirectoryUser {
  const login = u.userPrincipalName ?? u.mail ?? u.id;
  return {
    externalId: u.id,
    login,
    email: u.mail ?? login,
    firstName: u.givenName ?? "",
    lastName: u.surname ?? "",
    title: u.jobTitle ?? null,
    department: u.department ?? null,
    location: u.officeLocation ?? null,
    managerRef: u.manager?.id ?? null,
    // Entra has no lifecycle states beyond enabled/disabled; a disabled account is our SUSPENDED.
    status: u.accountEnabled === false ? "SUSPENDED" : "ACTIVE",
    employmentType: u.employeeType ?? null,
    startDate: date(u.employeeHireDate),
    terminationDate: date(u.employeeLeaveDateTime),
    lastLoginAt: lastSignIn(u.signInActivity),
  };
}

/** Why Graph will not let us change this group's members, or null when it will. */
export function unmanagedReason(g: GraphGroupJson): string | null {
  const types = g.groupTypes ?? [];
  if (types.includes("DynamicMembership")) return `Dynamic group: membership follows the rule ${g.membershipRule ?? "(not readable)"}; Graph refuses member changes`;
  if (g.onPremisesSyncEnabled) return "Synced from on-premises Active Directory: change it there; Graph refuses member changes";
  if (g.mailEnabled && !types.includes("Unified")) return "Mail-enabled security group or distribution list: managed in Exchange; Graph refuses member changes";
  return null;
}

export function mapGraphGroup(g: GraphGroupJson): DirectoryGroup {
  const types = g.groupTypes ?? [];
  const type = types.includes("DynamicMembership") ? "DYNAMIC" : types.includes("Unified") ? "MICROSOFT_365" : g.mailEnabled ? "MAIL_ENABLED_SECURITY" : "SECURITY";
  const reason = unmanagedReason(g);
  return {
    externalId: g.id,
    name: g.displayName ?? g.id,
    description: g.description ?? null,
    type: g.onPremisesSyncEnabled ? `${type}_ON_PREMISES` : type,
    managed: reason === null,
    unmanagedReason: reason,
  };
}
