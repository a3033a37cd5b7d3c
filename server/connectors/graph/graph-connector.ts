// Entra ID directory connector on the official Graph SDK (@microsoft/microsoft-graph-client 3.0.7).
//
// The client is built with Client.initWithMiddleware and our own chain (protocols.md §2, option b):
//   BearerAuthMiddleware (app-only token, cached until expiry) → RetryHandler (the SDK's: 429/503/504,
//   honouring Retry-After, at most `throttleRetries` times) → HttpsTransport (node:https with optional extra
//   CA certificates, a per-request timeout and a request counter).
// The SDK's AuthenticationHandler is left out on purpose: it only sends tokens to its own host list.
//
// Paging is page-level and resumable: each list call makes one request, and `next` is Graph's absolute
// @odata.nextLink. A cursor is only followed when it points at the configured Graph origin and the expected
// path; it is handed to the SDK as a path relative to /v1.0 (the SDK prefixes base URL and version).
//
// Retries: 429/503/504 by the SDK's RetryHandler; 500/502 and network errors of idempotent calls by us with
// backoff (p-retry), up to maxRetries. Timeouts are not retried: they surface as "timeout" (retryable).

import { Client, GraphError, RetryHandler, RetryHandlerOptions } from "@microsoft/microsoft-graph-client";
import pRetry from "p-retry";

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
import { BearerAuthMiddleware } from "./auth-middleware.ts";
import { isDuplicateMember, isLicenceRefusal, toConnectorError } from "./errors.ts";
import { GROUP_SELECT, USER_SELECT, mapGraphGroup, mapGraphUser, unmanagedReason, type GraphGroupJson, type GraphUserJson } from "./map.ts";
import { ClientSecretTokens } from "./token.ts";
import { HttpsTransport } from "./transport.ts";

export interface EntraConnectorConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://graph.microsoft.com (no version; v1.0 is added). */
  graphUrl?: string;
  /** Default https://login.microsoftonline.com. */
  authorityUrl?: string;
  /** Extra trusted CA certificates (PEM), e.g. the sandbox's self-signed one. */
  ca?: string | string[];
  /** Per HTTP request; default 10 000 ms. */
  timeoutMs?: number;
  /** Our retries of 500/502 and network errors; default 2. */
  maxRetries?: number;
  /** The SDK RetryHandler's retries of 429/503/504 (it waits Retry-After); default 3. */
  throttleRetries?: number;
  /** Backoff for our retries: first delay (default 500 ms), doubling up to retryMaxDelayMs (default 5 000 ms). */
  retryMinDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Default page sizes (Graph maxima 999; 500 for users when signInActivity is read). */
  pageSize?: { users?: number; groups?: number; members?: number };
  /**
   * signInActivity (last login) needs an Entra ID P1/P2 licence and AuditLog.Read.All. "auto" (default) reads it
   * and falls back, turning capabilities.lastActivity off, when Graph answers 403 for the licence; "off" never reads it.
   */
  signInActivity?: "auto" | "off";
}

const MAX_PAGE = 999;
const MAX_PAGE_WITH_SIGN_IN = 500;
type Kind = "users" | "groups" | "members";

interface Collection<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

export class EntraConnector implements DirectoryConnector {
  readonly kind = "entra" as const;
  /** lastActivity turns false once Graph says the tenant's licence does not allow signInActivity. */
  readonly capabilities: DirectoryCapabilities;
  /** Why last login is not available, when it is not (shown on the Connections page). */
  lastActivityUnavailableReason: string | null = null;

  private readonly client: Client;
  private readonly transport: HttpsTransport;
  private readonly tokens: ClientSecretTokens;
  private readonly graphOrigin: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryMinDelayMs: number;
  private readonly retryMaxDelayMs: number;
  private readonly pageSize: Record<Kind, number>;
  private readSignIn: boolean;

