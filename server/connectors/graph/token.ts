// App-only tokens for Microsoft Graph: client_credentials with a client secret against the identity platform's
// v2.0 token endpoint, cached until shortly before expiry. Concurrent callers share one token request.

import type { HttpsTransport } from "./transport.ts";

export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

/** The token endpoint refused us: Entra's `error` ("invalid_client", …) and its AADSTS description. */
export class TokenRequestError extends Error {
  override name = "TokenRequestError";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${error}: ${description}`);
  }
}

export interface TokenSource {
  get(): Promise<string>;
  /** Forgets the cached token (after Graph refused it). */
  invalidate(): void;
}

export interface ClientSecretConfig {
  /** e.g. https://login.microsoftonline.com (the sandbox serves both on one origin). */
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Renew this long before expiry (default 5 minutes, or half the lifetime when that is shorter). */
  refreshSkewMs?: number;
}

export class ClientSecretTokens implements TokenSource {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly config: ClientSecretConfig,
    private readonly transport: HttpsTransport,
  ) {}

  get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    if (!this.pending) {
      this.pending = this.request().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  invalidate(): void {
    this.cached = null;
  }

  private async request(): Promise<string> {
    const c = this.config;
    const url = `${c.authorityUrl.replace(/\/+$/, "")}/${encodeURIComponent(c.tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({ client_id: c.clientId, client_secret: c.clientSecret, scope: c.scope ?? GRAPH_DEFAULT_SCOPE, grant_type: "client_credentials" });
    const res = await this.transport.send(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" }, body: form.toString() });
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(res.text) as Record<string, unknown>;
    } catch {
      // not JSON: described below by status
    }
    if (res.status !== 200 || typeof body.access_token !== "string") {
      const retryAfter = Number(res.headers.get("retry-after"));
      const description = String(body.error_description ?? res.text.slice(0, 200)).replace(/\s*Trace ID:.*$/s, "");
      throw new TokenRequestError(res.status, String(body.error ?? `HTTP ${res.status}`), description, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    const lifetimeMs = Number(body.expires_in ?? 3599) * 1000;
    const skew = Math.min(this.config.refreshSkewMs ?? 300_000, lifetimeMs / 2);
    this.cached = { token: body.access_token, renewAt: Date.now() + lifetimeMs - skew };
    return body.access_token;
  }
}
