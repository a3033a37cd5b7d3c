// Google Workspace directory connector on the official SDK (@googleapis/admin 32.1.0, Directory API v1).
//
// Auth: an OAuth2Client whose refreshHandler asks a GoogleTokenSource for tokens (a service account with
// domain-wide delegation in production, a static token against the sandbox): see token-source.ts.
// rootUrl points the SDK anywhere (plain http works, protocols.md §3). Retries and timeouts are ours
// (retry.ts); every HTTP request the SDK makes is counted through gaxios' `adapter` hook.
// Paging: one SDK call per page; `next` is Google's nextPageToken, resumable on a fresh connector.

import { admin, auth, type admin_directory_v1 } from "@googleapis/admin";

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
import { googleStatus, mapGoogleGroup, mapGoogleUser } from "./map.ts";
import { callWithRetries, type RetryPolicy } from "./retry.ts";
import type { GoogleTokenSource } from "./token-source.ts";

export interface GoogleConnectorConfig {
  tokens: GoogleTokenSource;
  /** Default https://admin.googleapis.com/ ; the sandbox's URL in tests. */
  rootUrl?: string;
  /** Which directory: "my_customer" (default, the admin's own) or a customer id. */
  customer?: string;
  /** Per HTTP request; default 10 000 ms. */
  timeoutMs?: number;
  /** Retries of 429/5xx/network errors; default 3. */
  maxRetries?: number;
  retryMinDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Longest Retry-After waited out inside one call; default 10 000 ms. */
  maxRetryWaitMs?: number;
  /** Default page sizes (Google maxima: users 500, groups 200, members 200). */
  pageSize?: { users?: number; groups?: number; members?: number };
  /** Group ids or emails Gatehouse must not change (e.g. Cloud Identity dynamic groups). */
  unmanagedGroups?: string[];
}

const MAX_PAGE = { users: 500, groups: 200, members: 200 } as const;
type Kind = keyof typeof MAX_PAGE;

export class GoogleConnector implements DirectoryConnector {
  readonly kind = "google" as const;
  readonly capabilities: DirectoryCapabilities = { sync: true, provision: true, suspend: true, lastActivity: true };

  private readonly directory: admin_directory_v1.Admin;
  private readonly policy: RetryPolicy;
  private readonly host: string;
  private readonly customer: string;
  private readonly pageSize: Record<Kind, number>;
  private readonly unmanaged: ReadonlySet<string>;
  private readonly tokens: GoogleTokenSource;
  private calls = 0;

