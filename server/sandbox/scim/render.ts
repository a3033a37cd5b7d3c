// SCIM JSON of the sandbox's resources, and the `attributes` / `excludedAttributes` projection (RFC 7644 §3.9).

import { ENTERPRISE_USER, GROUP_SCHEMA, READ_ONLY_GROUP_EXTENSION, USER_SCHEMA } from "./schemas.ts";
import { parseAttrPath } from "./filter.ts";
import type { Json, ScimGroup, ScimState, ScimUser } from "./state.ts";

const etag = (version: number) => `W/"${version}"`;

export function userJson(state: ScimState, u: ScimUser, origin: string, withGroups = true): Json {
  const { schemas: _ignored, ...data } = u.data;
  const out: Json = {
    schemas: [USER_SCHEMA, ...(data[ENTERPRISE_USER] ? [ENTERPRISE_USER] : [])],
    id: u.id,
    ...data,
  };
  const enterprise = data[ENTERPRISE_USER] as Json | undefined;
  const managerId = (enterprise?.manager as Json | undefined)?.value;
  if (enterprise && typeof managerId === "string") {
    const m = state.users.get(managerId);
    out[ENTERPRISE_USER] = { ...enterprise, manager: { value: managerId, $ref: `${origin}/Users/${managerId}`, ...(m ? { displayName: m.data.displayName } : {}) } };
  }
  const groups = withGroups ? state.groupIdsOf(u.id) : [];
  if (groups.length) {
    out.groups = groups.map((gid) => ({ value: gid, $ref: `${origin}/Groups/${gid}`, display: state.groups.get(gid)?.displayName, type: "direct" }));
  }
  out.meta = { resourceType: "User", created: u.created, lastModified: u.lastModified, location: `${origin}/Users/${u.id}`, version: etag(u.version) };
  return out;
}

export function groupJson(state: ScimState, g: ScimGroup, origin: string, withMembers = true): Json {
  const out: Json = {
    schemas: [GROUP_SCHEMA, ...(g.readOnly ? [READ_ONLY_GROUP_EXTENSION] : [])],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
  };
  if (withMembers) {
    out.members = [...g.members].map((uid) => ({
      value: uid,
      $ref: `${origin}/Users/${uid}`,
      display: state.users.get(uid)?.data.displayName,
      type: "User",
    }));
  }
  if (g.readOnly) out[READ_ONLY_GROUP_EXTENSION] = { readOnly: true, source: g.readOnly.source, reason: g.readOnly.reason };
  out.meta = { resourceType: "Group", created: g.created, lastModified: g.lastModified, location: `${origin}/Groups/${g.id}`, version: etag(g.version) };
  return out;
}

export function versionOf(resource: { version: number }): string {
  return etag(resource.version);
}

/** Top-level keys an attribute list names (an extension attribute names its extension object). */
function topKeys(list: string): Set<string> {
  const keys = new Set<string>();
  for (const raw of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    const p = parseAttrPath(raw);
    const isCore = p.schema === USER_SCHEMA || p.schema === GROUP_SCHEMA;
    keys.add((p.schema && !isCore ? p.schema : p.names[0] ?? "").toLowerCase());
  }
  return keys;
}

const ALWAYS = new Set(["schemas", "id"]);

/** Applies `attributes` (only these, plus schemas and id) or `excludedAttributes`. */
export function project(resource: Json, attributes: string | null, excluded: string | null): Json {
  if (attributes) {
    const keep = topKeys(attributes);
    return Object.fromEntries(Object.entries(resource).filter(([k]) => ALWAYS.has(k) || keep.has(k.toLowerCase())));
  }
  if (excluded) {
    const drop = topKeys(excluded);
    return Object.fromEntries(Object.entries(resource).filter(([k]) => ALWAYS.has(k) || !drop.has(k.toLowerCase())));
  }
  return resource;
}

/** Whether a projection keeps a top-level attribute (so a big one, members or groups, need not be built). */
export function wants(attr: string, attributes: string | null, excluded: string | null): boolean {
  if (attributes) return topKeys(attributes).has(attr);
  if (excluded) return !topKeys(excluded).has(attr);
  return true;
}

export const wantsMembers = (attributes: string | null, excluded: string | null) => wants("members", attributes, excluded);
