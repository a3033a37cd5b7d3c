// A protocol-faithful sandbox of the Vanta API subset Gatehouse uses (protocols.md §7), over real HTTP, for tests
// and the demo: the client-credentials token endpoint (JSON body, 5 requests a minute, one-hour tokens), Bearer
// checks with per-endpoint scopes, the UserAccount state-of-the-world sync and its read-back, the document list,
// multipart uploads and submit. Errors are JSON `{error, message}`; paging is cursor-based.

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { VantaFaults } from "./faults.ts";
import {
  DEFAULT_VANTA_CLIENT, DEFAULT_VANTA_RESOURCE_ID, emptyVantaData, VANTA_SCOPES, VantaState,
  type VantaClient, type VantaData, type VantaDocument,
} from "./state.ts";

export interface VantaSandboxOptions {
  port?: number;
  host?: string;
  /** OAuth applications (default: one with every scope, DEFAULT_VANTA_CLIENT). */
  clients?: VantaClient[];
  /** UserAccount resources (default: one, DEFAULT_VANTA_RESOURCE_ID). */
  resources?: { id: string; name: string }[];
  /** Evidence documents (default: a SOC 2 set that includes `access-reviews`, more than one page of them). */
  documents?: { id: string; title: string; category?: string }[];
  persistTo?: string;
  /** The sandbox's clock: token lifetimes, the token rate limit and timestamps follow it. */
  now?: () => Date;
  tokenTtlSeconds?: number;
  /** Token requests a client may make per minute before 429 (default 5). */
  tokenRequestsPerMinute?: number;
  /** A new token revokes the client's earlier ones (reported of Vanta; default true). */
  oneTokenPerClient?: boolean;
  maxUploadBytes?: number;
}

