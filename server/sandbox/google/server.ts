// Sandbox Google Workspace directory: the Admin SDK Directory API subset Gatehouse uses, over plain HTTP
// (node:http), at <url>/admin/directory/v1/… so `admin({rootUrl: url})` from @googleapis/admin talks to it.
// Bearer-token auth, Google error bodies, pageToken paging, quota answers (429 rateLimitExceeded with
// Retry-After), faults taken on arrival before any latency. See protocols.md §3 and §9.

import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { GoogleApiError, badRequest, invalidCredentials, loginRequired, rateLimited, serverError } from "./errors.ts";
import { GoogleFaults } from "./faults.ts";
import { groupRoutes } from "./group-routes.ts";
import type { Route } from "./route.ts";
import { GoogleState } from "./state.ts";
import { userRoutes } from "./user-routes.ts";

export const DEFAULT_GOOGLE_TOKEN = "ya29.sandbox-google-admin-token";
export const API_PREFIX = "/admin/directory/v1";

export interface GoogleSandboxOptions {
  port?: number;
  host?: string;
  state?: GoogleState;
  /** The access token accepted with full directory scopes. */
  token?: string;
  /** Tokens that only carry the read-only scopes: writes answer 403 insufficientPermissions. */
  readOnlyTokens?: string[];
  /** Requests allowed per minute before 429 rateLimitExceeded (off by default). */
  quotaPerMinute?: number;
  /** Added to every answer. */
  latencyMs?: number;
}

export interface GoogleRequestRecord {
  method: string;
  /** Path (under the API prefix) with the query string. */
  url: string;
  route: string;
  status: number;
}

export interface GoogleSandbox {
  /** Origin without a trailing slash: pass it as rootUrl. */
  url: string;
  token: string;
  state: GoogleState;
  faults: GoogleFaults;
  /** Requests answered, by route ("GET /users", …), faults included. */
  calls: Record<string, number>;
  /** The most recent requests (up to 1,000). */
  requests: GoogleRequestRecord[];
  /** Emits "request" (a GoogleRequestRecord) as each request arrives, before faults and latency: lets tests wait without sleeping. */
  events: EventEmitter;
  stop(): Promise<void>;
}

const JSON_HEADERS = {
  "Content-Type": "application/json; charset=UTF-8",
  Vary: "Origin, X-Origin, Referer",
  Server: "ESF",
  "X-Content-Type-Options": "nosniff",
};

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, { ...headers, Server: "ESF" });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, ...headers, "Content-Length": String(Buffer.byteLength(text)) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const insufficientScopes = () =>
  new GoogleApiError(403, "Request had insufficient authentication scopes.", "insufficientPermissions", { status: "PERMISSION_DENIED" });

/** A fixed one-minute window per sandbox: enough to exercise a client's quota handling. */
class Quota {
  private windowStart = 0;
  private used = 0;
  constructor(private readonly perMinute: number | undefined) {}
  /** Seconds to wait when the quota is spent, else null. */
  take(now: number): number | null {
    if (!this.perMinute) return null;
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.used = 0;
    }
    if (++this.used <= this.perMinute) return null;
    return Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000));
  }
}

export async function startGoogleSandbox(options: GoogleSandboxOptions = {}): Promise<GoogleSandbox> {
  const state = options.state ?? new GoogleState();
  const token = options.token ?? DEFAULT_GOOGLE_TOKEN;
  const readOnly = new Set(options.readOnlyTokens ?? []);
  const faults = new GoogleFaults();
  if (options.latencyMs) faults.latency(options.latencyMs);
  const quota = new Quota(options.quotaPerMinute);
  const calls: Record<string, number> = {};
  const requests: GoogleRequestRecord[] = [];
  const events = new EventEmitter();
  const routes: Route[] = [...userRoutes(state), ...groupRoutes(state)];

  const answer = async (req: IncomingMessage, res: ServerResponse, url: URL, record: GoogleRequestRecord): Promise<void> => {
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/\/{2,}/g, "/");
    const sub = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : null;
    const route = sub === null ? undefined : routes.find((r) => r.method === method && r.pattern.test(sub));
    record.route = route?.key ?? `${method} ${sub ?? path}`;
    calls[record.route] = (calls[record.route] ?? 0) + 1;

    const info = { method, path: sub ?? path };
    const down = faults.isDown;
    if (down === "reset") return void req.socket.destroy();
    if (down === "503") throw serverError(503);
    events.emit("request", record);
    if (faults.takeHang(info)) return; // accepted, never answered
    // Taken on arrival, before the latency: a late request must not use a fault queued after it came in.
    const fault = faults.take(info);
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (fault) {
      if (fault.status === 429) throw rateLimited(429, fault.retryAfterSeconds ?? 1);
      if (fault.status === 403) throw rateLimited(403, fault.retryAfterSeconds);
      throw serverError(fault.status);
    }

    const auth = req.headers.authorization;
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth ?? "")?.[1];
    if (!auth) throw loginRequired();
    if (!bearer || (bearer !== token && !readOnly.has(bearer))) throw invalidCredentials();
    const wait = quota.take(Date.now());
    if (wait !== null) throw rateLimited(429, wait);
    if (!route || sub === null) throw new GoogleApiError(404, "Not Found", "notFound");
    if (route.write && readOnly.has(bearer)) throw insufficientScopes();

    const raw = method === "GET" || method === "DELETE" ? "" : await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      throw badRequest();
    }
    const params = (route.pattern.exec(sub)?.slice(1) ?? []).map((p) => decodeURIComponent(p));
    const out = route.handle({ url, params, body });
    record.status = out.status;
    send(res, out.status, out.body);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const record: GoogleRequestRecord = { method: req.method ?? "GET", url: url.pathname.replace(API_PREFIX, "") + url.search, route: "", status: 0 };
    requests.push(record);
    if (requests.length > 1000) requests.splice(0, requests.length - 1000);
    answer(req, res, url, record).catch((e: unknown) => {
      if (res.headersSent) return;
      req.resume(); // answer without waiting for the body, but read it so the client sees the answer
      const err = e instanceof GoogleApiError ? e : serverError(500);
      record.status = err.code;
      send(res, err.code, err.body(), err.extra.headers);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url,
    token,
    state,
    faults,
    calls,
    requests,
    events,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
