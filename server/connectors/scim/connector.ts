// A SCIM 2.0 directory/target (RFC 7643/7644, protocols.md §4) over plain fetch: base URL + bearer token.
//
// Paging is index-based: the cursor is the next startIndex (a decimal string), valid on any connector to the
// same server. Group members are listed with GET /Users?filter=groups.value eq "{group}" (paged like users);
// a server that refuses that filter is read through GET /Groups/{id}?attributes=members instead, sliced here.
// Membership changes are PATCHes with RFC ops: add (an existing member is success, 409 included), remove by a
// members[value eq "…"] path (noTarget, i.e. not a member, is success). A read-only group (400 mutability) is
// "forbidden". Suspension is PATCH replace active=false. Read-back asks GET /Groups?filter=id eq "{group}" and
// members.value eq "{user}" (what Entra's own SCIM client asks), falling back to the group's member list.

import {
  ConnectorError,
  type DirectoryCapabilities,
  type DirectoryConnector,
  type DirectoryGroup,
  type DirectoryUser,
  type Page,
  type ReadBack,
  type ValidationResult,
} from "../types.ts";
import { ScimHttpError } from "./errors.ts";
import { ScimHttp, type ScimRequest } from "./http.ts";
import {
  isActive, mapScimGroup, mapScimUser, statusOf,
  type ScimGroupResource, type ScimListResponse, type ScimUserResource,
} from "./map.ts";

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const MAX_PAGE = 1000;

export interface ScimConnectorConfig {
  /** The SCIM base URL, e.g. https://api.example.com/scim/v2 (a trailing slash is removed). */
  baseUrl: string;
  token: string;
  /** Per attempt, body included; default 15 000 ms. */
  timeoutMs?: number;
  /** Retries of 429/5xx/network errors; default 2. */
  maxRetries?: number;
  retryMinDelayMs?: number;
  retryMaxDelayMs?: number;
  /** The longest Retry-After waited for in place (default 30 s); longer ones fail as rate_limited. */
  maxRetryWaitMs?: number;
  /** Default page sizes (default users 200, groups 200, members 500; at most 1,000). */
  pageSize?: { users?: number; groups?: number; members?: number };
  /** Group ids or display names Gatehouse must treat as unmanaged (SCIM has no standard read-only flag). */
  readOnlyGroups?: string[];
  userAgent?: string;
}

const clampPage = (n: number) => Math.max(1, Math.min(MAX_PAGE, Math.floor(n)));
const quote = (s: string) => JSON.stringify(s);

function startIndexOf(cursor: string | null | undefined): number {
  if (!cursor) return 1;
  if (!/^\d{1,9}$/.test(cursor) || Number(cursor) < 1) throw new ConnectorError(`Invalid SCIM paging cursor "${cursor}" (expected a startIndex)`, "invalid", false);
  return Number(cursor);
}

/** The next startIndex, or null on the last page (an empty page ends the listing whatever totalResults says). */
function nextCursor(start: number, got: number, total: number | undefined): string | null {
  if (got === 0) return null;
  const next = start + got;
  return total !== undefined && next > total ? null : String(next);
}

function resources<T>(body: unknown, action: string): { items: T[]; total: number | undefined } {
  const list = body as ScimListResponse<T> | null;
  if (!list || !Array.isArray(list.Resources ?? [])) throw new ConnectorError(`SCIM server answered ${action} without a ListResponse`, "unknown", false);
  return { items: list.Resources ?? [], total: typeof list.totalResults === "number" ? list.totalResults : undefined };
}

export class ScimConnector implements DirectoryConnector {
  readonly kind = "scim" as const;
  readonly capabilities: DirectoryCapabilities = { sync: true, provision: true, suspend: true, lastActivity: false };

  private readonly http: ScimHttp;
  private readonly pageSize: { users: number; groups: number; members: number };
  private readonly readOnlyGroups: Set<string>;
  /** Set once the server refuses filter=groups.value eq …: members are then read from the group resource. */
  private membersFromGroup = false;

