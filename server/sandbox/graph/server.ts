// Sandbox Microsoft Graph (Entra ID): an in-memory, protocol-faithful subset of Graph v1.0 and of the identity
// platform's token endpoint, over HTTPS with a self-signed certificate (protocols.md §2 and §9). The real
// @microsoft/microsoft-graph-client talks to it. One origin serves both hosts: POST /{tenantId}/oauth2/v2.0/token
// (login.microsoftonline.com) and /v1.0/… (graph.microsoft.com).

import { createServer } from "node:https";
import type { AddressInfo } from "node:net";

import { sandboxCertificate, type SandboxCertificate } from "./cert.ts";
import { GraphFaults, type RequestInfo } from "./faults.ts";
import { addMember, getGroup, listGroups, listMembers, removeMember } from "./groups.ts";
import { GraphHttpError, newCtx, readBody, send, sendError, type Ctx } from "./http.ts";
import { GraphState } from "./state.ts";
import { TokenIssuer } from "./token.ts";
import { getManager, getUser, listMemberOf, listUsers, patchUser } from "./users.ts";

export interface GraphSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  state?: GraphState;
  /** Lifetime of issued access tokens (default 3599 s, as Entra). */
  tokenTtlSeconds?: number;
  /** Added to every response. */
  latencyMs?: number;
  /** The TLS certificate and key to serve (default: one made for this process), e.g. one kept across restarts. */
  certificate?: SandboxCertificate;
  /** Called after a request changed the directory (a 2xx PATCH, POST or DELETE), e.g. to persist it. */
  onChange?: () => void;
}

export interface GraphRequestRecord {
  method: string;
  /** Path and query as received. */
  url: string;
  /** Route template, e.g. "POST /v1.0/groups/{id}/members/$ref". */
  route: string;
  status: number;
}

export interface GraphSandbox {
  /** https://127.0.0.1:PORT (no trailing slash): the Graph base and the token authority at once. */
  url: string;
  port: number;
  /** The PEM certificate the sandbox serves: clients trust it as their CA. */
  ca: string;
  state: GraphState;
  faults: GraphFaults;
  tokens: TokenIssuer;
  /** Tenant id and the default app's client credentials. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Requests by route template, faults included. */
  calls: Record<string, number>;
  /** The most recent requests (up to 1,000). */
  requests: GraphRequestRecord[];
  /** Lifetime of tokens issued from now on (tests of expiry). */
  setTokenTtl(seconds: number): void;
  stop(): Promise<void>;
}

type Handler = (ctx: Ctx, m: RegExpExecArray) => void | Promise<void>;
interface Route {
  method: string;
  pattern: RegExp;
  key: string;
  handle: Handler;
}

const GUIDISH = "([^/]+)";

/** Graph's bodies for injected faults (throttling carries Retry-After). */
function faultError(status: number): GraphHttpError {
  if (status === 429) return new GraphHttpError(429, "TooManyRequests", "Too many requests. The request has been throttled.");
  if (status === 503) return new GraphHttpError(503, "serviceNotAvailable", "Service unavailable. Please try again later.");
  if (status === 504) return new GraphHttpError(504, "GatewayTimeout", "The gateway did not receive a response in time.");
  if (status >= 500) return new GraphHttpError(status, "generalException", "General exception while processing.");
  if (status === 401) return new GraphHttpError(401, "InvalidAuthenticationToken", "Access token validation failure.");
  if (status === 403) return new GraphHttpError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  return new GraphHttpError(status, "Request_BadRequest", `Injected failure (${status}).`);
}