  constructor(config: GoogleConnectorConfig) {
    const rootUrl = (config.rootUrl ?? "https://admin.googleapis.com/").trim();
    let parsed: URL;
    try {
      parsed = new URL(rootUrl);
    } catch {
      throw new ConnectorError(`Invalid Google API root URL: ${rootUrl}`, "invalid", false);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new ConnectorError(`Invalid Google API root URL: ${rootUrl}`, "invalid", false);
    this.host = parsed.host;
    this.tokens = config.tokens;
    this.customer = config.customer ?? "my_customer";
    this.policy = {
      timeoutMs: config.timeoutMs ?? 10_000,
      maxRetries: Math.max(0, config.maxRetries ?? 3),
      retryMinDelayMs: config.retryMinDelayMs ?? 500,
      retryMaxDelayMs: config.retryMaxDelayMs ?? 8000,
      maxRetryWaitMs: config.maxRetryWaitMs ?? 10_000,
    };
    this.pageSize = {
      users: clampPage(config.pageSize?.users, "users"),
      groups: clampPage(config.pageSize?.groups, "groups"),
      members: clampPage(config.pageSize?.members, "members"),
    };
    this.unmanaged = new Set((config.unmanagedGroups ?? []).map((k) => (k.includes("@") ? k.toLowerCase() : k)));

    const client = new auth.OAuth2();
    // Asked whenever there is no token or it is about to expire; concurrent first calls share one mint.
    let minting: Promise<{ access_token: string; expiry_date: number }> | null = null;
    client.refreshHandler = () =>
      (minting ??= this.tokens
        .accessToken()
        .then((t) => ({ access_token: t.token, expiry_date: t.expiresAt?.getTime() ?? Date.now() + 3_600_000 }))
        .finally(() => {
          minting = null;
        }));
    this.directory = admin({
      version: "directory_v1",
      auth: client,
      rootUrl: parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`,
      retry: false,
      adapter: (options, defaultAdapter) => {
        this.calls++;
        return defaultAdapter(options);
      },
    });
  }

  apiCalls(): number {
    return this.calls;
  }

  private call<T>(op: string, fn: (signal: AbortSignal) => Promise<{ data: T }>, membership?: { groupId: string }): Promise<T> {
    return callWithRetries(this.policy, { op, host: this.host, membership }, async (signal) => (await fn(signal)).data);
  }

  private limit(kind: Kind, pageSize?: number | null): number {
    return pageSize ? clampPage(pageSize, kind) : this.pageSize[kind];
  }

  async validate(): Promise<ValidationResult> {
    try {
      const data = await this.call("validate the connection", (signal) => this.directory.users.list({ customer: this.customer, maxResults: 1 }, { signal }));
      const domain = data.users?.[0]?.primaryEmail?.split("@")[1];
      return { ok: true, detail: `Connected to the Google Workspace directory${domain ? ` of ${domain}` : ""} at ${this.host}; ${this.tokens.description} can read users` };
    } catch (e) {
      const err = e instanceof ConnectorError ? e : new ConnectorError(String(e), "unknown", false);
      switch (err.code) {
        case "auth":
          return { ok: false, detail: `Google rejected ${this.tokens.description}: ${err.message}` };
        case "forbidden":
          return { ok: false, detail: `Google accepted ${this.tokens.description} but it cannot read users (${err.message}); the subject must be a Workspace admin and the Directory scopes must be delegated` };
        case "timeout":
          return { ok: false, detail: `Google at ${this.host} did not answer within ${this.policy.timeoutMs} ms` };
        default:
          return { ok: false, detail: err.message };
      }
    }
  }

  async listUsers(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryUser>> {
    const maxResults = this.limit("users", pageSize);
    const data = await this.call("list users", (signal) =>
      this.directory.users.list({ customer: this.customer, maxResults, projection: "basic", pageToken: cursor || undefined }, { signal }),
    );
    return { items: (data.users ?? []).map(mapGoogleUser), next: data.nextPageToken || null };
  }

  async listGroups(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryGroup>> {
    const maxResults = this.limit("groups", pageSize);
    const data = await this.call("list groups", (signal) => this.directory.groups.list({ customer: this.customer, maxResults, pageToken: cursor || undefined }, { signal }));
    return { items: (data.groups ?? []).map((g) => mapGoogleGroup(g, this.unmanaged)), next: data.nextPageToken || null };
  }

  async listGroupMembers(groupExternalId: string, cursor?: string | null, pageSize?: number): Promise<Page<string>> {
    const maxResults = this.limit("members", pageSize);
    const data = await this.call(`list members of group ${groupExternalId}`, (signal) =>
      this.directory.members.list({ groupKey: groupExternalId, maxResults, pageToken: cursor || undefined }, { signal }),
    );
    // Nested groups and customer-wide members are not people: only USER members are listed.
    const ids = (data.members ?? []).filter((m) => (m.type ?? "USER") === "USER" && m.id).map((m) => m.id!);
    return { items: ids, next: data.nextPageToken || null };
  }

  async addMember(groupExternalId: string, userExternalId: string): Promise<void> {
    const member = userExternalId.includes("@") ? { email: userExternalId, role: "MEMBER" } : { id: userExternalId, role: "MEMBER" };
    try {
      await this.call(
        `add user ${userExternalId} to group ${groupExternalId}`,
        (signal) => this.directory.members.insert({ groupKey: groupExternalId, requestBody: member }, { signal }),
        { groupId: groupExternalId },
      );
    } catch (e) {
      // 409 "Member already exists." (reason duplicate) is the state we wanted; also after a retried insert.
      if (e instanceof ConnectorError && e.status === 409) return;
      throw e;
    }
  }

  async removeMember(groupExternalId: string, userExternalId: string): Promise<void> {
    try {
      await this.call(
        `remove user ${userExternalId} from group ${groupExternalId}`,
        (signal) => this.directory.members.delete({ groupKey: groupExternalId, memberKey: userExternalId }, { signal }),
        { groupId: groupExternalId },
      );
    } catch (e) {
      // 404 for the member ("Resource Not Found: memberKey") means not a member: done. A missing group is not.
      if (e instanceof ConnectorError && e.code === "not_found" && !/groupKey/i.test(e.message)) return;
      throw e;
    }
  }

  async isMember(groupExternalId: string, userExternalId: string): Promise<ReadBack> {
    const path = `/admin/directory/v1/groups/${encodeURIComponent(groupExternalId)}/hasMember/${encodeURIComponent(userExternalId)}`;
    const data = await this.call(`check whether user ${userExternalId} is in group ${groupExternalId}`, (signal) =>
      this.directory.members.hasMember({ groupKey: groupExternalId, memberKey: userExternalId }, { signal }),
    );
    const isMember = data.isMember === true;
    return { isMember, checkedAt: new Date(), detail: `Google answered isMember=${isMember} for user ${userExternalId} in group ${groupExternalId} (GET ${path})` };
  }

  async suspendUser(userExternalId: string): Promise<void> {
    // PATCH to a fixed value: suspending a suspended user is a 200 too.
    await this.call(`suspend user ${userExternalId}`, (signal) => this.directory.users.patch({ userKey: userExternalId, requestBody: { suspended: true } }, { signal }));
  }

  async readUserStatus(userExternalId: string): Promise<{ status: string; checkedAt: Date; detail: string }> {
    const user = await this.readUser(userExternalId);
    const status = googleStatus(user);
    const flags = `suspended=${user.suspended === true}${user.archived ? ", archived=true" : ""}`;
    return { status, checkedAt: new Date(), detail: `Google reports user ${userExternalId} with ${flags} (GET /admin/directory/v1/users/${userExternalId})` };
  }

  async getUser(userExternalId: string): Promise<DirectoryUser | null> {
    try {
      return mapGoogleUser(await this.readUser(userExternalId));
    } catch (e) {
      if (e instanceof ConnectorError && e.code === "not_found") return null;
      throw e;
    }
  }

  private readUser(userExternalId: string): Promise<admin_directory_v1.Schema$User> {
    return this.call(`read user ${userExternalId}`, (signal) => this.directory.users.get({ userKey: userExternalId, projection: "basic" }, { signal }));
  }
}

function clampPage(n: number | null | undefined, kind: Kind): number {
  if (n === null || n === undefined || !Number.isFinite(n) || n < 1) return MAX_PAGE[kind];
  return Math.min(Math.floor(n), MAX_PAGE[kind]);
}

export function createGoogleConnector(config: GoogleConnectorConfig): GoogleConnector {
  return new GoogleConnector(config);
}

