// Deterministic directory for the sandbox Google Workspace: the SAME people, groups and memberships as the
// sandbox Okta's generator (same options + seed), translated into Directory API shapes, so benchmarks compare
// like with like. Okta-only states translate as Google has them:
//   DEPROVISIONED → deleted in Google (not listed, no memberships); SUSPENDED → suspended: true;
//   STAGED/PROVISIONED → active and never signed in; lastLogin null → lastLoginTime 1970-01-01 (never);
//   APP_GROUP (membership mastered elsewhere) → adminCreated: false (the sandbox refuses changes to it).

import { generateDirectory, type GenerateDirectoryOptions } from "../okta/generate.ts";
import type { OktaState } from "../okta/state.ts";
import { GoogleState, NEVER_LOGGED_IN, SANDBOX_CUSTOMER_ID, googleGroupId, googleUserId, type GoogleUser } from "./state.ts";

export type GenerateGoogleDirectoryOptions = Omit<GenerateDirectoryOptions, "into">;

export function generateGoogleDirectory(opts: GenerateGoogleDirectoryOptions): GoogleState {
  return fromOktaDirectory(generateDirectory(opts), { domain: opts.domain, salt: opts.seed ?? 1 });
}

/** Translates a generated Okta org into a Google directory (deterministic: ids follow the Okta order). */
export function fromOktaDirectory(okta: OktaState, opts: { domain?: string; salt?: number } = {}): GoogleState {
  const domain = opts.domain ?? "example.com";
  const salt = opts.salt ?? 1;
  const state = new GoogleState(domain, salt);
  let seq = 0;
  const userIds = new Map<string, string>();
  const emails = new Map<string, string>();
  for (const u of okta.users.values()) emails.set(u.id, u.profile.login);

  for (const u of okta.users.values()) {
    if (u.status === "DEPROVISIONED") continue;
    const id = googleUserId(++seq, salt);
    userIds.set(u.id, id);
    const p = u.profile;
    const dept = typeof p.department === "string" ? p.department : null;
    const user: GoogleUser = {
      kind: "admin#directory#user",
      id,
      primaryEmail: p.login,
      name: { givenName: p.firstName, familyName: p.lastName, fullName: `${p.firstName} ${p.lastName}` },
      isAdmin: false,
      suspended: u.status === "SUSPENDED",
      archived: false,
      orgUnitPath: dept ? `/${dept}` : "/",
      customerId: SANDBOX_CUSTOMER_ID,
      creationTime: u.created,
      lastLoginTime: u.lastLogin ?? NEVER_LOGGED_IN,
      organizations: [{ title: str(p.title), department: dept ?? undefined, primary: true, customType: "" }],
    };
    if (user.suspended) user.suspensionReason = "ADMIN";
    const manager = typeof p.managerId === "string" ? emails.get(p.managerId) : undefined;
    if (manager) user.relations = [{ type: "manager", value: manager }];
    if (typeof p.employeeNumber === "string") user.externalIds = [{ type: "organization", value: p.employeeNumber }];
    if (typeof p.city === "string") user.locations = [{ type: "desk", area: p.city }];
    state.insertUser(user);
  }

  const usedEmails = new Set<string>();
  for (const g of okta.groups.values()) {
    const id = googleGroupId(++seq, salt);
    const name = String(g.profile.name);
    let email = `${slug(name)}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${slug(name)}-${n}@${domain}`;
    usedEmails.add(email);
    state.insertGroup({
      kind: "admin#directory#group",
      id,
      email,
      name,
      description: String(g.profile.description ?? ""),
      directMembersCount: "0",
      adminCreated: g.type !== "APP_GROUP",
    });
    for (const oktaUserId of okta.memberships.get(g.id) ?? []) {
      const uid = userIds.get(oktaUserId);
      if (uid) state.insertMembership(id, uid);
    }
  }
  state.setSeq(seq);
  return state;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "group";
}