  constructor(private readonly config: EntraConnectorConfig) {
    for (const k of ["tenantId", "clientId", "clientSecret"] as const) {
      if (!config[k]?.trim()) throw new ConnectorError(`Entra ${k} is empty`, "invalid", false);
    }
    this.graphOrigin = originOf(config.graphUrl ?? "https://graph.microsoft.com", "Graph URL");
    const authority = originOf(config.authorityUrl ?? "https://login.microsoftonline.com", "authority URL");
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.maxRetries = Math.max(0, config.maxRetries ?? 2);
    this.retryMinDelayMs = config.retryMinDelayMs ?? 500;
    this.retryMaxDelayMs = config.retryMaxDelayMs ?? 5000;
    this.readSignIn = config.signInActivity !== "off";
    this.capabilities = { sync: true, provision: true, suspend: true, lastActivity: this.readSignIn };
    if (!this.readSignIn) this.lastActivityUnavailableReason = "Reading sign-in activity is turned off for this connection";
    this.pageSize = {
      users: clampPage(config.pageSize?.users ?? MAX_PAGE),
      groups: clampPage(config.pageSize?.groups ?? MAX_PAGE),
      members: clampPage(config.pageSize?.members ?? MAX_PAGE),
    };

    this.transport = new HttpsTransport({ ca: config.ca, timeoutMs: this.timeoutMs });
    this.tokens = new ClientSecretTokens({ authorityUrl: authority, tenantId: config.tenantId, clientId: config.clientId, clientSecret: config.clientSecret }, this.transport);
    const retry = new RetryHandler(new RetryHandlerOptions(3, Math.max(0, config.throttleRetries ?? 3)));
    this.client = Client.initWithMiddleware({
      baseUrl: `${this.graphOrigin}/`,
      defaultVersion: "v1.0",
      middleware: [new BearerAuthMiddleware(this.tokens), retry, this.transport],
    });
  }

  apiCalls(): number {
    return this.transport.calls;
  }

  // ---------- calls ----------

