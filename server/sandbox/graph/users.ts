// /v1.0/users routes of the sandbox Graph: list (with $select, $top, $expand=manager, signInActivity behind the
// tenant's licence), get one, manager, memberOf, and PATCH accountEnabled.

import { GraphHttpError, badRequest, notFound, pageIds, parseSelect, parseTop, project, readJson, send, type Ctx } from "./http.ts";
import type { GraphState, GraphUser } from "./state.ts";

const USER_PROPS = new Set([
  "id", "displayName", "givenName", "surname", "userPrincipalName", "mail", "accountEnabled", "department", "jobTitle",
  "officeLocation", "employeeId", "employeeType", "employeeHireDate", "employeeLeaveDateTime", "createdDateTime",
  "signInActivity", "businessPhones", "mobilePhone", "preferredLanguage",
]);
/** What v1.0 returns without $select (department and accountEnabled are not in it). */
const DEFAULT_PROPS = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"];
const PATCHABLE = new Set(["accountEnabled", "department", "jobTitle", "officeLocation", "employeeType", "employeeLeaveDateTime"]);

const nonPremium = () =>
  new GraphHttpError(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license");

function userJson(u: GraphUser, select: string[] | null): Record<string, unknown> {
  const full: Record<string, unknown> = { ...u, businessPhones: [], mobilePhone: null, preferredLanguage: null };
  delete full.managerId;
  return project(full, select ?? DEFAULT_PROPS);
}

/** $expand=manager or manager($select=id,displayName): the manager as a directoryObject, or no property. */
function parseExpand(ctx: Ctx): string[] | null {
  const raw = ctx.query.get("$expand");
  if (raw === null || raw === "") return null;
  const m = /^manager(?:\(\$select=([A-Za-z,]+)\))?$/.exec(raw.trim());
  if (!m) throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${raw.split("(")[0]}' on type 'microsoft.graph.user'.`);
  return m[1] ? m[1].split(",") : ["id", "displayName", "userPrincipalName"];
}

function withManager(state: GraphState, u: GraphUser, json: Record<string, unknown>, managerProps: string[] | null) {
  if (!managerProps) return json;
  const m = u.managerId ? state.users.get(u.managerId) : undefined;
  if (m) json.manager = { "@odata.type": "#microsoft.graph.user", ...project(m as unknown as Record<string, unknown>, managerProps) };
  return json;
}

/** A user by object id or userPrincipalName, as Graph resolves /users/{id | userPrincipalName}. */
export function findUser(state: GraphState, key: string): GraphUser {
  const byId = state.users.get(key);
  if (byId) return byId;
  const lower = key.toLowerCase();
  for (const u of state.users.values()) if (u.userPrincipalName.toLowerCase() === lower) return u;
  throw notFound(key);
}

export function listUsers(ctx: Ctx, state: GraphState): void {
  const select = parseSelect(ctx, USER_PROPS, "user");
  const wantsSignIn = select?.includes("signInActivity") ?? false;
  if (wantsSignIn && !state.premiumLicence) throw nonPremium();
  const top = parseTop(ctx, 100, wantsSignIn ? 500 : 999);
  const managerProps = parseExpand(ctx);
  const { page, nextLink } = pageIds(ctx, state.userIds(), top, "users");
  const value = page.map((id) => {
    const u = state.users.get(id)!;
    return withManager(state, u, userJson(u, select), managerProps);
  });
  const context = `${ctx.origin}/v1.0/$metadata#users${select ? `(${select.join(",")})` : ""}`;
  send(ctx, 200, { "@odata.context": context, value, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
}

export function getUser(ctx: Ctx, state: GraphState, key: string): void {
  const select = parseSelect(ctx, USER_PROPS, "user");
  if (select?.includes("signInActivity") && !state.premiumLicence) throw nonPremium();
  const u = findUser(state, key);
  const json = withManager(state, u, userJson(u, select), parseExpand(ctx));
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#users/$entity`, ...json });
}

export function getManager(ctx: Ctx, state: GraphState, key: string): void {
  const u = findUser(state, key);
  const m = u.managerId ? state.users.get(u.managerId) : undefined;
  if (!m) throw notFound("manager");
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#directoryObjects/$entity`, "@odata.type": "#microsoft.graph.user", ...userJson(m, null), id: m.id });
}

/** Direct group memberships of a user (GET /users/{id}/memberOf), paged. */
export function listMemberOf(ctx: Ctx, state: GraphState, key: string): void {
  const u = findUser(state, key);
  const top = parseTop(ctx, 100, 999);
  const { page, nextLink } = pageIds(ctx, state.groupsOf(u.id), top, `memberOf:${u.id}`);
  const value = page.map((gid) => {
    const g = state.groups.get(gid)!;
    return { "@odata.type": "#microsoft.graph.group", id: g.id, displayName: g.displayName };
  });
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#directoryObjects`, value, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
}

/** PATCH /users/{id}: 204 No Content; disabling an already disabled account is 204 too. */
export async function patchUser(ctx: Ctx, state: GraphState, key: string): Promise<void> {
  const body = await readJson(ctx.req);
  const u = findUser(state, key);
  for (const [k, v] of Object.entries(body)) {
    if (!PATCHABLE.has(k)) throw badRequest(`Property '${k}' is read-only or not supported by the sandbox.`);
    if (k === "accountEnabled" && typeof v !== "boolean") throw badRequest("Invalid value specified for property 'accountEnabled' of resource 'User'.");
  }
  Object.assign(u, body);
  send(ctx, 204);
}
