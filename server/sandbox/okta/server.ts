// Sandbox Okta: an in-memory, protocol-faithful subset of the Okta Management API over real HTTP
// (node:http, no framework). The real @okta/okta-sdk-nodejs 8.1.0 talks to it.
// See /work/shared/protocols.md §1 and §9 for the behaviours reproduced here.

import { createPublicKey, randomBytes, verify as cryptoVerify, type JsonWebKey as CryptoJwk } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";

import { OktaFaults, OktaStats, type OktaRequestRecord } from "./faults.ts";
import { EventHookApiError, eventHookRoutes, OktaEventHooks, type EventHookOptions } from "./event-hooks.ts";
import { comparisons, compileQuery, evaluate, parseQuery, QuerySyntaxError } from "./query.ts";
import { OktaState, cmp, type OktaGroup, type OktaLogEvent, type OktaOAuthClient, type OktaUser } from "./state.ts";

export const DEFAULT_OKTA_TOKEN = "00sandbox-okta-api-token-0123456789abcdef";

export type RateLimitBucket = "users-list" | "users-get" | "users-write" | "groups-list" | "groups" | "logs" | "oauth" | "default";

export const DEFAULT_RATE_LIMITS: Record<RateLimitBucket, number> = {
  "users-list": 600,
  "users-get": 2000,
  "users-write": 600,
  "groups-list": 500,
  groups: 1000,
  logs: 120,
  oauth: 600,
  default: 1200,
};

export interface OktaSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The API token accepted as `SSWS <token>` (also as `Bearer <token>`). */
  token?: string;
  state?: OktaState;
  /** Added to every response. */
  latencyMs?: number;
  /** Persist the state to this JSON file (debounced, on every change) and load it at start when it exists (the file wins over `state`). */
  persistTo?: string;
  persistDebounceMs?: number;
  /** Enforce per-bucket rate limits (off by default; the headers are always sent). */
  rateLimit?: boolean | { limits?: Partial<Record<RateLimitBucket, number>>; windowMs?: number };
  /** Origin used in Link headers and `_links`; default the request's Host header, else the sandbox's own origin. */
  publicUrl?: string;
  /** Lifetime of OAuth access tokens issued by /oauth2/v1/token (default 3600 s). */
  accessTokenTtlSeconds?: number;
  /** Event hook verification and delivery timing (Okta: 3 s timeout, one retry). */
  eventHooks?: EventHookOptions;
}

export interface OktaSandbox {
  /** Origin, no trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  token: string;
  state: OktaState;
  faults: OktaFaults;
  stats: OktaStats;
  /** Event hooks: registrations, deliveries made, and test controls (hold, flush, duplicateNext, redeliver). */
  eventHooks: OktaEventHooks;
  /** Writes pending state to `persistTo` now. */
  flush(): void;
  stop(): Promise<void>;
}

interface Principal {
  kind: "ssws" | "oauth";
  clientId: string | null;
  scopes: Set<string> | null;
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  segments: string[];
  query: URLSearchParams;
  origin: string;
  rec: OktaRequestRecord;
  rateHeaders: Record<string, string>;
  principal: Principal | null;
  body?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly summary: string,
    readonly causes: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(summary);
  }
}

const notFound = (id: string, type: string) => new HttpError(404, "E0000007", `Not found: Resource not found: ${id} (${type})`);
const validation = (what: string, cause?: string) =>
  new HttpError(400, "E0000001", `Api validation failed: ${what}`, cause ? [cause] : []);
const forbidden = () => new HttpError(403, "E0000006", "You do not have permission to perform the requested action");

function errorId(): string {
  return "oae" + randomBytes(16).toString("base64url").slice(0, 19);
}

function requestId(): string {
  return randomBytes(18).toString("base64url");
}

