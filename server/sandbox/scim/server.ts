// Sandbox SCIM 2.0 service provider (RFC 7643/7644, protocols.md §4 and §9) over real HTTP (node:http):
// /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas under a base path (default /scim/v2),
// bearer-token auth, application/scim+json, filters, index paging, PATCH with Entra's quirks, ETags, SCIM
// error bodies (status as a string), 409 on a duplicate userName, read-only groups (400 mutability), and
// fault controls (faults are taken on arrival, before any latency).

import { randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { resourceTypes, schemas, serviceProviderConfig } from "./discovery.ts";
import { badRequest, notFound, ScimError } from "./errors.ts";
import { ScimFaults } from "./faults.ts";
import { listGroups, listUsers, type ListQuery, type PagingLimits } from "./list.ts";
import { patchGroup, patchUserData, readPatchBody, validateUser, type GroupPatchOptions } from "./patch.ts";
import { groupJson, project, userJson, versionOf, wantsMembers } from "./render.ts";
import { SCIM_CONTENT_TYPE } from "./schemas.ts";
import { ScimState, type Json } from "./state.ts";

export const DEFAULT_SCIM_TOKEN = "scim-sandbox-token-0123456789abcdef";
export const DEFAULT_SCIM_BASE_PATH = "/scim/v2";

export interface ScimSandboxOptions {
  port?: number;
  host?: string;
  /** The bearer token the sandbox accepts. */
  token?: string;
  state?: ScimState;
  /** Where the SCIM endpoints live (default /scim/v2). */
  basePath?: string;
  /** Page size when the client sends no count (default 100), and the most one page holds (default 1,000). */
  defaultCount?: number;
  maxResults?: number;
  /** Added to every answer. */
  latencyMs?: number;
  /** Refuse filters on a user's groups (400 invalidFilter), like servers that do not index them; default false. */
  refuseGroupsFilter?: boolean;
  /** Answer an add of an existing member with 409 uniqueness instead of ignoring it. */
  duplicateMemberConflict?: boolean;
}

export interface ScimSandbox {
  /** The SCIM base URL, e.g. http://127.0.0.1:41234/scim/v2 (what a client is configured with). */
  readonly url: string;
  readonly token: string;
  readonly state: ScimState;
  readonly faults: ScimFaults;
  /** Requests received, by "METHOD /Route/{id}", faults included. */
  readonly calls: Record<string, number>;
  /** Every request received: method, path and query (for assertions on what a client sent). */
  readonly requests: { method: string; url: string; body?: unknown }[];
  stop(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => (size > MAX_BODY ? reject(new ScimError(413, `The body is larger than ${MAX_BODY} bytes`)) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

function parseJson(req: http.IncomingMessage, text: string): Json {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith(SCIM_CONTENT_TYPE) && !type.startsWith("application/json")) {
    throw new ScimError(415, `Send the body as ${SCIM_CONTENT_TYPE} (or application/json)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("invalidSyntax", "The body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("invalidSyntax", "The body must be a JSON object");
  return body as Json;
}

/** A user's writable attributes from a POST/PUT body (id, meta and groups are the server's). */
function userBody(body: Json): Json {
  const { id: _id, meta: _meta, groups: _groups, schemas: _schemas, ...data } = body;
  if (typeof data.active === "string") data.active = data.active.toLowerCase() === "true";
  validateUser(data);
  return data;
}

export async function startScimSandbox(options: ScimSandboxOptions = {}): Promise<ScimSandbox> {
  const token = options.token ?? DEFAULT_SCIM_TOKEN;
  const basePath = (options.basePath ?? DEFAULT_SCIM_BASE_PATH).replace(/\/+$/, "");
  const state = options.state ?? new ScimState();
  const faults = new ScimFaults();
  const calls: Record<string, number> = {};
  const requests: ScimSandbox["requests"] = [];
  const limits: PagingLimits = { defaultCount: options.defaultCount ?? 100, maxResults: options.maxResults ?? 1000, groupsFilter: !options.refuseGroupsFilter };
  const groupOpts: GroupPatchOptions = { duplicateMemberConflict: options.duplicateMemberConflict };
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  let origin = "";

  const send = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.statusCode = status;
    res.setHeader("Date", new Date().toUTCString());
    res.setHeader("X-Request-Id", randomUUID());
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined) return void res.end();
    const text = JSON.stringify(body);
    res.setHeader("Content-Type", `${SCIM_CONTENT_TYPE}; charset=utf-8`);
    res.setHeader("Content-Length", Buffer.byteLength(text));
    res.end(text);
  };
  const fail = (res: http.ServerResponse, e: ScimError) => send(res, e.status, e.body(), e.headers);

  const authorized = (req: http.IncomingMessage): boolean => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  };

  const checkIfMatch = (req: http.IncomingMessage, version: string) => {
    const want = req.headers["if-match"];
    if (want && want !== "*" && !want.split(",").map((s) => s.trim()).includes(version)) {
      throw new ScimError(412, `The resource changed: its version is ${version}`, "invalidVers");
    }
  };

  const listQuery = (q: URLSearchParams): ListQuery => ({
    filter: q.get("filter"), startIndex: q.get("startIndex"), count: q.get("count"),
    attributes: q.get("attributes"), excludedAttributes: q.get("excludedAttributes"),
  });

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, method: string, segments: string[], q: URLSearchParams) => {
    const base = `${origin}${basePath}`;
    const [collection, id, extra] = segments;
    const body = async () => parseJson(req, await readBody(req));
    const attrs = q.get("attributes");
    const excluded = q.get("excludedAttributes");

    if (extra !== undefined) throw notFound("Resource", segments.join("/"));
    if (collection === "ServiceProviderConfig" && method === "GET" && !id) return send(res, 200, serviceProviderConfig(base, limits.maxResults));
    if (collection === "ResourceTypes" && method === "GET") {
      const all = resourceTypes(base);
      if (!id) return send(res, 200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all });
      const one = all.find((r) => r.id === id);
      return one ? send(res, 200, one) : fail(res, notFound("ResourceType", id));
    }
    if (collection === "Schemas" && method === "GET") {
      const all = schemas(base);
      if (!id) return send(res, 200, { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all });
      const one = all.find((s) => s.id === id);
      return one ? send(res, 200, one) : fail(res, notFound("Schema", id));
    }

    if (collection === "Users") {
      if (!id && method === "GET") return send(res, 200, listUsers(state, listQuery(q), base, limits));
      if (!id && method === "POST") {
        const u = state.insertUser(state.nextId(), userBody(await body()));
        return send(res, 201, userJson(state, u, base), { Location: `${base}/Users/${u.id}`, ETag: versionOf(u) });
      }
      const user = id ? state.users.get(id) : undefined;
      if (!id || !user) throw notFound("User", id ?? "");
      if (method === "GET") return send(res, 200, project(userJson(state, user, base), attrs, excluded), { ETag: versionOf(user) });
      if (method === "DELETE") {
        checkIfMatch(req, versionOf(user));
        state.deleteUser(id);
        return send(res, 204);
      }
      if (method === "PUT" || method === "PATCH") {
        const b = await body();
        checkIfMatch(req, versionOf(user));
        const data = method === "PUT" ? userBody(b) : patchUserData(user.data, readPatchBody(b));
        state.writeUser(id, data);
        return send(res, 200, project(userJson(state, user, base), attrs, excluded), { ETag: versionOf(user) });
      }
    }

    if (collection === "Groups") {
      if (!id && method === "GET") return send(res, 200, listGroups(state, listQuery(q), base, limits));
      if (!id && method === "POST") {
        const b = await body();
        if (typeof b.displayName !== "string" || !b.displayName.trim()) throw badRequest("invalidValue", "displayName is required");
        const members = Array.isArray(b.members) ? b.members : [];
        const g = state.addGroup({ displayName: b.displayName, externalId: typeof b.externalId === "string" ? b.externalId : null });
        if (members.length) patchGroup(state, g, [{ op: "add", path: "members", value: members }], groupOpts);
        return send(res, 201, groupJson(state, g, base), { Location: `${base}/Groups/${g.id}`, ETag: versionOf(g) });
      }
      const group = id ? state.groups.get(id) : undefined;
      if (!id || !group) throw notFound("Group", id ?? "");
      if (method === "GET") return send(res, 200, project(groupJson(state, group, base, wantsMembers(attrs, excluded)), attrs, excluded), { ETag: versionOf(group) });
      const readOnly = () => {
        if (group.readOnly) throw new ScimError(400, `Group ${group.displayName} is read-only here (${group.readOnly.reason})`, "mutability");
      };
      if (method === "DELETE") {
        readOnly();
        checkIfMatch(req, versionOf(group));
        state.deleteGroup(id);
        return send(res, 204);
      }
      if (method === "PATCH") {
        const b = await body();
        readOnly();
        checkIfMatch(req, versionOf(group));
        patchGroup(state, group, readPatchBody(b), groupOpts);
        // 204 unless the client asked for attributes back (keeps big member lists off the wire, as Entra expects).
        return attrs || excluded ? send(res, 200, project(groupJson(state, group, base, wantsMembers(attrs, excluded)), attrs, excluded), { ETag: versionOf(group) }) : send(res, 204, undefined, { ETag: versionOf(group) });
      }
      if (method === "PUT") {
        const b = await body();
        readOnly();
        checkIfMatch(req, versionOf(group));
        const ops = [{ op: "replace" as const, path: "displayName", value: b.displayName }, { op: "replace" as const, path: "members", value: Array.isArray(b.members) ? b.members : [] }];
        patchGroup(state, group, ops, groupOpts);
        return send(res, 200, groupJson(state, group, base), { ETag: versionOf(group) });
      }
    }
    if (["Users", "Groups", "ServiceProviderConfig", "ResourceTypes", "Schemas"].includes(collection ?? "")) {
      throw new ScimError(405, `${method} is not supported on /${segments.join("/")}`);
    }
    throw notFound("Endpoint", `/${segments.join("/")}`);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname.replace(/\/+$/, "");
    requests.push({ method, url: `${path}${url.search}` });
    if (requests.length > 2000) requests.splice(0, requests.length - 2000);
    const inside = path === basePath || path.startsWith(`${basePath}/`);
    const segments = inside ? path.slice(basePath.length).split("/").filter(Boolean).map(decodeURIComponent) : [];
    const routeKey = `${method} /${segments.map((s, i) => (i === 1 ? "{id}" : s)).join("/")}`;
    calls[routeKey] = (calls[routeKey] ?? 0) + 1;

    // Faults are taken on arrival, before the latency, so a slow request never uses a fault queued after it came in.
    const info = { method, path: `/${segments.join("/")}` };
    if (faults.takeHang(info)) {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      req.resume();
      return;
    }
    const fault = faults.isDown ? null : faults.take(info);
    const down = faults.isDown;
    const delay = (options.latencyMs ?? 0) + faults.delayMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));

    try {
      if (down === "reset") return void req.socket.destroy();
      if (down === "503") throw new ScimError(503, "The service is unavailable", undefined, { "Retry-After": "1" });
      if (fault) {
        const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
        const headers: Record<string, string> = retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : {};
        const detail = fault.status === 429 ? "Too many requests" : fault.status >= 500 ? "Internal error (injected)" : `Injected fault ${fault.status}`;
        throw new ScimError(fault.status, detail, undefined, headers);
      }
      if (!inside) throw notFound("Endpoint", path || "/");
      if (!authorized(req)) throw new ScimError(401, "Authorization failure: a valid bearer token is required", undefined, { "WWW-Authenticate": 'Bearer realm="scim"' });
      await route(req, res, method, segments, url.searchParams);
    } catch (e) {
      req.resume();
      if (e instanceof ScimError) return fail(res, e);
      fail(res, new ScimError(500, `Internal error: ${e instanceof Error ? e.message : String(e)}`));
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;

  let stopped = false;
  return {
    url: `${origin}${basePath}`,
    token,
    state,
    faults,
    calls,
    requests,
    async stop() {
      if (stopped) return;
      stopped = true;
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
