// Okta directory connector on the official SDK (@okta/okta-sdk-nodejs 8.1.0).
//
// Configuration is passed explicitly and completely to the SDK's Client, so nothing leaks in from
// OKTA_CLIENT_* environment variables, ~/.okta/okta.yaml or ./okta.yaml: the SDK's ConfigLoader merges
// those first and the constructor object last, and we set every field it reads (authorizationMode,
// orgUrl, token, clientId, scopes, privateKey, keyId, userAgent), using "" for the ones that do not
// apply. The SDK also picks up HTTPS_PROXY/https_proxy from the environment; we drop that agent
// unless `httpsProxy` is configured. The GET cache is off (cacheMiddleware: null).
//
// Paging is page-level and resumable: each list call makes exactly one HTTP request through the SDK's
// Collection (getNextPage), and `next` is the absolute URL from Okta's Link rel="next" header (or null
// on the last page). A cursor is only followed when it points at the configured org and the expected
// endpoint, so a tampered cursor cannot send the credential elsewhere.
//
// Retries: the SDK's request executor retries 429s itself (up to maxRetries, waiting until
// X-Rate-Limit-Reset); we retry 5xx and network errors of idempotent calls with backoff (p-retry),
// also up to maxRetries. A 429 that survives the SDK's retries is surfaced as rate_limited (retryable,
// with retryAfterMs) and not retried again here. Timeouts are not retried here either: they surface as
// ConnectorError "timeout" (retryable) after timeoutMs.

import { Client, DefaultRequestExecutor, type Collection, type Group, type GroupRule, type LogEvent, type User } from "@okta/okta-sdk-nodejs";
import pRetry from "p-retry";

import {
  ConnectorError,
  type AppSignIn,
  type AppSignInQuery,
  type DirectoryCapabilities,
  type DirectoryConnector,
  type DirectoryGroup,
  type DirectoryUser,
  type EventHookRegistration,
  type MembershipAdd,
  type Page,
  type ReadBack,
  type ValidationResult,
} from "../types.ts";
import { retryAfterFromHeaders, toConnectorError, type ErrorContext } from "./errors.ts";
import { getOktaEventHook, registerOktaEventHook, removeOktaEventHook, type OktaCall } from "./okta-event-hooks.ts";
import { appSignInParams, mapAppSignIn } from "./app-sign-ins.ts";

export type OktaAuthConfig =
  | { mode: "token"; token: string }
  | {
      mode: "privateKey";
      clientId: string;
      /** PEM string, or a JWK as an object or JSON string. */
      privateKey: string | Record<string, unknown>;
      /** Required with a PEM key (the JWK's own kid is used otherwise). */
      keyId?: string;
      /** Default: okta.users.read okta.users.manage okta.groups.read okta.groups.manage */
      scopes?: string[];
    };

export interface OktaConnectorConfig {
  /** e.g. https://acme.okta.com (a trailing slash is removed). */
  orgUrl: string;
  auth: OktaAuthConfig;
  /** Per HTTP request, and the cap on the SDK's 429 waits; default 10 000 ms. */
  timeoutMs?: number;
  /** Retries of 5xx/network errors (ours) and of 429s (the SDK's); default 2. */
  maxRetries?: number;
  /** Backoff for 5xx retries: first delay (default 500 ms), doubling up to retryMaxDelayMs (default 5 000 ms). */
  retryMinDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Default page sizes (Okta maxima: users 200, groups 10 000, group members 1 000). */
  pageSize?: { users?: number; groups?: number; members?: number };
  /** Mark groups targeted by active group rules as unmanaged (one extra call per connector instance). Default true. */
  detectGroupRules?: boolean;
  /** Explicit proxy; HTTPS_PROXY from the environment is ignored. */
  httpsProxy?: string;
  userAgent?: string;
}

const DEFAULT_SCOPES = ["okta.users.read", "okta.users.manage", "okta.groups.read", "okta.groups.manage"];
const MAX_PAGE = { users: 200, groups: 10_000, members: 1000 } as const;
const DEFAULT_PAGE = { users: 200, groups: 1000, members: 1000 } as const;
/** System Log pages read per membership lookup (1,000 events each): a bound on a very busy group. */
const MEMBERSHIP_LOG_PAGES = 5;