export interface VantaSandbox {
  readonly url: string;
  readonly port: number;
  readonly state: VantaState;
  readonly faults: VantaFaults;
  /** The default application's credentials. */
  readonly client: VantaClient;
  /** The default UserAccount resource id. */
  readonly resourceId: string;
  /** Requests answered, by route ("POST /oauth/token", "GET /v1/documents", …), faults included. */
  readonly calls: Record<string, number>;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_VANTA_TOKEN_TTL_SECONDS = 3600;
const MAX_JSON_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

class HttpError extends Error {
  constructor(readonly status: number, readonly error: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PERMISSION_LEVELS = new Set(["ADMIN", "EDITOR", "BASE"]);
const ENUM_WORD = /^[A-Z][A-Z_]{0,39}$/;

/** Checks one UserAccount of a sync body the way Vanta's schema does; returns the fields to keep. */
function validateAccount(raw: unknown, at: string): Record<string, unknown> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new HttpError(422, "invalid_request", `${at} must be an object`);
  const a = raw as Record<string, unknown>;
  const str = (k: string, required = true) => {
    const v = a[k];
    if (v === undefined || v === null) {
      if (required) throw new HttpError(422, "invalid_request", `${at}.${k} is required`);
      return;
    }
    if (typeof v !== "string" || (required && v.trim() === "")) throw new HttpError(422, "invalid_request", `${at}.${k} must be a non-empty string`);
    if (v.length > 1000) throw new HttpError(422, "invalid_request", `${at}.${k} is longer than 1000 characters`);
  };
  for (const k of ["uniqueId", "displayName", "fullName", "accountName", "email", "permissionLevel", "status", "createdTimestamp"]) str(k);
  for (const k of ["externalUrl", "authMethod"]) str(k, false);
  if (!PERMISSION_LEVELS.has(a.permissionLevel as string)) throw new HttpError(422, "invalid_request", `${at}.permissionLevel must be one of ADMIN, EDITOR, BASE`);
  if (!ENUM_WORD.test(a.status as string)) throw new HttpError(422, "invalid_request", `${at}.status must be an upper-case status such as ACTIVE`);
  if (!ISO_DATE.test(a.createdTimestamp as string) || Number.isNaN(Date.parse(a.createdTimestamp as string))) {
    throw new HttpError(422, "invalid_request", `${at}.createdTimestamp must be an ISO 8601 date-time`);
  }
  if (a.externalUrl !== undefined && a.externalUrl !== null && !URL.canParse(a.externalUrl as string)) throw new HttpError(422, "invalid_request", `${at}.externalUrl must be a URL`);
  if (a.authMethod !== undefined && a.authMethod !== null && !ENUM_WORD.test(a.authMethod as string)) throw new HttpError(422, "invalid_request", `${at}.authMethod must be an upper-case method such as SSO`);
  if (a.mfaEnabled !== undefined && typeof a.mfaEnabled !== "boolean") throw new HttpError(422, "invalid_request", `${at}.mfaEnabled must be a boolean`);
  if (a.mfaMethods !== undefined && (!Array.isArray(a.mfaMethods) || a.mfaMethods.some((m) => typeof m !== "string" || !ENUM_WORD.test(m)))) {
    throw new HttpError(422, "invalid_request", `${at}.mfaMethods must be a list of upper-case methods such as TOTP`);
  }
  const keep = ["uniqueId", "displayName", "fullName", "accountName", "email", "externalUrl", "permissionLevel", "status", "createdTimestamp", "mfaEnabled", "mfaMethods", "authMethod"];
  const custom = a.customProperties;
  return Object.fromEntries([...keep.filter((k) => a[k] !== undefined).map((k) => [k, a[k]]), ...(custom && typeof custom === "object" ? [["customProperties", custom]] : [])]);
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new HttpError(400, "invalid_request", "pageCursor is not a cursor this API returned");
  return Number(m[1]);
}

/** Vanta's cursor paging: `{results: {data, pageInfo: {startCursor, endCursor, hasNextPage, hasPreviousPage}}}`. */
function page<T>(items: T[], url: URL) {
  const sizeParam = url.searchParams.get("pageSize");
  const size = sizeParam === null ? DEFAULT_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new HttpError(400, "invalid_request", `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  const start = decodeCursor(url.searchParams.get("pageCursor"));
  const end = Math.min(items.length, start + size);
  return {
    results: {
      data: items.slice(start, end),
      pageInfo: { startCursor: encodeCursor(start), endCursor: encodeCursor(end), hasNextPage: end < items.length, hasPreviousPage: start > 0 },
    },
  };
}

function documentJson(d: VantaDocument) {
  return { id: d.id, title: d.title, description: d.description, category: d.category, overallStatus: d.overallStatus, url: `https://app.vanta.com/documents/${d.id}` };
}

export async function startVantaSandbox(options: VantaSandboxOptions = {}): Promise<VantaSandbox> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? "127.0.0.1";
  const ttl = options.tokenTtlSeconds ?? DEFAULT_VANTA_TOKEN_TTL_SECONDS;
  const tokenLimit = options.tokenRequestsPerMinute ?? 5;
  const onePerClient = options.oneTokenPerClient ?? true;
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const faults = new VantaFaults();
  const calls: Record<string, number> = {};

  const persistFile = options.persistTo ? path.resolve(options.persistTo) : undefined;
  let data: VantaData = emptyVantaData({ clients: options.clients, resources: options.resources, documents: options.documents });
  if (persistFile && existsSync(persistFile)) {
    data = JSON.parse(readFileSync(persistFile, "utf8")) as VantaData;
    if (data.version !== 1) throw new Error(`Unsupported sandbox Vanta state version in ${persistFile}`);
  }
  const state = new VantaState(data, now);

  let saveTimer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const writeNow = async () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!persistFile) return;
    const text = JSON.stringify(state.data);
    writing = writing.then(async () => {
      await mkdir(path.dirname(persistFile), { recursive: true });
      const tmp = `${persistFile}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, text, "utf8");
      await rename(tmp, persistFile);
    });
    await writing;
  };
  state.onChange = () => {
    if (persistFile && !saveTimer) saveTimer = setTimeout(() => void writeNow().catch(() => {}), 100);
  };

  let baseUrl = "";
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", Date: now().toUTCString(), "X-Request-Id": randomUUID(), ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, e: HttpError) => send(res, e.status, { error: e.error, message: e.message }, e.headers);

  const readBody = (req: http.IncomingMessage, limit: number) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > limit) over = true;
        else chunks.push(c);
      });
      req.on("end", () => (over ? reject(new HttpError(413, "payload_too_large", `The request body is larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
      req.on("error", reject);
    });