  constructor(config: ScimConnectorConfig) {
    const baseUrl = config.baseUrl.trim().replace(/\/+$/, "");
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new ConnectorError(`Invalid SCIM base URL: ${config.baseUrl}`, "invalid", false);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new ConnectorError(`Invalid SCIM base URL: ${config.baseUrl}`, "invalid", false);
    if (!config.token) throw new ConnectorError("The SCIM bearer token is empty", "invalid", false);
    this.http = new ScimHttp({
      baseUrl,
      token: config.token,
      timeoutMs: config.timeoutMs ?? 15_000,
      maxRetries: Math.max(0, config.maxRetries ?? 2),
      retryMinDelayMs: config.retryMinDelayMs ?? 500,
      retryMaxDelayMs: config.retryMaxDelayMs ?? 5_000,
      maxRetryWaitMs: config.maxRetryWaitMs ?? 30_000,
      userAgent: config.userAgent ?? "gatehouse-scim-connector",
    });
    this.pageSize = {
      users: clampPage(config.pageSize?.users ?? 200),
      groups: clampPage(config.pageSize?.groups ?? 200),
      members: clampPage(config.pageSize?.members ?? 500),
    };
    this.readOnlyGroups = new Set((config.readOnlyGroups ?? []).map((g) => g.trim().toLowerCase()).filter(Boolean));
  }

  apiCalls(): number {
    return this.http.calls;
  }

  private async get<T>(action: string, path: string, query?: ScimRequest["query"]): Promise<T> {
    return (await this.http.send({ action, method: "GET", path, query })).body as T;
  }

  private patch(action: string, path: string, operations: unknown[]) {
    return this.http.send({ action, method: "PATCH", path, json: { schemas: [PATCH_OP], Operations: operations } });
  }

  private async list<R, T>(action: string, path: string, cursor: string | null | undefined, count: number, query: Record<string, string>, map: (r: R) => T): Promise<Page<T>> {
    const start = startIndexOf(cursor);
    const body = await this.get<unknown>(action, path, { ...query, startIndex: String(start), count: String(count) });
    const { items, total } = resources<R>(body, action);
    return { items: items.map(map), next: nextCursor(start, items.length, total) };
  }

  async validate(): Promise<ValidationResult> {
    try {
      const body = await this.get<ScimListResponse<unknown>>("validate the connection", "/Users", { count: "1", attributes: "id" });
      const users = typeof body?.totalResults === "number" ? `${body.totalResults} users` : "users readable";
      const config = await this.get<{ patch?: { supported?: boolean }; filter?: { supported?: boolean; maxResults?: number } }>(
        "read the service provider configuration", "/ServiceProviderConfig",
      ).catch(() => null);
      if (config?.patch?.supported === false) return { ok: false, detail: `SCIM server at ${this.http.host} accepts the token but does not support PATCH, which group membership changes need` };
      const filter = config?.filter?.supported === false ? "; filtering unsupported" : config?.filter?.maxResults ? `; up to ${config.filter.maxResults} results a page` : "";
      return { ok: true, detail: `Connected to the SCIM server at ${this.http.host}: ${users}${filter}` };
    } catch (e) {
      const err = e instanceof ConnectorError ? e : new ConnectorError(String(e), "unknown", false);
      if (err.code === "auth") return { ok: false, detail: `The SCIM server at ${this.http.host} rejected the bearer token (${err.status ?? 401})` };
      if (err.code === "not_found") return { ok: false, detail: `No SCIM /Users endpoint at this base URL (404): check it ends with the SCIM path, e.g. /scim/v2` };
      return { ok: false, detail: err.message };
    }
  }

