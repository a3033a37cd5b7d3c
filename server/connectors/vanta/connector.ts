// The Vanta connector: there is no SDK, so plain fetch with a timeout against a configurable base URL
// (protocols.md §7). Vendor shapes (UserAccount, document, token) stay in this file.

import { createHash } from "node:crypto";
import {
  ConnectorError,
  type EvidenceConnector,
  type EvidenceFile,
  type EvidenceUserAccount,
  type EvidenceUserAccountRecord,
} from "../types.ts";
import { fetchFailure, httpFailure } from "./errors.ts";

export const DEFAULT_VANTA_API_URL = "https://api.vanta.com";
/** Pushing UserAccount resources (Build Integrations) and uploading documents (Manage Vanta). */
export const DEFAULT_VANTA_SCOPE =
  "connectors.self:read-resource connectors.self:write-resource vanta-api.all:read vanta-api.all:write vanta-api.documents:upload";
export const DEFAULT_VANTA_DOCUMENT_ID = "access-reviews";
export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_PAGES = 10_000;

export interface VantaConnectorConfig {
  /** Origin of the API, e.g. https://api.vanta.com (Gov: https://api.vanta-gov.com) or a sandbox. */
  apiUrl?: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated OAuth scopes to ask for (default DEFAULT_VANTA_SCOPE). */
  scope?: string;
  /** What validate() checks: the document evidence is uploaded to, and the UserAccount resource when set. */
  documentId?: string;
  userAccountResourceId?: string;
  timeoutMs?: number;
  /** Page size of listings (at most 100). */
  pageSize?: number;
  /**
   * Where tokens are kept between calls. Default: one cache for the whole process, so connectors built per job
   * from the same stored connection share a token (the token endpoint allows about 5 requests a minute, and a new
   * token reportedly revokes the application's previous one).
   */
  tokenCache?: VantaTokenCache;
  /** The connector's clock for token lifetimes (ms). */
  now?: () => number;
}

type CachedToken = { token: string; expiresAt: number };

/** Access tokens by application, reused until shortly before they expire; concurrent callers share one request. */
export class VantaTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  /** A valid token for `key`, or one from `mint` (one request at a time per key). */
  async get(key: string, now: number, mint: () => Promise<CachedToken>): Promise<{ token: string; fresh: boolean }> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > now) return { token: cached.token, fresh: false };
    let inflight = this.pending.get(key);
    if (!inflight) {
      inflight = mint().then(
        (t) => {
          this.tokens.set(key, t);
          this.pending.delete(key);
          return t;
        },
        (e: unknown) => {
          this.pending.delete(key);
          throw e;
        },
      );
      this.pending.set(key, inflight);
    }
    return { token: (await inflight).token, fresh: true };
  }

  /** Drops `token` if it is still the cached one (Vanta refused it). */
  invalidate(key: string, token: string): void {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  clear(): void {
    this.tokens.clear();
  }
}

const processTokenCache = new VantaTokenCache();

// --- Vendor shapes ----------------------------------------------------------------------------------------------

interface VantaUserAccount {
  uniqueId: string;
  displayName: string;
  fullName: string;
  accountName: string;
  email: string;
  externalUrl?: string;
  permissionLevel: "ADMIN" | "EDITOR" | "BASE";
  status: string;
  createdTimestamp: string;
  mfaEnabled?: boolean;
  authMethod?: string;
  deletedAt?: string | null;
}

interface VantaPage<T> {
  results?: { data?: T[]; pageInfo?: { endCursor?: string | null; nextPageCursor?: string | null; hasNextPage?: boolean } };
}

interface VantaDocument {
  id: string;
  title?: string;
  overallStatus?: string;
}

const STATUS_OUT: Record<EvidenceUserAccount["status"], string> = { active: "ACTIVE", suspended: "SUSPENDED", deactivated: "DEACTIVATED" };

function toVanta(a: EvidenceUserAccount): VantaUserAccount {
  return {
    uniqueId: a.id,
    displayName: a.displayName,
    fullName: a.fullName,
    accountName: a.accountName,
    email: a.email,
    ...(a.url ? { externalUrl: a.url } : {}),
    permissionLevel: a.permission === "admin" ? "ADMIN" : a.permission === "editor" ? "EDITOR" : "BASE",
    status: STATUS_OUT[a.status],
    createdTimestamp: a.createdAt.toISOString(),
    ...(a.mfaEnabled !== undefined ? { mfaEnabled: a.mfaEnabled } : {}),
    ...(a.authMethod ? { authMethod: a.authMethod.toUpperCase() } : {}),
  };
}