type Kind = keyof typeof MAX_PAGE;

/** Counts every HTTP request the SDK makes (retries and OAuth token calls included) and remembers rate-limit hints. */
class InstrumentedExecutor extends DefaultRequestExecutor {
  calls = 0;
  lastRetryAfterMs: number | undefined;
  lastOAuthError: string | undefined;

  constructor(config: { maxRetries: number; requestTimeout: number }) {
    super(config);
    this.on("request", () => {
      this.calls++;
    });
    this.on("response", (res: { status: number; url: string; headers: { get(n: string): string | null }; clone(): { text(): Promise<string> } }) => {
      if (res.status === 429) this.lastRetryAfterMs = retryAfterFromHeaders((n) => res.headers.get(n));
      if (res.status < 400 && res.url.includes("/oauth2/v1/token")) this.lastOAuthError = undefined;
      if (res.status >= 400 && res.url.includes("/oauth2/v1/token")) {
        res
          .clone()
          .text()
          .then((t) => {
            try {
              const j = JSON.parse(t) as { error?: string; error_description?: string };
              this.lastOAuthError = [j.error, j.error_description].filter(Boolean).join(": ");
            } catch {
              this.lastOAuthError = t.slice(0, 200);
            }
          })
          .catch(() => {});
      }
    });
  }
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined || v === "") return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function mapOktaUser(u: User): DirectoryUser {
  const p = (u.profile ?? {}) as Record<string, unknown>;
  return {
    externalId: u.id!,
    login: String(p.login ?? ""),
    email: String(p.email ?? ""),
    firstName: String(p.firstName ?? ""),
    lastName: String(p.lastName ?? ""),
    title: str(p.title),
    department: str(p.department),
    location: str(p.location) ?? str(p.city),
    managerRef: str(p.managerId) ?? str(p.manager),
    status: String(u.status ?? "UNKNOWN"),
    employmentType: str(p.userType),
    startDate: toDate(p.startDate),
    terminationDate: toDate(p.terminationDate),
    lastLoginAt: toDate(u.lastLogin),
  };
}

export function mapOktaGroup(g: Group, ruleTargets: Map<string, string>): DirectoryGroup {
  const type = String(g.type ?? "OKTA_GROUP");
  const base = { externalId: g.id!, name: String(g.profile?.name ?? g.id), description: str(g.profile?.description), type };
  if (type === "APP_GROUP") {
    return { ...base, managed: false, unmanagedReason: "APP_GROUP: membership is mastered by the source app (e.g. Active Directory); Okta refuses changes" };
  }
  if (type === "BUILT_IN") {
    return { ...base, managed: false, unmanagedReason: "BUILT_IN group (e.g. Everyone): Okta manages its membership" };
  }
  const rule = ruleTargets.get(g.id!);
  if (rule) return { ...base, managed: false, unmanagedReason: `Membership is assigned by the Okta group rule "${rule}"` };
  return { ...base, managed: true, unmanagedReason: null };
}

export class OktaConnector implements DirectoryConnector {
  readonly kind = "okta" as const;
  readonly capabilities: DirectoryCapabilities = { sync: true, provision: true, suspend: true, lastActivity: true };

  private readonly client: Client;
  private readonly executor: InstrumentedExecutor;
  private readonly orgUrl: string;
  private readonly origin: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryMinDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly pageSize: Record<Kind, number>;
  private readonly detectGroupRules: boolean;
  private readonly authMode: "token" | "privateKey";
  private ruleTargets: Promise<Map<string, string>> | null = null;