  const readJson = async (req: http.IncomingMessage): Promise<Record<string, unknown>> => {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.toLowerCase().startsWith("application/json")) throw new HttpError(415, "unsupported_media_type", "Send the body as application/json");
    const raw = await readBody(req, MAX_JSON_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new HttpError(400, "invalid_request", "The body is not valid JSON");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new HttpError(400, "invalid_request", "The body must be a JSON object");
    return body as Record<string, unknown>;
  };

  /** Bearer check and scope check for every /v1 call. */
  const authorize = (req: http.IncomingMessage, scope: string) => {
    const header = req.headers.authorization ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const challenge = { "WWW-Authenticate": 'Bearer realm="vanta"' };
    if (!m) throw new HttpError(401, "unauthorized", "Missing bearer token: send Authorization: Bearer <access_token>", challenge);
    const record = state.token(m[1]!);
    if (!record) throw new HttpError(401, "unauthorized", "The access token is invalid or has expired", challenge);
    if (!record.scopes.has(scope)) throw new HttpError(403, "forbidden", `The access token is missing the scope ${scope}`);
    return record;
  };

  const tokenEndpoint = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.toLowerCase().startsWith("application/json")) throw new HttpError(400, "invalid_request", "Send the token request as JSON (Content-Type: application/json)");
    const body = await readJson(req);
    const clientId = typeof body.client_id === "string" ? body.client_id : "";
    const wait = state.tokenRateLimited(clientId || "(none)", tokenLimit);
    if (wait !== null) throw new HttpError(429, "rate_limited", `Too many token requests: at most ${tokenLimit} a minute`, { "Retry-After": String(wait) });
    if (body.grant_type !== "client_credentials") throw new HttpError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    const client = state.client(clientId);
    if (!client || typeof body.client_secret !== "string" || body.client_secret !== client.clientSecret) {
      throw new HttpError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret");
    }
    if (typeof body.scope !== "string" || body.scope.trim() === "") throw new HttpError(400, "invalid_scope", "scope is required (space-separated)");
    const scopes = body.scope.trim().split(/\s+/);
    const refused = scopes.filter((s) => !client.scopes.includes(s));
    if (refused.length) throw new HttpError(400, "invalid_scope", `This application may not ask for ${refused.join(", ")}`);
    const token = state.mintToken(client.clientId, scopes, ttl, onePerClient);
    send(res, 200, { access_token: token, expires_in: ttl, token_type: "Bearer", scope: scopes.join(" ") }, { "Cache-Control": "no-store" });
  };

  const syncAccounts = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    authorize(req, VANTA_SCOPES.writeResource);
    const body = await readJson(req);
    if (typeof body.resourceId !== "string" || !body.resourceId) throw new HttpError(422, "invalid_request", "resourceId is required");
    if (!state.resource(body.resourceId)) throw new HttpError(404, "not_found", `No UserAccount resource with id ${body.resourceId}`);
    if (!Array.isArray(body.resources)) throw new HttpError(422, "invalid_request", "resources must be an array of UserAccount");
    const accounts = body.resources.map((r, i) => validateAccount(r, `resources[${i}]`));
    const seen = new Set<string>();
    for (const a of accounts) {
      if (seen.has(a.uniqueId as string)) throw new HttpError(422, "invalid_request", `uniqueId ${String(a.uniqueId)} appears more than once`);
      seen.add(a.uniqueId as string);
    }
    state.syncAccounts(body.resourceId, accounts);
    send(res, 200, { success: true });
  };

  const listAccounts = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    authorize(req, VANTA_SCOPES.readResource);
    const resourceId = url.searchParams.get("resourceId");
    if (!resourceId) throw new HttpError(400, "invalid_request", "resourceId is required");
    const resource = state.resource(resourceId);
    if (!resource) throw new HttpError(404, "not_found", `No UserAccount resource with id ${resourceId}`);
    send(res, 200, page(resource.accounts.map((a) => ({ ...a.fields, deletedAt: a.deletedAt })), url));
  };

  const documentOr404 = (id: string) => {
    const doc = state.document(id);
    if (!doc) throw new HttpError(404, "not_found", `No document with id ${id}`);
    return doc;
  };

  const upload = async (req: http.IncomingMessage, res: http.ServerResponse, documentId: string) => {
    authorize(req, VANTA_SCOPES.upload);
    documentOr404(documentId);
    const type = String(req.headers["content-type"] ?? "");
    if (!/^multipart\/form-data;\s*boundary=/i.test(type)) throw new HttpError(415, "unsupported_media_type", "Send the file as multipart/form-data with a boundary");
    const raw = await readBody(req, maxUpload + 64 * 1024);
    let form: FormData;
    try {
      form = await new Request("http://sandbox.invalid/", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(raw) }).formData();
    } catch {
      throw new HttpError(400, "invalid_request", "The multipart body could not be parsed");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new HttpError(422, "invalid_request", "The multipart field file (a file part with a filename) is required");
    if (file.size === 0) throw new HttpError(422, "invalid_request", "The file is empty");
    if (file.size > maxUpload) throw new HttpError(413, "payload_too_large", `The file is larger than ${maxUpload} bytes`);
    const description = form.get("description");
    const saved = state.addUpload(documentId, {
      fileName: file.name || "upload", mimeType: file.type || "application/octet-stream", content: Buffer.from(await file.arrayBuffer()),
      description: typeof description === "string" ? description.slice(0, 2000) : null,
    });
    send(res, 200, {
      id: saved.id, fileName: saved.fileName, mimeType: saved.mimeType, description: saved.description, createdAt: saved.createdAt, updatedAt: saved.createdAt,
      deletionDate: null, url: `${baseUrl}/v1/documents/${encodeURIComponent(documentId)}/uploads/${saved.id}/media`,
    });
  };

  const media = (req: http.IncomingMessage, res: http.ServerResponse, documentId: string, uploadId: string) => {
    authorize(req, VANTA_SCOPES.read);
    const doc = documentOr404(documentId);
    const u = doc.uploads.find((x) => x.id === uploadId);
    if (!u) throw new HttpError(404, "not_found", `No uploaded file ${uploadId} on document ${documentId}`);
    res.writeHead(200, { "Content-Type": u.mimeType, "Content-Disposition": `attachment; filename="${u.fileName.replace(/["\\\r\n]/g, "_")}"`, Date: now().toUTCString() });
    res.end(Buffer.from(u.contentBase64, "base64"));
  };

  const submit = (req: http.IncomingMessage, res: http.ServerResponse, documentId: string) => {
    authorize(req, VANTA_SCOPES.write);
    const doc = documentOr404(documentId);
    if (!state.submit(documentId)) throw new HttpError(422, "invalid_request", `Document ${documentId} has no uploaded files to submit`);
    send(res, 200, documentJson(doc));
  };

  type Route = { method: string; pattern: RegExp; key: string; handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL, m: RegExpExecArray) => unknown };
  const routes: Route[] = [
    { method: "POST", pattern: /^\/oauth\/token$/, key: "POST /oauth/token", handle: (req, res) => tokenEndpoint(req, res) },
    { method: "PUT", pattern: /^\/v1\/resources\/user_account(?:\/sync_all)?$/, key: "PUT /v1/resources/user_account", handle: (req, res) => syncAccounts(req, res) },
    { method: "GET", pattern: /^\/v1\/resources\/user_account(?:\/list_all)?$/, key: "GET /v1/resources/user_account", handle: (req, res, url) => listAccounts(req, res, url) },
    {
      method: "GET", pattern: /^\/v1\/documents$/, key: "GET /v1/documents",
      handle: (req, res, url) => {
        authorize(req, VANTA_SCOPES.read);
        const statuses = url.searchParams.getAll("statusMatchesAny");
        send(res, 200, page(state.data.documents.filter((d) => !statuses.length || statuses.includes(d.overallStatus)).map(documentJson), url));
      },
    },
    {
      method: "GET", pattern: /^\/v1\/documents\/([^/]+)$/, key: "GET /v1/documents/{id}",
      handle: (req, res, _url, m) => {
        authorize(req, VANTA_SCOPES.read);
        send(res, 200, documentJson(documentOr404(decodeURIComponent(m[1]!))));
      },
    },
    { method: "POST", pattern: /^\/v1\/documents\/([^/]+)\/uploads$/, key: "POST /v1/documents/{id}/uploads", handle: (req, res, _url, m) => upload(req, res, decodeURIComponent(m[1]!)) },
    {
      method: "GET", pattern: /^\/v1\/documents\/([^/]+)\/uploads\/([^/]+)\/media$/, key: "GET /v1/documents/{id}/uploads/{uploadId}/media",
      handle: (req, res, _url, m) => media(req, res, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)),
    },
    { method: "POST", pattern: /^\/v1\/documents\/([^/]+)\/submit$/, key: "POST /v1/documents/{id}/submit", handle: (req, res, _url, m) => submit(req, res, decodeURIComponent(m[1]!)) },
    // Not Vanta: what the sandbox holds, for people looking at it by hand (tests and the demo use state.view()).
    { method: "GET", pattern: /^\/_sandbox\/state$/, key: "GET /_sandbox/state", handle: (_req, res) => send(res, 200, state.view()) },
  ];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", baseUrl || "http://localhost");
    const info = { method: req.method ?? "GET", path: url.pathname };
    const go = async () => {
      const route = routes.find((r) => r.pattern.test(url.pathname) && r.method === info.method);
      const key = route?.key ?? `${info.method} ${url.pathname}`;
      calls[key] = (calls[key] ?? 0) + 1;
      const mode = faults.isDown;
      if (mode === "reset") return req.socket.destroy();
      if (mode === "503") return send(res, 503, { error: "service_unavailable", message: "Vanta is temporarily unavailable" });
      if (faults.takeHang(info)) return; // accepted, never answered
      // Taken on arrival, before the latency: a late request must not use a fault queued after it came in.
      const fault = faults.take(info);
      if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (fault) {
        req.resume();
        const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
        const headers: Record<string, string> = retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : {};
        const error = fault.status === 429 ? "rate_limited" : fault.status >= 500 ? "internal_error" : "invalid_request";
        return send(res, fault.status, { error, message: fault.status === 429 ? "Too many requests" : `Injected failure (${fault.status})` }, headers);
      }
      if (!route) {
        const other = routes.some((r) => r.pattern.test(url.pathname));
        throw other ? new HttpError(405, "method_not_allowed", `${info.method} is not allowed on ${url.pathname}`) : new HttpError(404, "not_found", `No route ${url.pathname}`);
      }
      await route.handle(req, res, url, route.pattern.exec(url.pathname)!);
    };
    go().catch((e: unknown) => {
      if (res.headersSent) return;
      // Answer without waiting for the rest of the body, but read it so the client sees the answer, not a reset.
      req.resume();
      if (e instanceof HttpError) return fail(res, e);
      send(res, 500, { error: "internal_error", message: "The sandbox failed to answer" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    port,
    state,
    faults,
    client: state.data.clients[0] ?? DEFAULT_VANTA_CLIENT,
    resourceId: state.data.resources[0]?.id ?? DEFAULT_VANTA_RESOURCE_ID,
    calls,
    flush: writeNow,
    async stop() {
      await writeNow().catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
