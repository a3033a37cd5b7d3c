// GET /Users and GET /Groups: filter, then index-based paging (RFC 7644 §3.4.2). An `eq` on an indexed attribute
// (id, userName, displayName, groups.value, members.value) narrows the candidates before the filter runs, so the
// probes real clients make stay cheap on a 10,000-user directory.

import { badRequest } from "./errors.ts";
import { equalities, evaluate, parseFilter, type Filter } from "./filter.ts";
import { groupJson, project, userJson, wants, wantsMembers } from "./render.ts";
import { LIST_RESPONSE } from "./schemas.ts";
import type { Json, ScimGroup, ScimState, ScimUser } from "./state.ts";

export interface ListQuery {
  filter: string | null;
  startIndex: string | null;
  count: string | null;
  attributes: string | null;
  excludedAttributes: string | null;
}

export interface PagingLimits {
  defaultCount: number;
  maxResults: number;
  /** False: a filter on a user's groups is refused with 400 invalidFilter (as many real servers do). */
  groupsFilter: boolean;
}

/** Whether a filter names an attribute (its first path segment, any case). */
function mentions(f: Filter, attr: string): boolean {
  switch (f.kind) {
    case "and":
    case "or": return mentions(f.left, attr) || mentions(f.right, attr);
    case "not": return mentions(f.expr, attr);
    default: return f.path.names[0]!.toLowerCase() === attr;
  }
}

function intParam(name: string, raw: string | null): number | null {
  if (raw === null || raw === "") return null;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest("invalidValue", `${name} must be an integer`);
  return n;
}

function listResponse(total: number, startIndex: number, resources: Json[]): Json {
  return { schemas: [LIST_RESPONSE], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

function page<T>(items: T[], q: ListQuery, limits: PagingLimits): { start: number; slice: T[] } {
  // RFC 7644: startIndex < 1 is read as 1; a negative count as 0; the server may return fewer than asked.
  const start = Math.max(1, intParam("startIndex", q.startIndex) ?? 1);
  const count = Math.min(Math.max(0, intParam("count", q.count) ?? limits.defaultCount), limits.maxResults);
  return { start, slice: items.slice(start - 1, start - 1 + count) };
}

function narrowed<T>(filter: Filter | null, all: () => T[], index: Record<string, (v: string) => T[]>): { items: T[]; exact: boolean } {
  if (!filter) return { items: all(), exact: true };
  for (const eq of equalities(filter)) {
    const look = index[eq.path];
    if (look && typeof eq.value === "string") return { items: look(eq.value), exact: filter.kind === "cmp" };
  }
  return { items: all(), exact: false };
}

export function listUsers(state: ScimState, q: ListQuery, origin: string, limits: PagingLimits): Json {
  const filter = q.filter ? parseFilter(q.filter) : null;
  if (filter && !limits.groupsFilter && mentions(filter, "groups")) throw badRequest("invalidFilter", "Filtering users on groups is not supported");
  const some = (u: ScimUser | undefined) => (u ? [u] : []);
  const membersOf = (gid: string) => [...(state.groups.get(gid)?.members ?? [])].map((id) => state.users.get(id)!).filter(Boolean);
  const { items, exact } = narrowed<ScimUser>(filter, () => [...state.users.values()], {
    id: (v) => some(state.users.get(v)),
    username: (v) => some(state.userByName(v)),
    "groups.value": membersOf,
    groups: membersOf,
  });
  const matches = filter && !exact ? items.filter((u) => evaluate(filter, userJson(state, u, origin))) : items;
  const { start, slice } = page(matches, q, limits);
  const withGroups = wants("groups", q.attributes, q.excludedAttributes);
  return listResponse(matches.length, start, slice.map((u) => project(userJson(state, u, origin, withGroups), q.attributes, q.excludedAttributes)));
}

export function listGroups(state: ScimState, q: ListQuery, origin: string, limits: PagingLimits): Json {
  const filter = q.filter ? parseFilter(q.filter) : null;
  const some = (g: ScimGroup | undefined) => (g ? [g] : []);
  const groupsOf = (uid: string) => state.groupIdsOf(uid).map((id) => state.groups.get(id)!).filter(Boolean);
  const { items, exact } = narrowed<ScimGroup>(filter, () => [...state.groups.values()], {
    id: (v) => some(state.groups.get(v)),
    displayname: (v) => some(state.groupByName(v)),
    "members.value": groupsOf,
    members: groupsOf,
  });
  const matches = filter && !exact ? items.filter((g) => evaluate(filter, groupJson(state, g, origin))) : items;
  const { start, slice } = page(matches, q, limits);
  const withMembers = wantsMembers(q.attributes, q.excludedAttributes);
  return listResponse(matches.length, start, slice.map((g) => project(groupJson(state, g, origin, withMembers), q.attributes, q.excludedAttributes)));
}
