// /v1.0/groups routes of the sandbox Graph: list and get groups, list members (all or cast to users), add a
// member by reference (POST …/members/$ref) and remove one (DELETE …/members/{id}/$ref).
// Dynamic, on-premises-synced and mail-enabled security groups refuse membership changes with 400.

import { GraphHttpError, badRequest, notFound, pageIds, parseSelect, parseTop, project, readJson, send, type Ctx } from "./http.ts";
import { refusalReason, type GraphGroup, type GraphState } from "./state.ts";

const GROUP_PROPS = new Set([
  "id", "displayName", "description", "groupTypes", "securityEnabled", "mailEnabled", "mailNickname",
  "onPremisesSyncEnabled", "membershipRule", "membershipRuleProcessingState", "createdDateTime",
]);

/** Graph's duplicate-member answer (protocols.md §2, verified): clients treat it as success. */
export const DUPLICATE_MEMBER_MESSAGE = "One or more added object references already exist for the following modified properties: 'members'.";

/** The refusals for groups Graph will not change (status verified as 400 in reports; the wording is the sandbox's). */
const REFUSALS: Record<string, string> = {
  dynamic: "Insufficient privileges to complete the operation. Members of a group with dynamic membership cannot be added or removed; the membership rule decides.",
  onPremises: "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.",
  mailEnabled: "Cannot Update a mail-enabled security groups and or distribution list.",
};

export function findGroup(state: GraphState, id: string): GraphGroup {
  const g = state.groups.get(id);
  if (!g) throw notFound(id);
  return g;
}

export function listGroups(ctx: Ctx, state: GraphState): void {
  const select = parseSelect(ctx, GROUP_PROPS, "group");
  const top = parseTop(ctx, 100, 999);
  const { page, nextLink } = pageIds(ctx, state.groupIds(), top, "groups");
  const value = page.map((id) => {
    const g = state.groups.get(id)! as unknown as Record<string, unknown>;
    return select ? project(g, select) : { ...g };
  });
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#groups`, value, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
}

export function getGroup(ctx: Ctx, state: GraphState, id: string): void {
  const select = parseSelect(ctx, GROUP_PROPS, "group");
  const g = findGroup(state, id) as unknown as Record<string, unknown>;
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#groups/$entity`, ...(select ? project(g, select) : g) });
}

/** GET /groups/{id}/members[/microsoft.graph.user]: directoryObjects with @odata.type (only users here). */
export function listMembers(ctx: Ctx, state: GraphState, id: string): void {
  findGroup(state, id);
  const top = parseTop(ctx, 100, 999);
  const select = ctx.query.get("$select")?.split(",").map((s) => s.trim()).filter(Boolean) ?? ["displayName", "userPrincipalName", "mail"];
  const { page, nextLink } = pageIds(ctx, state.memberIds(id), top, `members:${id}`);
  const value = page.map((uid) => ({ "@odata.type": "#microsoft.graph.user", ...project(state.users.get(uid)! as unknown as Record<string, unknown>, select) }));
  send(ctx, 200, { "@odata.context": `${ctx.origin}/v1.0/$metadata#directoryObjects`, value, ...(nextLink ? { "@odata.nextLink": nextLink } : {}) });
}

/** The object id in {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"} (users/{id} also accepted). */
function referencedId(body: Record<string, unknown>): string {
  const ref = body["@odata.id"];
  const m = typeof ref === "string" ? /^https:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users)\/([^/?#]+)$/.exec(ref) : null;
  if (!m) throw badRequest("Invalid URL format specified in @odata.id.");
  return decodeURIComponent(m[1]!);
}

function refuseUnmanaged(g: GraphGroup): void {
  const reason = refusalReason(g);
  if (reason) throw new GraphHttpError(400, "Request_BadRequest", REFUSALS[reason]!);
}

export async function addMember(ctx: Ctx, state: GraphState, id: string): Promise<void> {
  const body = await readJson(ctx.req);
  const g = findGroup(state, id);
  const uid = referencedId(body);
  if (!state.users.has(uid)) throw notFound(uid);
  refuseUnmanaged(g);
  if (state.isMember(g.id, uid)) throw badRequest(DUPLICATE_MEMBER_MESSAGE);
  state.addMembership(g.id, uid);
  send(ctx, 204);
}

export function removeMember(ctx: Ctx, state: GraphState, id: string, uid: string): void {
  const g = findGroup(state, id);
  refuseUnmanaged(g);
  if (!state.removeMembership(g.id, uid)) throw notFound(uid);
  send(ctx, 204);
}