function clampLimit(raw: string | null, def: number, max: number): number {
  if (raw === null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validation("limit", "limit: must be a positive integer");
  return Math.min(n, max);
}

/** First index in a sorted list whose id is > after. */
function startAfter<T>(items: readonly T[], after: string | null, key: (t: T) => string): number {
  if (!after) return 0;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(key(items[mid]), after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A page of matches from a sorted list, with one look-ahead to know whether a next page exists. */
function pageOf<T>(items: readonly T[], start: number, limit: number, pred: (t: T) => boolean): { page: T[]; more: boolean } {
  const page: T[] = [];
  let i = start;
  for (; i < items.length && page.length < limit; i++) if (pred(items[i])) page.push(items[i]);
  for (; i < items.length; i++) if (pred(items[i])) return { page, more: true };
  return { page, more: false };
}

const USER_FILTER_ATTRS = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);
const GROUP_FILTER_ATTRS = new Set(["type", "id", "lastUpdated", "lastMembershipUpdated"]);
const ORDER_OPS = new Set(["gt", "ge", "lt", "le"]);

/** Okta's `filter`: only some attributes, `eq` only (date attributes also allow gt/ge/lt/le). */
function compileFilter(src: string, allowed: Set<string>, orderable: Set<string>): (o: unknown) => boolean {
  let expr;
  try {
    expr = parseQuery(src);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new HttpError(400, "E0000031", "Invalid search criteria.", [e.message]);
    throw e;
  }
  for (const c of comparisons(expr)) {
    if (!allowed.has(c.attr)) throw new HttpError(400, "E0000031", "Invalid search criteria.", [`filter: unsupported attribute ${c.attr}`]);
    if (c.op !== "eq" && !(orderable.has(c.attr) && ORDER_OPS.has(c.op))) {
      throw new HttpError(400, "E0000031", "Invalid search criteria.", [`filter: operator ${c.op} is not supported on ${c.attr}`]);
    }
  }
  return (o) => evaluate(expr, o);
}

function compileSearch(src: string): (o: unknown) => boolean {
  try {
    return compileQuery(src);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new HttpError(400, "E0000031", "Invalid search criteria.", [e.message]);
    throw e;
  }
}

// ---------- JWT client assertion (private_key_jwt) ----------

function b64json(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

const JWT_ALGS: Record<string, { hash: string; ec: boolean }> = {
  RS256: { hash: "sha256", ec: false },
  RS384: { hash: "sha384", ec: false },
  RS512: { hash: "sha512", ec: false },
  ES256: { hash: "sha256", ec: true },
  ES384: { hash: "sha384", ec: true },
  ES512: { hash: "sha512", ec: true },
};

function verifyClientAssertion(jwt: string, client: OktaOAuthClient, audience: string): string | null {
  const parts = jwt.split(".");
  if (parts.length !== 3) return "The client_assertion is not a JWT.";
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = b64json(parts[0]);
    payload = b64json(parts[1]);
  } catch {
    return "The client_assertion token is malformed.";
  }
  const alg = JWT_ALGS[String(header.alg)];
  if (!alg) return `The client_assertion algorithm ${String(header.alg)} is not supported.`;
  const candidates = header.kid ? client.jwks.filter((k) => (k as { kid?: string }).kid === header.kid) : client.jwks;
  const keys = candidates.length ? candidates : client.jwks.filter((k) => !(k as { kid?: string }).kid);
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], "base64url");
  const ok = keys.some((jwk) => {
    try {
      const key = createPublicKey({ key: jwk as CryptoJwk, format: "jwk" });
      return cryptoVerify(alg.hash, data, alg.ec ? { key, dsaEncoding: "ieee-p1363" } : key, sig);
    } catch {
      return false;
    }
  });
  if (!ok) return "The client_assertion signature is invalid.";
  if (payload.iss !== client.clientId || payload.sub !== client.clientId) return "The client_assertion iss and sub must be the client_id.";
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.includes(audience)) return `The audience of the client_assertion must be ${audience}.`;
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== "number" || payload.exp < now - 30) return "The client_assertion token is expired.";
  if (typeof payload.iat === "number" && payload.iat > now + 60) return "The client_assertion token was issued in the future.";
  return null;
}

// ---------- the server ----------