  /** Runs one Graph call (token first, so credential errors come straight from the token endpoint); maps errors. */
  private async call<T>(op: string, fn: () => Promise<T>, opts: { idempotent: boolean }): Promise<T> {
    let attempts = 0;
    const once = async () => {
      attempts++;
      try {
        await this.tokens.get();
        return await fn();
      } catch (e) {
        throw this.mapError(e, op);
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
        // 503/504 were already retried by the SDK's RetryHandler (with Retry-After); 500/502 and lost connections are ours.
        shouldRetry: ({ error }) => error instanceof ConnectorError && error.code === "unavailable" && error.status !== 503 && error.status !== 504,
      });
    } catch (e) {
      if (e instanceof ConnectorError && attempts > 1) {
        throw new ConnectorError(`${e.message} (gave up after ${attempts} attempts)`, e.code, e.retryable, e.retryAfterMs, e.status);
      }
      throw e;
    }
  }

  private mapError(e: unknown, op: string): ConnectorError | GraphError {
    // Kept as GraphError for callers that treat some answers as success (duplicate add, licence fallback).
    if (isDuplicateMember(e) || isLicenceRefusal(e)) return e as GraphError;
    return toConnectorError(e, { op, timeoutMs: this.timeoutMs, host: new URL(this.graphOrigin).host });
  }

  /** A cursor (absolute nextLink) as a path relative to /v1.0, after checking it belongs to this Graph and endpoint. */
  private cursorPath(cursor: string, expectedPath: string): string {
    let u: URL;
    try {
      u = new URL(cursor);
    } catch {
      throw new ConnectorError("Invalid Graph paging cursor (not a URL)", "invalid", false);
    }
    if (u.origin !== this.graphOrigin || u.pathname !== `/v1.0${expectedPath}`) {
      throw new ConnectorError(`Graph paging cursor does not belong to ${this.graphOrigin}/v1.0${expectedPath}`, "invalid", false);
    }
    return `${expectedPath}${u.search}`;
  }

  private async page<R, T>(op: string, first: () => Promise<Collection<R>>, cursor: string | null | undefined, expectedPath: string, map: (r: R) => T): Promise<Page<T>> {
    const path = cursor ? this.cursorPath(cursor, expectedPath) : null;
    const body = await this.call(op, () => (path ? (this.client.api(path).get() as Promise<Collection<R>>) : first()), { idempotent: true });
    return { items: (body.value ?? []).map(map), next: body["@odata.nextLink"] ?? null };
  }

  private limit(kind: Kind, pageSize?: number): number {
    return pageSize ? clampPage(pageSize) : this.pageSize[kind];
  }

  private noteNoLicence(): void {
    this.readSignIn = false;
    this.capabilities.lastActivity = false;
    this.lastActivityUnavailableReason =
      "Entra does not return sign-in activity for this tenant (it needs an Entra ID P1 or P2 licence and AuditLog.Read.All); last login stays empty";
  }

  // ---------- DirectoryConnector ----------

  async validate(): Promise<ValidationResult> {
    try {
      await this.call("validate the connection", () => this.client.api("/users").select(["id"]).top(1).get(), { idempotent: true });
    } catch (e) {
      const ce = e instanceof ConnectorError ? e : this.asConnectorError(e, "validate the connection");
      const detail =
        ce.code === "forbidden" ? `${ce.message}. Grant the app User.Read.All (application) and admin consent`
        : ce.code === "timeout" ? `Microsoft Graph did not answer within ${this.timeoutMs} ms`
        : ce.message;
      return { ok: false, detail };
    }
    if (this.readSignIn) {
      try {
        await this.call("read sign-in activity", () => this.client.api("/users").select(["id", "signInActivity"]).top(1).get(), { idempotent: true });
      } catch (e) {
        if (!isLicenceRefusal(e) && !(e instanceof ConnectorError && e.code === "forbidden")) {
          return { ok: false, detail: this.asConnectorError(e, "read sign-in activity").message };
        }
        this.noteNoLicence();
      }
    }
    const lastLogin = this.capabilities.lastActivity ? "last sign-in dates are available" : this.lastActivityUnavailableReason;
    return { ok: true, detail: `Connected to Entra tenant ${this.config.tenantId}; the app can read users; ${lastLogin}` };
  }

  async listUsers(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryUser>> {
    const op = "list users";
    const first = () => {
      const select = this.readSignIn ? [...USER_SELECT, "signInActivity"] : USER_SELECT;
      const top = Math.min(this.limit("users", pageSize), this.readSignIn ? MAX_PAGE_WITH_SIGN_IN : MAX_PAGE);
      return this.client.api("/users").select(select).expand("manager($select=id)").top(top).get() as Promise<Collection<GraphUserJson>>;
    };
    try {
      return await this.page(op, first, cursor, "/users", mapGraphUser);
    } catch (e) {
      if (!isLicenceRefusal(e)) throw e;
      // No P1/P2 licence: read users without signInActivity from now on (a cursor drops it from its $select too).
      this.noteNoLicence();
      return this.page(op, first, cursor ? withoutSignInActivity(cursor) : cursor, "/users", mapGraphUser);
    }
  }

  listGroups(cursor?: string | null, pageSize?: number): Promise<Page<DirectoryGroup>> {
    const top = this.limit("groups", pageSize);
    const first = () => this.client.api("/groups").select(GROUP_SELECT).top(top).get() as Promise<Collection<GraphGroupJson>>;
    return this.page("list groups", first, cursor, "/groups", mapGraphGroup);
  }

  listGroupMembers(groupExternalId: string, cursor?: string | null, pageSize?: number): Promise<Page<string>> {
    const top = this.limit("members", pageSize);
    // The cast to microsoft.graph.user leaves out nested groups, devices and service principals.
    const path = `/groups/${encodeURIComponent(groupExternalId)}/members/microsoft.graph.user`;
    const first = () => this.client.api(path).select(["id"]).top(top).get() as Promise<Collection<{ id: string }>>;
    return this.page(`list members of group ${groupExternalId}`, first, cursor, path, (m) => m.id);
  }

  async addMember(groupExternalId: string, userExternalId: string): Promise<void> {
    const op = `add user ${userExternalId} to group ${groupExternalId}`;
    const ref = { "@odata.id": `${this.graphOrigin}/v1.0/directoryObjects/${userExternalId}` };
    try {
      // Safe to retry: a repeated add meets Graph's duplicate answer, which is success.
      await this.call(op, () => this.client.api(`/groups/${encodeURIComponent(groupExternalId)}/members/$ref`).post(ref), { idempotent: true });
    } catch (e) {
      if (isDuplicateMember(e)) return;
      throw await this.membershipRefusal(e, groupExternalId, op);
    }
  }

  async removeMember(groupExternalId: string, userExternalId: string): Promise<void> {
    const op = `remove user ${userExternalId} from group ${groupExternalId}`;
    try {
      await this.call(op, () => this.client.api(`/groups/${encodeURIComponent(groupExternalId)}/members/${encodeURIComponent(userExternalId)}/$ref`).delete(), { idempotent: true });
    } catch (e) {
      // 404 is "not a member" when the group exists: what we wanted.
      if (e instanceof ConnectorError && e.code === "not_found") {
        await this.readGroup(groupExternalId, op);
        return;
      }
      throw await this.membershipRefusal(e, groupExternalId, op);
    }
  }

  async isMember(groupExternalId: string, userExternalId: string): Promise<ReadBack> {
    // A user's direct groups (GET /users/{id}/memberOf): O(their groups), not O(group size).
    const path = `/users/${encodeURIComponent(userExternalId)}/memberOf`;
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page<string> = await this.page(
        `read the groups of user ${userExternalId}`,
        () => this.client.api(path).select(["id"]).top(MAX_PAGE).get() as Promise<Collection<{ id: string }>>,
        cursor, path, (g) => g.id,
      );
      ids.push(...p.items);
      cursor = p.next;
    } while (cursor);
    const isMember = ids.includes(groupExternalId);
    const detail = `Graph ${isMember ? "lists" : "does not list"} group ${groupExternalId} among the ${ids.length} direct groups of user ${userExternalId} (GET /v1.0/users/${userExternalId}/memberOf)`;
    return { isMember, checkedAt: new Date(), detail };
  }

  async suspendUser(userExternalId: string): Promise<void> {
    // Disabling is idempotent in Graph (204 again), so retrying is safe.
    await this.call(`disable user ${userExternalId}`, () => this.client.api(`/users/${encodeURIComponent(userExternalId)}`).patch({ accountEnabled: false }), { idempotent: true });
  }

  async readUserStatus(userExternalId: string): Promise<{ status: string; checkedAt: Date; detail: string }> {
    const u = (await this.call(`read user ${userExternalId}`, () => this.client.api(`/users/${encodeURIComponent(userExternalId)}`).select(["id", "accountEnabled"]).get(), { idempotent: true })) as GraphUserJson;
    const status = u.accountEnabled === false ? "SUSPENDED" : "ACTIVE";
    return { status, checkedAt: new Date(), detail: `Graph reports user ${userExternalId} with accountEnabled ${String(u.accountEnabled)} (GET /v1.0/users/${userExternalId})` };
  }

  async getUser(userExternalId: string): Promise<DirectoryUser | null> {
    const select = this.readSignIn ? [...USER_SELECT, "signInActivity"] : USER_SELECT;
    const get = (sel: string[]) => () => this.client.api(`/users/${encodeURIComponent(userExternalId)}`).select(sel).expand("manager($select=id)").get() as Promise<GraphUserJson>;
    try {
      return mapGraphUser(await this.call(`read user ${userExternalId}`, get(select), { idempotent: true }));
    } catch (e) {
      if (e instanceof ConnectorError && e.code === "not_found") return null;
      if (!isLicenceRefusal(e)) throw e;
      this.noteNoLicence();
      return this.getUser(userExternalId);
    }
  }

  /** Closes idle connections (the transport keeps them alive between calls). */
  close(): void {
    this.transport.close();
  }

  // ---------- helpers ----------

  private asConnectorError(e: unknown, op: string): ConnectorError {
    return e instanceof ConnectorError ? e : toConnectorError(e, { op, timeoutMs: this.timeoutMs, host: new URL(this.graphOrigin).host });
  }

  private async readGroup(groupExternalId: string, op: string): Promise<GraphGroupJson> {
    return (await this.call(`${op} (read the group)`, () => this.client.api(`/groups/${encodeURIComponent(groupExternalId)}`).select(GROUP_SELECT).get(), { idempotent: true })) as GraphGroupJson;
  }

  /** A refused membership change: "forbidden" when the group is one Graph will not change (dynamic, synced…). */
  private async membershipRefusal(e: unknown, groupExternalId: string, op: string): Promise<ConnectorError> {
    const ce = this.asConnectorError(e, op);
    if (ce.code !== "invalid" || ce.status !== 400) return ce;
    const reason = unmanagedReason(await this.readGroup(groupExternalId, op));
    if (!reason) return ce;
    return new ConnectorError(`Microsoft Graph refuses to ${op}: ${reason}`, "forbidden", false, undefined, 400);
  }
}

function clampPage(n: number): number {
  if (!Number.isFinite(n) || n < 1) return MAX_PAGE;
  return Math.min(Math.floor(n), MAX_PAGE);
}

function originOf(url: string, what: string): string {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== "https:") throw new Error("not https");
    return u.origin;
  } catch {
    throw new ConnectorError(`Invalid Entra ${what} (https required): ${url}`, "invalid", false);
  }
}

function withoutSignInActivity(cursor: string): string {
  const u = new URL(cursor);
  const select = u.searchParams.get("$select");
  if (select) u.searchParams.set("$select", select.split(",").filter((p) => p !== "signInActivity").join(","));
  return u.toString();
}

export function createEntraConnector(config: EntraConnectorConfig): EntraConnector {
  return new EntraConnector(config);
}
