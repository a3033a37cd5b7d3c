// Deterministic directory generator for the sandbox SCIM service provider. It runs the Okta generator with the
// same options and translates the result, so a bench with the same seed sees the same people, groups and
// memberships (the 10,000-user directory of the Okta sync bench), in SCIM's words:
//   Okta SUSPENDED/DEPROVISIONED → active:false; APP_GROUP → a read-only group (the sandbox's extension);
//   the Okta id becomes the SCIM externalId; SCIM ids are new deterministic UUIDs.

import { generateDirectory as generateOktaDirectory, type GenerateDirectoryOptions } from "../okta/generate.ts";
import { ScimState } from "./state.ts";

export type GenerateScimDirectoryOptions = Omit<GenerateDirectoryOptions, "into">;

export function generateScimDirectory(opts: GenerateScimDirectoryOptions): ScimState {
  const okta = generateOktaDirectory(opts);
  const state = new ScimState(opts.seed ?? 1);
  const idOf = new Map<string, string>();
  // Users in Okta's id order (stable), so SCIM ids follow the seed.
  for (const u of okta.sortedUsers()) idOf.set(u.id, state.nextId());
  for (const u of okta.sortedUsers()) {
    const p = u.profile;
    state.addUser({
      id: idOf.get(u.id)!,
      userName: p.login,
      externalId: u.id,
      givenName: p.firstName,
      familyName: p.lastName,
      email: p.email,
      title: p.title ?? null,
      department: p.department ?? null,
      employeeNumber: p.employeeNumber ?? null,
      managerId: p.managerId ? idOf.get(p.managerId) ?? null : null,
      locality: p.city ?? null,
      userType: p.userType ?? null,
      active: u.status !== "SUSPENDED" && u.status !== "DEPROVISIONED",
      created: u.created,
    });
  }
  for (const g of okta.sortedGroups()) {
    const group = state.addGroup({
      displayName: g.profile.name,
      externalId: g.id,
      created: g.created,
      readOnly: g.type === "OKTA_GROUP" ? null : { source: "Active Directory", reason: "Synced from Active Directory: change its membership there" },
    });
    for (const uid of okta.sortedMembers(g.id)) state.addMember(group.id, idOf.get(uid)!, { touch: false });
  }
  return state;
}