export async function startOktaSandbox(opts: OktaSandboxOptions = {}): Promise<OktaSandbox> {
  const token = opts.token ?? DEFAULT_OKTA_TOKEN;
  const host = opts.host ?? "127.0.0.1";
  const persistPath = opts.persistTo ? path.resolve(opts.persistTo) : null;
  let state = opts.state ?? new OktaState();
  const loaded = persistPath !== null && existsSync(persistPath);
  if (loaded) state = OktaState.fromJSON(readFileSync(persistPath, "utf8"));
  const faults = new OktaFaults();
  const stats = new OktaStats();
  const baseLatency = opts.latencyMs ?? 0;
  const rl = opts.rateLimit ? (opts.rateLimit === true ? {} : opts.rateLimit) : null;
  const limits: Record<RateLimitBucket, number> = { ...DEFAULT_RATE_LIMITS, ...(rl?.limits ?? {}) };
  const windowMs = rl?.windowMs ?? 60_000;
  const windows = new Map<RateLimitBucket, { start: number; count: number }>();
  const accessTokens = new Map<string, { clientId: string; scopes: Set<string>; exp: number }>();
  const tokenTtl = opts.accessTokenTtlSeconds ?? 3600;
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let ownOrigin = "";

  // ---- persistence ----
  let persistTimer: NodeJS.Timeout | null = null;
  let dirty = false;
  const flush = () => {
    if (persistTimer) clearTimeout(persistTimer);
    persistTimer = null;
    if (!persistPath || !dirty) return;
    dirty = false;
    mkdirSync(path.dirname(persistPath), { recursive: true });
    const tmp = `${persistPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state.toJSON()));
    renameSync(tmp, persistPath);
  };
  const unsubscribe = persistPath
    ? state.onChange(() => {
        dirty = true;
        if (!persistTimer) persistTimer = setTimeout(flush, opts.persistDebounceMs ?? 200);
      })
    : () => {};

  if (persistPath && !loaded) {
    // Write the initial state so the file exists from the start.
    dirty = true;
    flush();
  }

  // ---- helpers bound to this server ----
  const userJson = (u: OktaUser, origin: string) => ({
    ...u,
    _links: {
      self: { href: `${origin}/api/v1/users/${u.id}` },
      suspend: u.status === "ACTIVE" ? { href: `${origin}/api/v1/users/${u.id}/lifecycle/suspend`, method: "POST" } : undefined,
      unsuspend: u.status === "SUSPENDED" ? { href: `${origin}/api/v1/users/${u.id}/lifecycle/unsuspend`, method: "POST" } : undefined,
      deactivate: u.status !== "DEPROVISIONED" ? { href: `${origin}/api/v1/users/${u.id}/lifecycle/deactivate`, method: "POST" } : undefined,
      type: { href: `${origin}/api/v1/meta/types/user/${u.type.id}` },
    },
  });

  const groupJson = (g: OktaGroup, origin: string, expand: string | null) => {
    const out: Record<string, unknown> = {
      ...g,
      _links: {
        logo: [],
        users: { href: `${origin}/api/v1/groups/${g.id}/users` },
        apps: { href: `${origin}/api/v1/groups/${g.id}/apps` },
        ...(g.source ? { source: { href: `${origin}/api/v1/apps/${g.source.id}` } } : {}),
      },
    };
    if (expand?.split(",").includes("stats")) {
      out._embedded = {
        stats: { usersCount: state.memberships.get(g.id)?.size ?? 0, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false },
      };
    }
    return out;
  };

  const linkHeader = (ctx: Ctx, nextParams: Record<string, string> | null): string[] => {
    const self = `${ctx.origin}${ctx.path}${ctx.query.size ? `?${ctx.query.toString()}` : ""}`;
    const links = [`<${self}>; rel="self"`];
    if (nextParams) {
      const q = new URLSearchParams(ctx.query);
      for (const [k, v] of Object.entries(nextParams)) q.set(k, v);
      links.push(`<${ctx.origin}${ctx.path}?${q.toString()}>; rel="next"`);
    }
    return links;
  };

  const send = (ctx: Ctx, status: number, body?: unknown, headers: Record<string, string | string[]> = {}) => {
    const res = ctx.res;
    ctx.rec.status = status;
    res.statusCode = status;
    res.setHeader("Date", new Date().toUTCString());
    res.setHeader("X-Okta-Request-Id", requestId());
    for (const [k, v] of Object.entries(ctx.rateHeaders)) res.setHeader(k, v);
    res.setHeader("Cache-Control", "no-cache, no-store");
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined) {
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Content-Length", Buffer.byteLength(text));
    res.end(text);
  };

  const sendError = (ctx: Ctx, err: HttpError) => {
    send(
      ctx,
      err.status,
      {
        errorCode: err.errorCode,
        errorSummary: err.summary,
        errorLink: err.errorCode,
        errorId: errorId(),
        errorCauses: err.causes.map((c) => ({ errorSummary: c })),
      },
      err.headers,
    );
  };

  const requireScope = (ctx: Ctx, ...anyOf: string[]) => {
    const p = ctx.principal;
    if (!p || p.kind === "ssws" || !p.scopes) return;
    if (anyOf.some((s) => p.scopes!.has(s))) return;
    throw new HttpError(403, "E0000006", "You do not have permission to perform the requested action", [], {
      "WWW-Authenticate": `Bearer authorization_uri="${ctx.origin}/oauth2/v1/authorize", realm="${ctx.origin}", scope="${anyOf.join(" ")}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${ctx.path}"`,
    });
  };

  const actor = (ctx: Ctx) => OktaState.actorForClient(ctx.principal?.clientId ?? null);

  // ---- route table ----
  type Handler = (ctx: Ctx, params: string[]) => void | Promise<void>;
  interface Route {
    method: string;
    template: string;
    parts: string[];
    bucket: RateLimitBucket;
    auth: boolean;
    handler: Handler;
  }
  const routes: Route[] = [];
  const route = (method: string, template: string, bucket: RateLimitBucket, handler: Handler, auth = true) =>
    routes.push({ method, template, parts: template.split("/").filter(Boolean), bucket, auth, handler });

  // GET /api/v1/users
  route("GET", "/api/v1/users", "users-list", (ctx) => {
    requireScope(ctx, "okta.users.read", "okta.users.manage");
    const q = ctx.query.get("q");
    const search = ctx.query.get("search");
    const filter = ctx.query.get("filter");
    const after = ctx.query.get("after");
    const users = state.sortedUsers();
    let pred: (u: OktaUser) => boolean;
    let limit: number;
    let paginate = true;
    if (search) {
      const p = compileSearch(search);
      pred = (u) => p(u);
      limit = clampLimit(ctx.query.get("limit"), 200, 200);
    } else if (filter) {
      const p = compileFilter(filter, USER_FILTER_ATTRS, new Set(["lastUpdated"]));
      pred = (u) => p(u);
      limit = clampLimit(ctx.query.get("limit"), 200, 200);
    } else if (q) {
      const prefix = q.toLowerCase();
      pred = (u) =>
        u.status !== "DEPROVISIONED" &&
        [u.profile.firstName, u.profile.lastName, u.profile.email, u.profile.login].some((v) => String(v ?? "").toLowerCase().startsWith(prefix));
      limit = clampLimit(ctx.query.get("limit"), 10, 200);
      paginate = false;
    } else {
      pred = (u) => u.status !== "DEPROVISIONED";
      limit = clampLimit(ctx.query.get("limit"), 200, 200);
    }
    const start = startAfter(users, after, (u) => u.id);
    const { page, more } = pageOf(users, start, limit, pred);
    const next = paginate && more ? { after: page[page.length - 1].id, limit: String(limit) } : null;
    send(ctx, 200, page.map((u) => userJson(u, ctx.origin)), { Link: linkHeader(ctx, next) });
  });

  // GET /api/v1/users/{idOrLogin}
  route("GET", "/api/v1/users/{userId}", "users-get", (ctx, [userId]) => {
    requireScope(ctx, "okta.users.read", "okta.users.manage");
    const u = state.getUser(userId);
    if (!u) throw notFound(userId, "User");
    send(ctx, 200, userJson(u, ctx.origin));
  });

  // POST /api/v1/users/{idOrLogin}: partial profile update (Okta's updateUser); logs user.account.update_profile
  route("POST", "/api/v1/users/{userId}", "users-write", (ctx, [userId]) => {
    requireScope(ctx, "okta.users.manage");
    const u = state.getUser(userId);
    if (!u) throw notFound(userId, "User");
    let body: { profile?: Record<string, unknown> };
    try {
      body = JSON.parse(ctx.body || "{}");
    } catch {
      throw validation("body", "The request body was not well-formed.");
    }
    const profile = body.profile;
    if (!profile || typeof profile !== "object" || Array.isArray(profile)) throw validation("profile", "profile: an object of attributes is required");
    if ("login" in profile && (typeof profile.login !== "string" || !profile.login)) throw validation("login", "login: must be a non-empty string");
    try {
      state.updateUserProfile(u.id, profile as Partial<OktaUser["profile"]>, { actor: actor(ctx) });
    } catch (e) {
      throw validation("login", `login: ${(e as Error).message}`);
    }
    send(ctx, 200, userJson(u, ctx.origin));
  });

  // GET /api/v1/users/{id}/groups
  route("GET", "/api/v1/users/{userId}/groups", "users-get", (ctx, [userId]) => {
    requireScope(ctx, "okta.users.read", "okta.users.manage");
    const u = state.getUser(userId);
    if (!u) throw notFound(userId, "User");
    const groups = state.groupsOfUser(u.id).map((gid) => state.groups.get(gid)!).filter(Boolean);
    send(ctx, 200, groups.map((g) => groupJson(g, ctx.origin, null)), { Link: linkHeader(ctx, null) });
  });

  // POST /api/v1/users/{id}/lifecycle/{action}
  route("POST", "/api/v1/users/{userId}/lifecycle/{action}", "users-write", (ctx, [userId, action]) => {
    requireScope(ctx, "okta.users.manage");
    const u = state.getUser(userId);
    if (!u) throw notFound(userId, "User");
    const sendEmail = ctx.query.get("sendEmail") !== "false";
    const opts = { actor: actor(ctx) };
    const activation = () =>
      sendEmail ? {} : { activationUrl: `${ctx.origin}/welcome/${randomBytes(10).toString("hex")}`, activationToken: randomBytes(10).toString("hex") };
    switch (action) {
      case "suspend":
        if (u.status !== "ACTIVE") throw validation("userId", "Cannot suspend a user that is not active");
        state.setStatus(u.id, "SUSPENDED", opts);
        return send(ctx, 200, {});
      case "unsuspend":
        if (u.status !== "SUSPENDED") throw validation("userId", "Cannot unsuspend a user that is not suspended");
        state.setStatus(u.id, "ACTIVE", opts);
        return send(ctx, 200, {});
      case "deactivate":
        if (u.status === "DEPROVISIONED") throw validation("userId", "Cannot deactivate a user that is already deactivated");
        state.setStatus(u.id, "DEPROVISIONED", opts);
        return send(ctx, 200, {});
      case "activate":
        if (u.status !== "STAGED" && u.status !== "DEPROVISIONED") {
          throw new HttpError(403, "E0000016", "Activation failed because the user is already active");
        }
        state.setStatus(u.id, "ACTIVE", opts);
        return send(ctx, 200, activation());
      case "reactivate":
        if (u.status !== "PROVISIONED" && u.status !== "RECOVERY") {
          throw new HttpError(403, "E0000038", "This operation is not allowed in the user's current status.");
        }
        return send(ctx, 200, activation());
      default:
        throw notFound(ctx.path, "Resource");
    }
  });

  // GET /api/v1/groups
  route("GET", "/api/v1/groups", "groups-list", (ctx) => {
    requireScope(ctx, "okta.groups.read", "okta.groups.manage");
    const q = ctx.query.get("q");
    const search = ctx.query.get("search");
    const filter = ctx.query.get("filter");
    const preds: ((g: OktaGroup) => boolean)[] = [];
    if (search) preds.push(compileSearch(search));
    if (filter) preds.push(compileFilter(filter, GROUP_FILTER_ATTRS, new Set(["lastUpdated", "lastMembershipUpdated"])));
    if (q) {
      const prefix = q.toLowerCase();
      preds.push((g) => g.profile.name.toLowerCase().startsWith(prefix));
    }
    const limit = clampLimit(ctx.query.get("limit"), 10_000, 10_000);
    const groups = state.sortedGroups();
    const start = startAfter(groups, ctx.query.get("after"), (g) => g.id);
    const { page, more } = pageOf(groups, start, limit, (g) => preds.every((p) => p(g)));
    const next = more ? { after: page[page.length - 1].id, limit: String(limit) } : null;
    const expand = ctx.query.get("expand");
    send(ctx, 200, page.map((g) => groupJson(g, ctx.origin, expand)), { Link: linkHeader(ctx, next) });
  });

  // GET /api/v1/groups/rules
  route("GET", "/api/v1/groups/rules", "groups", (ctx) => {
    requireScope(ctx, "okta.groups.read", "okta.groups.manage");
    const limit = clampLimit(ctx.query.get("limit"), 50, 200);
    const rules = [...state.rules.values()].sort((a, b) => cmp(a.id, b.id));
    const search = ctx.query.get("search")?.toLowerCase();
    const start = startAfter(rules, ctx.query.get("after"), (r) => r.id);
    const { page, more } = pageOf(rules, start, limit, (r) => !search || r.name.toLowerCase().includes(search));
    const next = more ? { after: page[page.length - 1].id, limit: String(limit) } : null;
    send(ctx, 200, page, { Link: linkHeader(ctx, next) });
  });

  // GET /api/v1/groups/{id}
  route("GET", "/api/v1/groups/{groupId}", "groups", (ctx, [groupId]) => {
    requireScope(ctx, "okta.groups.read", "okta.groups.manage");
    const g = state.getGroup(groupId);
    if (!g) throw notFound(groupId, "UserGroup");
    send(ctx, 200, groupJson(g, ctx.origin, ctx.query.get("expand")));
  });

  // GET /api/v1/groups/{id}/users
  route("GET", "/api/v1/groups/{groupId}/users", "groups", (ctx, [groupId]) => {
    requireScope(ctx, "okta.groups.read", "okta.groups.manage");
    const g = state.getGroup(groupId);
    if (!g) throw notFound(groupId, "UserGroup");
    const limit = clampLimit(ctx.query.get("limit"), 1000, 1000);
    const members = state.sortedMembers(g.id);
    const start = startAfter(members, ctx.query.get("after"), (id) => id);
    const { page, more } = pageOf(members, start, limit, (id) => state.users.has(id));
    const next = more ? { after: page[page.length - 1], limit: String(limit) } : null;
    send(ctx, 200, page.map((id) => userJson(state.users.get(id)!, ctx.origin)), { Link: linkHeader(ctx, next) });
  });

  // PUT / DELETE /api/v1/groups/{gid}/users/{uid}
  const membership = (add: boolean): Handler => (ctx, [groupId, userId]) => {
    requireScope(ctx, "okta.groups.manage");
    const g = state.getGroup(groupId);
    if (!g) throw notFound(groupId, "UserGroup");
    const u = state.users.get(userId);
    if (!u) throw notFound(userId, "User");
    if (g.type !== "OKTA_GROUP") throw forbidden();
    if (add) state.addMembership(g.id, u.id, { actor: actor(ctx) });
    else state.removeMembership(g.id, u.id, { actor: actor(ctx) });
    send(ctx, 204);
  };
  route("PUT", "/api/v1/groups/{groupId}/users/{userId}", "groups", membership(true));
  route("DELETE", "/api/v1/groups/{groupId}/users/{userId}", "groups", membership(false));

  // GET /api/v1/logs
  route("GET", "/api/v1/logs", "logs", (ctx) => {
    requireScope(ctx, "okta.logs.read");
    const parseTime = (name: string): number | null => {
      const v = ctx.query.get(name);
      if (v === null || v === "") return null;
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw validation(name, `${name}: invalid date ${v}`);
      return t;
    };
    const until = parseTime("until");
    const since = parseTime("since") ?? (until ?? Date.now()) - 7 * 86_400_000;
    const limit = clampLimit(ctx.query.get("limit"), 100, 1000);
    const desc = (ctx.query.get("sortOrder") ?? "ASCENDING").toUpperCase() === "DESCENDING";
    const filter = ctx.query.get("filter");
    const fpred = filter ? compileSearch(filter) : () => true;
    const kw = ctx.query.get("q")?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    const pred = (e: OktaLogEvent) => {
      const t = Date.parse(e.published);
      if (t < since) return false;
      if (until !== null && t >= until) return false;
      if (!fpred(e)) return false;
      if (kw.length) {
        const hay = `${e.eventType} ${e.displayMessage} ${e.actor.alternateId} ${e.actor.displayName} ${e.target.map((x) => `${x.alternateId} ${x.displayName}`).join(" ")}`.toLowerCase();
        if (!kw.every((k) => hay.includes(k))) return false;
      }
      return true;
    };
    const logs = state.logs;
    const after = ctx.query.get("after");
    let pos: number;
    if (after) {
      const p = state.logPosition(after);
      if (p === undefined) throw validation("after", "after: invalid cursor");
      pos = desc ? p - 1 : p + 1;
    } else {
      pos = desc ? logs.length - 1 : 0;
    }
    const page: OktaLogEvent[] = [];
    let more = false;
    for (let i = pos; desc ? i >= 0 : i < logs.length; i += desc ? -1 : 1) {
      if (!pred(logs[i])) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(logs[i]);
    }
    let next: Record<string, string> | null = null;
    if (page.length) {
      if (more || until === null) next = { after: page[page.length - 1].uuid };
    } else if (until === null) {
      // Polling: an empty page still points at where to resume.
      next = {};
    }
    send(ctx, 200, page, { Link: linkHeader(ctx, next) });
  });

  // /api/v1/eventHooks (event-hooks.ts): registration, verification, lifecycle
  const eventHooks = new OktaEventHooks(state, () => opts.publicUrl?.replace(/\/$/, "") ?? ownOrigin, opts.eventHooks);
  for (const r of eventHookRoutes(eventHooks)) {
    route(r.method, r.template, "default", async (ctx, params) => {
      requireScope(ctx, "okta.eventHooks.manage", ...(r.method === "GET" ? ["okta.eventHooks.read"] : []));
      let body: unknown;
      if (ctx.body) {
        try {
          body = JSON.parse(ctx.body);
        } catch {
          throw validation("body", "The request body was not well-formed.");
        }
      }
      const out = await r.run(params, body, actor(ctx).id);
      send(ctx, out.status, out.body);
    });
  }

  // GET /api/v1/org
  route("GET", "/api/v1/org", "default", (ctx) => {
    requireScope(ctx, "okta.orgs.read");
    send(ctx, 200, {
      id: state.org.id,
      companyName: state.org.companyName,
      subdomain: state.org.subdomain,
      status: "ACTIVE",
      created: "2020-01-01T00:00:00.000Z",
      lastUpdated: "2020-01-01T00:00:00.000Z",
      _links: { self: { href: `${ctx.origin}/api/v1/org` } },
    });
  });

  // POST /oauth2/v1/token (client_credentials + private_key_jwt)
  route(
    "POST",
    "/oauth2/v1/token",
    "oauth",
    (ctx) => {
      const form = new URLSearchParams(ctx.body ?? "");
      const oauthError = (status: number, error: string, description: string) =>
        send(ctx, status, { error, error_description: description });
      if (form.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
      if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
        return oauthError(401, "invalid_client", "Client authentication failed: client_assertion_type must be jwt-bearer.");
      }
      const assertion = form.get("client_assertion") ?? "";
      let clientId: unknown;
      try {
        clientId = b64json(assertion.split(".")[1] ?? "").iss;
      } catch {
        clientId = undefined;
      }
      const client = typeof clientId === "string" ? state.oauthClients.get(clientId) : undefined;
      if (!client) return oauthError(401, "invalid_client", "The client_assertion token is invalid: unknown client.");
      const problem = verifyClientAssertion(assertion, client, `${ctx.origin}/oauth2/v1/token`);
      if (problem) return oauthError(401, "invalid_client", problem);
      const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
      if (!requested.length) return oauthError(400, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
      const denied = requested.filter((s) => !client.scopes.includes(s));
      if (denied.length) return oauthError(400, "invalid_scope", `The following scopes are not allowed: ${denied.join(", ")}`);
      const accessToken = randomBytes(32).toString("base64url");
      accessTokens.set(accessToken, { clientId: client.clientId, scopes: new Set(requested), exp: Date.now() + tokenTtl * 1000 });
      send(ctx, 200, { token_type: "Bearer", expires_in: tokenTtl, access_token: accessToken, scope: requested.join(" ") });
    },
    false,
  );

  const matchRoute = (method: string, segments: string[]): { route: Route | null; params: string[]; template: string | null } => {
    let pathMatch: Route | null = null;
    for (const r of routes) {
      if (r.parts.length !== segments.length) continue;
      const params: string[] = [];
      let ok = true;
      for (let i = 0; i < r.parts.length; i++) {
        const p = r.parts[i];
        if (p.startsWith("{")) params.push(segments[i]);
        else if (p !== segments[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      // A literal segment wins over a parameter (/groups/rules vs /groups/{groupId}).
      if (r.method === method) return { route: r, params, template: r.template };
      pathMatch ??= r;
    }
    return { route: null, params: [], template: pathMatch?.template ?? null };
  };

  const rateLimit = (ctx: Ctx, bucket: RateLimitBucket): HttpError | null => {
    const now = Date.now();
    const start = Math.floor(now / windowMs) * windowMs;
    let w = windows.get(bucket);
    if (!w || w.start !== start) windows.set(bucket, (w = { start, count: 0 }));
    w.count++;
    const limit = limits[bucket];
    const reset = Math.ceil((start + windowMs) / 1000);
    ctx.rateHeaders["X-Rate-Limit-Limit"] = String(limit);
    ctx.rateHeaders["X-Rate-Limit-Remaining"] = String(Math.max(0, limit - w.count));
    ctx.rateHeaders["X-Rate-Limit-Reset"] = String(reset);
    if (rl && w.count > limit) return new HttpError(429, "E0000047", "API call exceeded rate limit due to too many requests.");
    return null;
  };

  const authenticate = (ctx: Ctx): Principal | null => {
    const h = ctx.req.headers.authorization ?? "";
    const m = /^(SSWS|Bearer|DPoP)\s+(.+)$/i.exec(h.trim());
    if (!m) return null;
    const cred = m[2].trim();
    if (cred === token && m[1].toUpperCase() !== "DPOP") return { kind: "ssws", clientId: null, scopes: null };
    if (m[1].toUpperCase() !== "SSWS") {
      const t = accessTokens.get(cred);
      if (t && t.exp > Date.now()) return { kind: "oauth", clientId: t.clientId, scopes: t.scopes };
    }
    return null;
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? "GET").toUpperCase();
    const raw = req.url ?? "/";
    const qIdx = raw.indexOf("?");
    let pathname = (qIdx >= 0 ? raw.slice(0, qIdx) : raw).replace(/\/{2,}/g, "/");
    if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
    const query = new URLSearchParams(qIdx >= 0 ? raw.slice(qIdx + 1) : "");
    let segments: string[];
    try {
      segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      segments = pathname.split("/").filter(Boolean);
    }
    const origin = opts.publicUrl?.replace(/\/$/, "") ?? (req.headers.host ? `http://${req.headers.host}` : ownOrigin);
    const { route: r, params, template } = matchRoute(method, segments);
    const rec: OktaRequestRecord = {
      method,
      url: pathname + (qIdx >= 0 ? raw.slice(qIdx) : ""),
      route: `${method} ${r?.template ?? template ?? pathname}`,
      status: 0,
      headers: { ...req.headers },
      at: Date.now(),
    };
    stats.record(rec);
    const ctx: Ctx = { req, res, method, path: pathname, segments, query, origin, rec, rateHeaders: {}, principal: null };

    // Faults are taken on arrival, before the latency: a late request must not use a fault queued after it came in.
    const hang = faults.takeHang(method, pathname);
    const injected = hang ? undefined : faults.takeError(method, pathname);
    const delay = baseLatency + faults.latencyMs;
    if (delay > 0) await new Promise((r2) => setTimeout(r2, delay));

    if (hang) {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      req.resume();
      return;
    }

    try {
      const rlError = rateLimit(ctx, r?.bucket ?? "default");
      if (injected !== undefined) {
        if (injected === 429) {
          ctx.rateHeaders["X-Rate-Limit-Remaining"] = "0";
          ctx.rateHeaders["X-Rate-Limit-Reset"] = String(Math.floor(Date.now() / 1000));
          throw new HttpError(429, "E0000047", "API call exceeded rate limit due to too many requests.");
        }
        if (injected === 500) throw new HttpError(500, "E0000009", "Internal Server Error");
        if (injected === 503) throw new HttpError(503, "E0000010", "Service is in read only mode");
        throw new HttpError(injected, "E0000009", `Injected fault ${injected}`);
      }
      if (!r) {
        if (template) throw new HttpError(405, "E0000022", "The endpoint does not support the provided HTTP method", [], { Allow: routes.filter((x) => x.template === template).map((x) => x.method).join(", ") });
        throw notFound(pathname, "Resource");
      }
      if (r.auth) {
        ctx.principal = authenticate(ctx);
        if (!ctx.principal) throw new HttpError(401, "E0000011", "Invalid token provided");
      }
      if (rlError) throw rlError;
      if (method === "POST" || method === "PUT") ctx.body = await readBody(req);
      else req.resume();
      await r.handler(ctx, params);
    } catch (e) {
      if (e instanceof HttpError) return sendError(ctx, e);
      if (e instanceof EventHookApiError) return sendError(ctx, new HttpError(e.status, e.errorCode, e.summary, e.causes));
      sendError(ctx, new HttpError(500, "E0000009", "Internal Server Error", [e instanceof Error ? e.message : String(e)]));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end(String(e));
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostPart = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  ownOrigin = `http://${hostPart}:${addr.port}`;

  let stopped = false;
  return {
    url: ownOrigin,
    token,
    get state() {
      return state;
    },
    faults,
    stats,
    eventHooks,
    flush,
    async stop() {
      if (stopped) return;
      stopped = true;
      eventHooks.stop();
      flush();
      unsubscribe();
      for (const r of hanging) r.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
}
