// groups.list, groups.get, members.list/get/insert/delete and members.hasMember (protocols.md §3).
// Groups with adminCreated: false stand in for groups we may not manage (the choice is explained in index.ts): changes
// to their membership answer 403 "Not Authorized to access this resource/api", as Google does.

import { duplicateMember, invalidInput, notAuthorized, notFound } from "./errors.ts";
import { maxResults, pageAfter } from "./paging.ts";
import type { Route } from "./route.ts";
import type { GoogleGroup, GoogleState, GoogleUser, MemberRole } from "./state.ts";
import { checkCustomer, etag } from "./user-routes.ts";

const ROLES = new Set<MemberRole>(["OWNER", "MANAGER", "MEMBER"]);

function memberJson(user: GoogleUser, role: MemberRole) {
  return { kind: "admin#directory#member", etag: etag(role.length), id: user.id, email: user.primaryEmail, role, type: "USER", status: "ACTIVE" };
}

export function groupRoutes(state: GoogleState): Route[] {
  const mustGroup = (key: string): GoogleGroup => {
    const g = state.findGroup(key);
    if (!g) throw notFound("groupKey");
    return g;
  };
  const mustMember = (key: string): GoogleUser => {
    const u = state.findUser(key);
    if (!u) throw notFound("memberKey");
    return u;
  };
  const changeable = (g: GoogleGroup) => {
    if (!g.adminCreated) throw notAuthorized();
  };

  return [
    {
      method: "GET",
      pattern: /^\/groups$/,
      key: "GET /groups",
      handle: ({ url }) => {
        const userKey = url.searchParams.get("userKey");
        if (!userKey) checkCustomer(state, url);
        const limit = maxResults(url.searchParams.get("maxResults"), 200, 200);
        let list = state.sortedGroups();
        if (userKey) {
          const user = state.findUser(userKey);
          if (!user) throw notFound("userKey");
          list = list.filter((g) => state.isMember(g.id, user.id));
        }
        const page = pageAfter(list, (g) => g.email.toLowerCase(), limit, url.searchParams.get("pageToken"), `groups|${userKey ?? ""}`);
        return { status: 200, body: { kind: "admin#directory#groups", etag: etag(page.items.length), groups: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) } };
      },
    },
    { method: "GET", pattern: /^\/groups\/([^/]+)$/, key: "GET /groups/{groupKey}", handle: ({ params }) => ({ status: 200, body: mustGroup(params[0]!) }) },
    {
      method: "GET",
      pattern: /^\/groups\/([^/]+)\/members$/,
      key: "GET /groups/{groupKey}/members",
      handle: ({ url, params }) => {
        const group = mustGroup(params[0]!);
        const limit = maxResults(url.searchParams.get("maxResults"), 200, 200);
        const roles = url.searchParams.get("roles");
        const wanted = roles ? new Set(roles.split(",").map((r) => r.trim().toUpperCase())) : null;
        if (wanted) for (const r of wanted) if (!ROLES.has(r as MemberRole)) throw invalidInput("roles");
        const members = [...(state.memberships.get(group.id) ?? [])]
          .filter(([, role]) => !wanted || wanted.has(role))
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const page = pageAfter(members, ([id]) => id, limit, url.searchParams.get("pageToken"), `members|${group.id}|${roles ?? ""}`);
        const items = page.items.map(([id, role]) => memberJson(state.users.get(id)!, role));
        return { status: 200, body: { kind: "admin#directory#members", etag: etag(items.length), members: items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) } };
      },
    },
    {
      method: "GET",
      pattern: /^\/groups\/([^/]+)\/members\/([^/]+)$/,
      key: "GET /groups/{groupKey}/members/{memberKey}",
      handle: ({ params }) => {
        const group = mustGroup(params[0]!);
        const user = mustMember(params[1]!);
        const role = state.memberships.get(group.id)?.get(user.id);
        if (!role) throw notFound("memberKey");
        return { status: 200, body: memberJson(user, role) };
      },
    },
    {
      method: "GET",
      pattern: /^\/groups\/([^/]+)\/hasMember\/([^/]+)$/,
      key: "GET /groups/{groupKey}/hasMember/{memberKey}",
      handle: ({ params }) => {
        const group = mustGroup(params[0]!);
        const user = mustMember(params[1]!);
        return { status: 200, body: { isMember: state.isMember(group.id, user.id) } };
      },
    },
    {
      method: "POST",
      pattern: /^\/groups\/([^/]+)\/members$/,
      key: "POST /groups/{groupKey}/members",
      write: true,
      handle: ({ params, body }) => {
        const group = mustGroup(params[0]!);
        changeable(group);
        const input = (typeof body === "object" && body !== null ? body : {}) as { email?: unknown; id?: unknown; role?: unknown };
        const key = typeof input.id === "string" && input.id ? input.id : typeof input.email === "string" ? input.email : "";
        if (!key) throw invalidInput("memberKey");
        const role = (typeof input.role === "string" ? input.role.toUpperCase() : "MEMBER") as MemberRole;
        if (!ROLES.has(role)) throw invalidInput("role");
        const user = mustMember(key);
        if (!state.insertMembership(group.id, user.id, role)) throw duplicateMember();
        return { status: 200, body: memberJson(user, role) };
      },
    },
    {
      method: "DELETE",
      pattern: /^\/groups\/([^/]+)\/members\/([^/]+)$/,
      key: "DELETE /groups/{groupKey}/members/{memberKey}",
      write: true,
      handle: ({ params }) => {
        const group = mustGroup(params[0]!);
        changeable(group);
        const user = mustMember(params[1]!);
        if (!state.removeMembership(group.id, user.id)) throw notFound("memberKey");
        return { status: 204 };
      },
    },
  ];
}