function fromVanta(v: VantaUserAccount): EvidenceUserAccountRecord {
  const auth = v.authMethod?.toLowerCase();
  return {
    id: String(v.uniqueId),
    displayName: v.displayName ?? "",
    fullName: v.fullName ?? "",
    accountName: v.accountName ?? "",
    email: v.email ?? "",
    permission: v.permissionLevel === "ADMIN" ? "admin" : v.permissionLevel === "EDITOR" ? "editor" : "base",
    status: v.status === "ACTIVE" ? "active" : v.status === "SUSPENDED" ? "suspended" : "deactivated",
    createdAt: new Date(v.createdTimestamp),
    url: v.externalUrl ?? null,
    ...(v.mfaEnabled !== undefined ? { mfaEnabled: v.mfaEnabled } : {}),
    ...(auth === "sso" || auth === "password" || auth === "token" || auth === "unknown" ? { authMethod: auth } : {}),
    deletedAt: v.deletedAt ? new Date(v.deletedAt) : null,
  };
}

// --- The connector ----------------------------------------------------------------------------------------------

export function createVantaConnector(config: VantaConnectorConfig): EvidenceConnector {
  const base = (config.apiUrl ?? DEFAULT_VANTA_API_URL).replace(/\/+$/, "");
  const scope = config.scope?.trim() || DEFAULT_VANTA_SCOPE;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pageSize = Math.min(100, Math.max(1, config.pageSize ?? 100));
  const documentId = config.documentId ?? DEFAULT_VANTA_DOCUMENT_ID;
  const cache = config.tokenCache ?? processTokenCache;
  const now = config.now ?? Date.now;
  const cacheKey = [base, config.clientId, createHash("sha256").update(config.clientSecret).digest("hex"), scope].join("\n");

  /** fetch with the timeout covering the whole answer, body included. */
  const send = async (action: string, url: string, init: RequestInit): Promise<{ status: number; body: unknown; retryAfter: string | null }> => {
    try {
      const res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      let body: unknown = text;
      if ((res.headers.get("content-type") ?? "").includes("json") && text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status: res.status, body, retryAfter: res.headers.get("retry-after") };
    } catch (e) {
      throw fetchFailure(e, action);
    }
  };

  const mint = async (): Promise<CachedToken> => {
    const action = "get an access token";
    const r = await send(action, `${base}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, scope, grant_type: "client_credentials" }),
    });
    if (r.status !== 200) throw httpFailure({ ...r, action, tokenEndpoint: true });
    const b = r.body as { access_token?: unknown; expires_in?: unknown };
    if (typeof b?.access_token !== "string" || !b.access_token) throw new ConnectorError(`Vanta ${action}: the answer has no access_token`, "unknown", false, undefined, 200);
    const lifetimeMs = (typeof b.expires_in === "number" && b.expires_in > 0 ? b.expires_in : 3600) * 1000;
    // Renew a little early (5 minutes, or half the lifetime of a short one) so a token never expires mid-call.
    return { token: b.access_token, expiresAt: now() + lifetimeMs - Math.min(300_000, lifetimeMs / 2) };
  };

  /** One API call with the cached token; a refused cached token is replaced once (expired early, or revoked by a newer one). */
  const call = async <T>(action: string, method: string, path: string, opts: { query?: Record<string, string>; json?: unknown; form?: () => FormData; notFound?: string } = {}): Promise<T> => {
    const qs = opts.query ? `?${new URLSearchParams(opts.query)}` : "";
    for (let attempt = 0; ; attempt++) {
      const { token, fresh } = await cache.get(cacheKey, now(), mint);
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
      let body: BodyInit | undefined;
      if (opts.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(opts.json);
      } else if (opts.form) {
        body = opts.form(); // fetch sets multipart/form-data with its boundary
      }
      const r = await send(action, `${base}${path}${qs}`, { method, headers, body });
      if (r.status === 401 && !fresh && attempt === 0) {
        cache.invalidate(cacheKey, token);
        continue;
      }
      if (r.status < 200 || r.status >= 300) throw httpFailure({ ...r, action, notFound: opts.notFound });
      return r.body as T;
    }
  };

  /** Every item of a cursor-paged listing. */
  const all = async <T>(action: string, path: string, query: Record<string, string>, notFound?: string): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < MAX_PAGES; n++) {
      const page: VantaPage<T> = await call<VantaPage<T>>(action, "GET", path, { query: { ...query, pageSize: String(pageSize), ...(cursor ? { pageCursor: cursor } : {}) }, notFound });
      const data = page?.results?.data;
      if (!Array.isArray(data)) throw new ConnectorError(`Vanta ${action}: the answer has no results.data list`, "unknown", false, undefined, 200);
      items.push(...data);
      const info = page.results?.pageInfo;
      const next = info?.endCursor ?? info?.nextPageCursor ?? null;
      if (!info?.hasNextPage) return items;
      if (!next || next === cursor) throw new ConnectorError(`Vanta ${action}: the listing says there is another page but gives no new cursor`, "unknown", false, undefined, 200);
      cursor = next;
    }
    throw new ConnectorError(`Vanta ${action}: more than ${MAX_PAGES} pages`, "unknown", false);
  };

  const noDocument = (id: string) => `Vanta has no document "${id}"; copy the id from the document's address in Vanta (app.vanta.com/documents/<id>)`;
  const noResource = (id: string) => `Vanta has no UserAccount resource "${id}"; copy the Resource ID from the application's Resources tab in Vanta's Developer Console`;
  const listAccounts = (resourceId: string) =>
    all<VantaUserAccount>("read back the user accounts", "/v1/resources/user_account", { resourceId }, noResource(resourceId));

  return {
    kind: "vanta",

    async validate() {
      try {
        const documents = await all<VantaDocument>("list documents", "/v1/documents", {});
        const doc = documents.find((d) => d.id === documentId);
        // The client ID is kept sealed with the secret, so the detail (shown and audited) does not name it.
        if (!doc) return { ok: false, detail: `Vanta issued a token, but ${noDocument(documentId)}` };
        let detail = `Vanta issued a token · document “${doc.title ?? doc.id}” (${doc.id}${doc.overallStatus ? `, ${doc.overallStatus}` : ""})`;
        if (config.userAccountResourceId) {
          const accounts = await call<VantaPage<VantaUserAccount>>("read the user account resource", "GET", "/v1/resources/user_account", {
            query: { resourceId: config.userAccountResourceId, pageSize: "1" }, notFound: noResource(config.userAccountResourceId),
          });
          if (!Array.isArray(accounts?.results?.data)) return { ok: false, detail: "Vanta answered the user account listing in an unexpected shape" };
          detail += ` · user accounts resource ${config.userAccountResourceId}`;
        }
        return { ok: true, detail };
      } catch (e) {
        return { ok: false, detail: fetchFailure(e, "check the connection").message };
      }
    },

    async syncUserAccounts(resourceId, accounts) {
      const ids = new Set<string>();
      for (const a of accounts) {
        if (ids.has(a.id)) throw new ConnectorError(`Vanta sync user accounts: account ${a.id} appears twice`, "invalid", false);
        ids.add(a.id);
      }
      await call("sync user accounts", "PUT", "/v1/resources/user_account", {
        json: { resourceId, resources: accounts.map(toVanta) }, notFound: noResource(resourceId),
      });
    },

    async listUserAccounts(resourceId) {
      return (await listAccounts(resourceId)).map(fromVanta);
    },

    async uploadDocument(id, file: EvidenceFile) {
      // A copy in a plain ArrayBuffer (what Blob takes), whatever memory the caller's Buffer lives in.
      const content = typeof file.content === "string" ? new TextEncoder().encode(file.content) : new Uint8Array(file.content);
      const r = await call<{ id?: unknown }>(`upload ${file.filename} to ${id}`, "POST", `/v1/documents/${encodeURIComponent(id)}/uploads`, {
        form: () => {
          const form = new FormData();
          form.append("file", new Blob([content], { type: file.contentType }), file.filename);
          return form;
        },
        notFound: noDocument(id),
      });
      if (typeof r?.id !== "string" || !r.id) throw new ConnectorError(`Vanta upload ${file.filename} to ${id}: the answer has no upload id`, "unknown", false, undefined, 200);
      return r.id;
    },

    async submitDocument(id) {
      await call(`submit ${id}`, "POST", `/v1/documents/${encodeURIComponent(id)}/submit`, { notFound: noDocument(id) });
    },
  };
}