export async function startGraphSandbox(opts: GraphSandboxOptions = {}): Promise<GraphSandbox> {
  const host = opts.host ?? "127.0.0.1";
  const state = opts.state ?? new GraphState();
  const { cert, key } = opts.certificate ?? (await sandboxCertificate());
  const faults = new GraphFaults();
  if (opts.latencyMs) faults.latency(opts.latencyMs);
  let ttl = opts.tokenTtlSeconds ?? 3599;
  const tokens = new TokenIssuer(state, () => ttl);
  const calls: Record<string, number> = {};
  const requests: GraphRequestRecord[] = [];
  let origin = "";

  const routes: Route[] = [
    { method: "GET", pattern: /^\/v1\.0\/users$/, key: "GET /v1.0/users", handle: (c) => listUsers(c, state) },
    { method: "GET", pattern: new RegExp(`^/v1\\.0/users/${GUIDISH}$`), key: "GET /v1.0/users/{id}", handle: (c, m) => getUser(c, state, dec(m[1])) },
    { method: "PATCH", pattern: new RegExp(`^/v1\\.0/users/${GUIDISH}$`), key: "PATCH /v1.0/users/{id}", handle: (c, m) => patchUser(c, state, dec(m[1])) },
    { method: "GET", pattern: new RegExp(`^/v1\\.0/users/${GUIDISH}/manager$`), key: "GET /v1.0/users/{id}/manager", handle: (c, m) => getManager(c, state, dec(m[1])) },
    { method: "GET", pattern: new RegExp(`^/v1\\.0/users/${GUIDISH}/memberOf$`), key: "GET /v1.0/users/{id}/memberOf", handle: (c, m) => listMemberOf(c, state, dec(m[1])) },
    { method: "GET", pattern: /^\/v1\.0\/groups$/, key: "GET /v1.0/groups", handle: (c) => listGroups(c, state) },
    { method: "GET", pattern: new RegExp(`^/v1\\.0/groups/${GUIDISH}$`), key: "GET /v1.0/groups/{id}", handle: (c, m) => getGroup(c, state, dec(m[1])) },
    {
      method: "GET", pattern: new RegExp(`^/v1\\.0/groups/${GUIDISH}/members(?:/microsoft\\.graph\\.user)?$`), key: "GET /v1.0/groups/{id}/members",
      handle: (c, m) => listMembers(c, state, dec(m[1])),
    },
    { method: "POST", pattern: new RegExp(`^/v1\\.0/groups/${GUIDISH}/members/\\$ref$`), key: "POST /v1.0/groups/{id}/members/$ref", handle: (c, m) => addMember(c, state, dec(m[1])) },
    {
      method: "DELETE", pattern: new RegExp(`^/v1\\.0/groups/${GUIDISH}/members/${GUIDISH}/\\$ref$`), key: "DELETE /v1.0/groups/{id}/members/{userId}/$ref",
      handle: (c, m) => removeMember(c, state, dec(m[1]), dec(m[2])),
    },
  ];
  const tokenPattern = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

  const answerToken = async (ctx: Ctx, tenantId: string) => {
    const form = new URLSearchParams(await readBody(ctx.req));
    const a = tokens.answer(tenantId, form);
    ctx.res.setHeader("Content-Type", "application/json; charset=utf-8");
    send(ctx, a.status, a.body);
  };

  const handle = async (ctx: Ctx, record: GraphRequestRecord) => {
    const info: RequestInfo = { method: ctx.method, path: ctx.path };
    const tokenMatch = tokenPattern.exec(ctx.path);
    const route = tokenMatch ? undefined : routes.find((r) => r.method === ctx.method && r.pattern.test(ctx.path));
    record.route = tokenMatch ? "POST /{tenant}/oauth2/v2.0/token" : route?.key ?? `${ctx.method} ${ctx.path}`;
    calls[record.route] = (calls[record.route] ?? 0) + 1;

    const mode = faults.isDown;
    if (mode === "reset") return void ctx.req.socket.destroy();
    if (mode === "503") throw new GraphHttpError(503, "serviceNotAvailable", "Service unavailable. Please try again later.", { "Retry-After": "1" });
    if (faults.takeHang(info)) return; // accepted, never answered
    // Taken on arrival, before the latency: a late request must not use a fault queued after it came in.
    const fault = faults.take(info);
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (fault) {
      ctx.req.resume();
      const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 || fault.status === 503 ? 1 : undefined);
      const err = faultError(fault.status);
      throw new GraphHttpError(err.status, err.code, err.message, retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : {});
    }

    if (tokenMatch) {
      if (ctx.method !== "POST") throw new GraphHttpError(405, "Request_BadRequest", "The token endpoint only accepts POST.");
      return answerToken(ctx, dec(tokenMatch[1]));
    }
    if (!route) {
      const other = routes.some((r) => r.pattern.test(ctx.path));
      if (other) throw new GraphHttpError(405, "Request_BadRequest", `Specified HTTP method is not allowed for the request uri.`);
      throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${ctx.path.split("/").pop() ?? ""}'.`);
    }
    const refusal = tokens.refusal(ctx.req.headers.authorization);
    if (refusal) throw new GraphHttpError(401, "InvalidAuthenticationToken", refusal, { "WWW-Authenticate": 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' });
    await route.handle(ctx, route.pattern.exec(ctx.path)!);
  };

  const server = createServer({ key, cert }, (req, res) => {
    const ctx = newCtx(req, res, origin);
    const record: GraphRequestRecord = { method: ctx.method, url: req.url ?? "/", route: "", status: 0 };
    requests.push(record);
    if (requests.length > 1000) requests.splice(0, requests.length - 1000);
    res.on("finish", () => {
      record.status = res.statusCode;
      const changed = ctx.method !== "GET" && !tokenPattern.test(ctx.path) && res.statusCode >= 200 && res.statusCode < 300;
      if (changed) opts.onChange?.();
    });
    handle(ctx, record).catch((e: unknown) => {
      if (res.headersSent) return;
      // Answer without waiting for the rest of the body, but read it so the client sees the answer, not a reset.
      req.resume();
      if (e instanceof GraphHttpError) {
        if (tokenPattern.test(ctx.path) && e.status >= 500) {
          return send(ctx, e.status, { error: "temporarily_unavailable", error_description: `AADSTS50196: ${e.message}`, error_codes: [50196] }, e.headers);
        }
        return sendError(ctx, e);
      }
      sendError(ctx, new GraphHttpError(500, "generalException", "General exception while processing."));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://${host}:${port}`;

  return {
    url: origin,
    port,
    ca: cert,
    state,
    faults,
    tokens,
    tenantId: state.tenantId,
    clientId: state.apps[0]!.clientId,
    clientSecret: state.apps[0]!.secret,
    calls,
    requests,
    setTokenTtl: (seconds) => void (ttl = seconds),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function dec(s: string | undefined): string {
  try {
    return decodeURIComponent(s ?? "");
  } catch {
    return s ?? "";
  }
}