  constructor(config: OktaConnectorConfig) {
    const orgUrl = config.orgUrl.trim().replace(/\/+$/, "");
    let parsed: URL;
    try {
      parsed = new URL(orgUrl);
    } catch {
      throw new ConnectorError(`Invalid Okta org URL: ${config.orgUrl}`, "invalid", false);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new ConnectorError(`Invalid Okta org URL: ${config.orgUrl}`, "invalid", false);
    this.orgUrl = orgUrl;
    this.origin = parsed.origin;
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.maxRetries = Math.max(0, config.maxRetries ?? 2);
    this.retryMinDelayMs = config.retryMinDelayMs ?? 500;
    this.retryMaxDelayMs = config.retryMaxDelayMs ?? 5000;
    this.detectGroupRules = config.detectGroupRules ?? true;
    this.authMode = config.auth.mode;
    this.pageSize = {
      users: clampPage(config.pageSize?.users ?? DEFAULT_PAGE.users, "users"),
      groups: clampPage(config.pageSize?.groups ?? DEFAULT_PAGE.groups, "groups"),
      members: clampPage(config.pageSize?.members ?? DEFAULT_PAGE.members, "members"),
    };

    this.executor = new InstrumentedExecutor({ maxRetries: this.maxRetries, requestTimeout: this.timeoutMs });
    const auth = config.auth;
    if (auth.mode === "token" && !auth.token) throw new ConnectorError("Okta API token is empty", "invalid", false);
    if (auth.mode === "privateKey" && (!auth.clientId || !auth.privateKey)) {
      throw new ConnectorError("Okta service app needs a client id and a private key", "invalid", false);
    }
    // Every field the SDK's ConfigLoader knows is set, so env vars and okta.yaml cannot fill gaps.
    const sdkConfig = {
      orgUrl,
      authorizationMode: auth.mode === "token" ? "SSWS" : "PrivateKey",
      token: auth.mode === "token" ? auth.token : "",
      clientId: auth.mode === "privateKey" ? auth.clientId : "",
      scopes: auth.mode === "privateKey" ? (auth.scopes?.length ? auth.scopes : DEFAULT_SCOPES) : [],
      privateKey: auth.mode === "privateKey" ? auth.privateKey : "",
      keyId: auth.mode === "privateKey" ? auth.keyId ?? "" : "",
      userAgent: config.userAgent ?? "gatehouse-okta-connector",
      cacheMiddleware: null,
      requestExecutor: this.executor,
      httpsProxy: config.httpsProxy,
    };
    try {
      this.client = new Client(sdkConfig as ConstructorParameters<typeof Client>[0]);
    } catch (e) {
      throw new ConnectorError(`Okta client configuration is invalid: ${e instanceof Error ? e.message : String(e)}`, "invalid", false);
    }
    if (!config.httpsProxy) this.client.http.agent = undefined;
  }

  apiCalls(): number {
    return this.executor.calls;
  }

  // ---------- calls ----------

  private ctx(op: string, membership?: { groupId: string }): ErrorContext {
    return {
      op,
      authMode: this.authMode,
      membership,
      lastRetryAfterMs: this.executor.lastRetryAfterMs,
      oauthError: this.executor.lastOAuthError,
      timeoutMs: this.timeoutMs,
      orgUrl: this.orgUrl,
    };
  }

  /** Runs one SDK call; maps errors; retries 5xx/network errors when `idempotent`. */
  private async call<T>(op: string, fn: () => Promise<T>, opts: { idempotent: boolean; membership?: { groupId: string } }): Promise<T> {
    let attempts = 0;
    const once = async () => {
      attempts++;
      try {
        return await fn();
      } catch (e) {
        throw toConnectorError(e, this.ctx(op, opts.membership));
      }
    };
    if (!opts.idempotent || this.maxRetries === 0) return once();
    try {
      return await pRetry(once, {
        retries: this.maxRetries,
        minTimeout: this.retryMinDelayMs,
        maxTimeout: this.retryMaxDelayMs,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => error instanceof ConnectorError && error.code === "unavailable",
      });
    } catch (e) {
      if (e instanceof ConnectorError && attempts > 1) {
        throw new ConnectorError(`${e.message} (gave up after ${attempts} attempts)`, e.code, e.retryable, e.retryAfterMs, e.status);
      }
      throw e;
    }
  }

  /**
   * One page through an SDK Collection: exactly one HTTP request (plus SDK/our retries).
   * `make` builds a fresh Collection (no request yet); a cursor replaces its first URL.
   */
  private async page<R, T>(op: string, make: () => Promise<Collection<R>>, cursor: string | null | undefined, expectedPath: string, map: (r: R) => T): Promise<Page<T>> {
    if (cursor) this.checkCursor(cursor, expectedPath);
    return this.call(
      op,
      async () => {
        const coll = await make();
        if (cursor) coll.nextUri = cursor;
        const raw = (await coll.getNextPage()) as unknown as R[];
        return { items: raw.map(map), next: coll.nextUri ? String(coll.nextUri) : null };
      },
      { idempotent: true },
    );
  }

  private checkCursor(cursor: string, expectedPath: string) {
    let u: URL;
    try {
      u = new URL(cursor);
    } catch {
      throw new ConnectorError("Invalid Okta paging cursor (not a URL)", "invalid", false);
    }
    const path = u.pathname.replace(/\/{2,}/g, "/").replace(/\/$/, "");
    if (u.origin !== this.origin || path !== expectedPath) {
      throw new ConnectorError(`Okta paging cursor does not belong to ${this.origin}${expectedPath}`, "invalid", false);
    }
  }

  private limit(kind: Kind, pageSize?: number): number {
    return pageSize ? clampPage(pageSize, kind) : this.pageSize[kind];
  }

  // ---------- DirectoryConnector ----------

  async validate(): Promise<ValidationResult> {
    const host = new URL(this.orgUrl).host;
    try {
      const coll = await this.client.userApi.listUsers({ limit: 1 });
      await coll.getNextPage();
      const how = this.authMode === "token" ? "the API token" : "the service app";
      return { ok: true, detail: `Connected to Okta org ${host}; ${how} can read users` };
    } catch (err) {
      const e = toConnectorError(err, this.ctx("validate the connection"));
      const raw = err as { errorCode?: string; errorSummary?: string; status?: number };
      switch (e.code) {
        case "auth":
          if (this.authMode === "token") {
            return { ok: false, detail: `Okta rejected the API token (${[raw.errorCode ?? raw.status, raw.errorSummary].filter(Boolean).join(" ")})` };
          }
          return { ok: false, detail: `Okta rejected the service app credentials (${this.executor.lastOAuthError ?? [raw.errorCode ?? raw.status, raw.errorSummary].filter(Boolean).join(" ")})` };
        case "forbidden":
          return { ok: false, detail: `Okta accepted the credential but it cannot read users (${raw.errorCode ?? 403} ${raw.errorSummary ?? ""}); grant okta.users.read or a read-only admin role`.trim() };
        case "timeout":
          return { ok: false, detail: `Okta at ${host} did not answer within ${this.timeoutMs} ms` };
        case "unavailable":
          return { ok: false, detail: e.status ? `Okta at ${host} is unavailable (${e.status})` : e.message.replace(/ while trying to .*$/, "") };
        case "not_found":
          return { ok: false, detail: `No Okta Management API at ${this.orgUrl} (404): check the org URL` };
        default:
          return { ok: false, detail: e.message };
      }
    }
  }

  listUsers(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryUser>> {
    // The plain list omits DEPROVISIONED users (Okta behaviour); a sync marks people missing from it as not seen.
    const limit = this.limit("users", pageSize);
    return this.page("list users", () => this.client.userApi.listUsers({ limit }), cursor, "/api/v1/users", mapOktaUser);
  }

  async listGroups(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryGroup>> {
    const limit = this.limit("groups", pageSize);
    const rules = await this.groupRuleTargets();
    return this.page("list groups", () => this.client.groupApi.listGroups({ limit }), cursor, "/api/v1/groups", (g: Group) => mapOktaGroup(g, rules));
  }

  listGroupMembers(groupExternalId: string, cursor?: string | null, pageSize?: number): Promise<Page<string>> {
    const limit = this.limit("members", pageSize);
    return this.page(
      `list members of group ${groupExternalId}`,
      () => this.client.groupApi.listGroupUsers({ groupId: groupExternalId, limit }),
      cursor,
      `/api/v1/groups/${encodeURIComponent(groupExternalId)}/users`,
      (u: User) => u.id!,
    );
  }

  async addMember(groupExternalId: string, userExternalId: string): Promise<void> {
    // PUT is idempotent: Okta answers 204 for an existing member too.
    await this.call(
      `add user ${userExternalId} to group ${groupExternalId}`,
      () => this.client.groupApi.assignUserToGroup({ groupId: groupExternalId, userId: userExternalId }),
      { idempotent: true, membership: { groupId: groupExternalId } },
    );
  }

  async removeMember(groupExternalId: string, userExternalId: string): Promise<void> {
    // DELETE of a non-member is 204 in Okta too.
    await this.call(
      `remove user ${userExternalId} from group ${groupExternalId}`,
      () => this.client.groupApi.unassignUserFromGroup({ groupId: groupExternalId, userId: userExternalId }),
      { idempotent: true, membership: { groupId: groupExternalId } },
    );
  }

  async isMember(groupExternalId: string, userExternalId: string): Promise<ReadBack> {
    // GET /users/{uid}/groups is O(the user's groups), unlike GET /groups/{gid}/users (O(group size)).
    const groups: Group[] = [];
    let cursor: string | null = null;
    do {
      const p: Page<Group> = await this.page(
        `read the groups of user ${userExternalId}`,
        () => this.client.userApi.listUserGroups({ userId: userExternalId }),
        cursor,
        `/api/v1/users/${encodeURIComponent(userExternalId)}/groups`,
        (g: Group) => g,
      );
      groups.push(...p.items);
      cursor = p.next;
    } while (cursor);
    const hit = groups.find((g) => g.id === groupExternalId);
    const checkedAt = new Date();
    const detail = hit
      ? `Okta lists group ${groupExternalId} ("${hit.profile?.name ?? ""}") among the ${groups.length} groups of user ${userExternalId} (GET /api/v1/users/${userExternalId}/groups)`
      : `Okta does not list group ${groupExternalId} among the ${groups.length} groups of user ${userExternalId} (GET /api/v1/users/${userExternalId}/groups)`;
    return { isMember: Boolean(hit), checkedAt, detail };
  }

  async readUserStatus(userExternalId: string): Promise<{ status: string; checkedAt: Date; detail: string }> {
    const user = await this.call(`read user ${userExternalId}`, () => this.client.userApi.getUser({ userId: userExternalId }), { idempotent: true });
    const checkedAt = new Date();
    return { status: String(user.status), checkedAt, detail: `Okta reports user ${userExternalId} as ${String(user.status)} (GET /api/v1/users/${userExternalId})` };
  }

  async suspendUser(userExternalId: string): Promise<void> {
    try {
      await this.call(`suspend user ${userExternalId}`, () => this.client.userApi.suspendUser({ userId: userExternalId }), { idempotent: true });
    } catch (e) {
      // Okta only suspends ACTIVE users (400 E0000001 otherwise). Already suspended counts as done.
      if (e instanceof ConnectorError && e.code === "invalid") {
        const user = await this.call(`read user ${userExternalId}`, () => this.client.userApi.getUser({ userId: userExternalId }), { idempotent: true });
        if (user.status === "SUSPENDED") return;
        throw new ConnectorError(`Okta cannot suspend user ${userExternalId}: status is ${String(user.status)} (only ACTIVE users can be suspended)`, "invalid", false, undefined, e.status);
      }
      throw e;
    }
  }

  /** Sign-ins to one app from the System Log, one page (≤ 1,000 events) per call; always bounded by `until`. */
  async listAppSignIns(query: AppSignInQuery, cursor?: string | null): Promise<Page<AppSignIn>> {
    const params = appSignInParams(query);
    return this.page(
      `read sign-ins to app ${query.appExternalId} from the System Log`,
      () => this.client.systemLogApi.listLogEvents(params),
      cursor,
      "/api/v1/logs",
      mapAppSignIn,
    ).then((p) => ({ items: p.items.filter((x): x is AppSignIn => x !== null), next: p.next }));
  }

  /**
   * group.user_membership.add events of one group in [since, until), newest first, from the System Log.
   * Always bounded (`until`): a polling query never ends (protocols.md). At most MEMBERSHIP_LOG_PAGES pages.
   */
  async findMembershipAdds(query: { groupExternalId: string; since: Date; until: Date }): Promise<MembershipAdd[]> {
    // The id goes into a filter expression: only Okta's id alphabet, so it cannot change the query.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(query.groupExternalId)) throw new ConnectorError(`Not an Okta group id: ${query.groupExternalId.slice(0, 64)}`, "invalid", false);
    if (!(query.until instanceof Date) || !(query.since instanceof Date) || !(query.since < query.until)) {
      throw new ConnectorError("A System Log query needs since before until (a bounded query)", "invalid", false);
    }
    const filter = `eventType eq "group.user_membership.add" and target.id eq "${query.groupExternalId}"`;
    const params = { since: query.since.toISOString(), until: query.until.toISOString(), filter, limit: 1000, sortOrder: "DESCENDING" as const };
    const adds: MembershipAdd[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < MEMBERSHIP_LOG_PAGES; pages++) {
      const p: Page<LogEvent> = await this.page(
        `read the System Log for group ${query.groupExternalId}`,
        () => this.client.systemLogApi.listLogEvents(params),
        cursor, "/api/v1/logs", (e: LogEvent) => e,
      );
      for (const e of p.items) {
        const user = e.target?.find((t) => t.type === "User");
        const at = toDate(e.published);
        if (!user?.id || !at || (e.outcome?.result && e.outcome.result !== "SUCCESS")) continue;
        adds.push({ personExternalId: user.id, actor: { id: e.actor?.id ?? "", displayName: str(e.actor?.displayName), login: str(e.actor?.alternateId) }, at });
      }
      cursor = p.next;
      if (!cursor) break;
    }
    return adds;
  }

  /** One user (any status, DEPROVISIONED included), or null when Okta does not know the id: refreshes one person on an event. */
  async getUser(userExternalId: string): Promise<DirectoryUser | null> {
    try {
      return mapOktaUser(await this.call(`read user ${userExternalId}`, () => this.client.userApi.getUser({ userId: userExternalId }), { idempotent: true }));
    } catch (e) {
      if (e instanceof ConnectorError && e.code === "not_found") return null;
      throw e;
    }
  }

  registerEventHook(input: { name: string; uri: string; secret: string; events: string[] }): Promise<EventHookRegistration> {
    return registerOktaEventHook(this.client, this.hookCall, input);
  }

  getEventHook(hookId: string): Promise<EventHookRegistration | null> {
    return getOktaEventHook(this.client, this.hookCall, hookId);
  }

  removeEventHook(hookId: string): Promise<void> {
    return removeOktaEventHook(this.client, this.hookCall, hookId);
  }

  private readonly hookCall: OktaCall = (op, fn, opts) => this.call(op, fn, opts);

  /** Group ids targeted by ACTIVE group rules → rule name (fetched once per connector instance). */
  private groupRuleTargets(): Promise<Map<string, string>> {
    if (!this.detectGroupRules) return Promise.resolve(new Map());
    if (!this.ruleTargets) {
      this.ruleTargets = (async () => {
        const targets = new Map<string, string>();
        let cursor: string | null = null;
        try {
          do {
            const p: Page<GroupRule> = await this.page("list group rules", () => this.client.groupApi.listGroupRules({ limit: 200 }), cursor, "/api/v1/groups/rules", (r: GroupRule) => r);
            for (const r of p.items) {
              if (String(r.status) !== "ACTIVE") continue;
              for (const gid of r.actions?.assignUserToGroups?.groupIds ?? []) targets.set(gid, r.name ?? r.id ?? "group rule");
            }
            cursor = p.next;
          } while (cursor);
        } catch (e) {
          // Without permission to read rules (or no rules API), carry on without them.
          if (e instanceof ConnectorError && (e.code === "forbidden" || e.code === "not_found")) return targets;
          throw e;
        }
        return targets;
      })();
      this.ruleTargets.catch(() => {
        this.ruleTargets = null;
      });
    }
    return this.ruleTargets;
  }
}

function clampPage(n: number, kind: Kind): number {
  if (!Number.isFinite(n) || n < 1) return DEFAULT_PAGE[kind];
  return Math.min(Math.floor(n), MAX_PAGE[kind]);
}

export function createOktaConnector(config: OktaConnectorConfig): OktaConnector {
  return new OktaConnector(config);
}