  listUsers(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryUser>> {
    const count = pageSize ? clampPage(pageSize) : this.pageSize.users;
    return this.list("list users", "/Users", cursor, count, { excludedAttributes: "groups" }, mapScimUser);
  }

  listGroups(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryGroup>> {
    const count = pageSize ? clampPage(pageSize) : this.pageSize.groups;
    return this.list("list groups", "/Groups", cursor, count, { excludedAttributes: "members" }, (g: ScimGroupResource) => mapScimGroup(g, this.readOnlyGroups));
  }

  async listGroupMembers(groupExternalId: string, cursor?: string | null, pageSize?: number): Promise<Page<string>> {
    const count = pageSize ? clampPage(pageSize) : this.pageSize.members;
    const action = `list members of group ${groupExternalId}`;
    if (!this.membersFromGroup) {
      try {
        return await this.list(action, "/Users", cursor, count, { filter: `groups.value eq ${quote(groupExternalId)}`, attributes: "id" }, (u: { id: string }) => u.id);
      } catch (e) {
        if (!(e instanceof ScimHttpError && e.status === 400 && (e.scimType === "invalidFilter" || e.scimType === null))) throw e;
        this.membersFromGroup = true;
      }
    }
    const start = startIndexOf(cursor);
    const members = await this.groupMembers(groupExternalId, action);
    const slice = members.slice(start - 1, start - 1 + count);
    return { items: slice, next: nextCursor(start, slice.length, members.length) };
  }

  private async groupMembers(groupId: string, action: string): Promise<string[]> {
    const g = await this.get<ScimGroupResource>(action, `/Groups/${encodeURIComponent(groupId)}`, { attributes: "members" });
    return (g?.members ?? []).map((m) => m.value).filter((v): v is string => typeof v === "string");
  }

  async addMember(groupExternalId: string, userExternalId: string): Promise<void> {
    const action = `add user ${userExternalId} to group ${groupExternalId}`;
    try {
      await this.patch(action, `/Groups/${encodeURIComponent(groupExternalId)}`, [{ op: "add", path: "members", value: [{ value: userExternalId }] }]);
    } catch (e) {
      if (e instanceof ScimHttpError && e.status === 409) return; // some servers answer a duplicate member with 409
      throw await this.membershipError(e, groupExternalId, userExternalId);
    }
  }

  async removeMember(groupExternalId: string, userExternalId: string): Promise<void> {
    const action = `remove user ${userExternalId} from group ${groupExternalId}`;
    try {
      await this.patch(action, `/Groups/${encodeURIComponent(groupExternalId)}`, [{ op: "remove", path: `members[value eq ${quote(userExternalId)}]` }]);
    } catch (e) {
      if (e instanceof ScimHttpError && e.status === 400 && e.scimType === "noTarget") return; // not a member: done
      throw await this.membershipError(e, groupExternalId, userExternalId);
    }
  }

  /** Our words for a refused membership change: read-only group → forbidden; a user the server lacks → not_found. */
  private async membershipError(e: unknown, groupId: string, userId: string): Promise<unknown> {
    if (!(e instanceof ScimHttpError) || e.status !== 400) return e;
    if (e.scimType === "mutability") {
      return new ConnectorError(`The SCIM server refuses changes to group ${groupId}: it is read-only there (400 mutability)`, "forbidden", false, undefined, 400);
    }
    if (e.scimType === "invalidValue") {
      const user = await this.getUser(userId);
      if (!user) return new ConnectorError(`The SCIM server has no user ${userId} (400 invalidValue, and GET /Users/${userId} is 404)`, "not_found", false, undefined, 404);
    }
    return e;
  }

  async isMember(groupExternalId: string, userExternalId: string): Promise<ReadBack> {
    const action = `read back whether ${userExternalId} is in group ${groupExternalId}`;
    const filter = `id eq ${quote(groupExternalId)} and members.value eq ${quote(userExternalId)}`;
    try {
      const body = await this.get<unknown>(action, "/Groups", { filter, attributes: "id,displayName" });
      const { items } = resources<ScimGroupResource>(body, action);
      const hit = items.some((g) => g.id === groupExternalId);
      return { isMember: hit, checkedAt: new Date(), detail: `GET /Groups?filter=${filter} answered ${items.length} group${items.length === 1 ? "" : "s"}: ${userExternalId} is ${hit ? "" : "not "}a member of ${groupExternalId}` };
    } catch (e) {
      if (!(e instanceof ScimHttpError && e.status === 400)) throw e;
    }
    const members = await this.groupMembers(groupExternalId, action);
    const hit = members.includes(userExternalId);
    return { isMember: hit, checkedAt: new Date(), detail: `GET /Groups/${groupExternalId}?attributes=members lists ${members.length} members; ${userExternalId} is ${hit ? "" : "not "}among them` };
  }

  async suspendUser(userExternalId: string): Promise<void> {
    // Replacing active with false again is a no-op, so suspending twice is success.
    await this.patch(`suspend user ${userExternalId}`, `/Users/${encodeURIComponent(userExternalId)}`, [{ op: "replace", path: "active", value: false }]);
  }

  async readUserStatus(userExternalId: string): Promise<{ status: string; checkedAt: Date; detail: string }> {
    const u = await this.get<{ active?: unknown }>(`read user ${userExternalId}`, `/Users/${encodeURIComponent(userExternalId)}`, { attributes: "active" });
    const status = statusOf(u ?? {});
    return { status, checkedAt: new Date(), detail: `GET /Users/${userExternalId} reports active=${String(isActive(u ?? {}))} (${status})` };
  }

  async getUser(userExternalId: string): Promise<DirectoryUser | null> {
    try {
      return mapScimUser(await this.get<ScimUserResource>(`read user ${userExternalId}`, `/Users/${encodeURIComponent(userExternalId)}`, { excludedAttributes: "groups" }));
    } catch (e) {
      if (e instanceof ConnectorError && e.code === "not_found") return null;
      throw e;
    }
  }
}

export function createScimConnector(config: ScimConnectorConfig): ScimConnector {
  return new ScimConnector(config);
}
