// One SCIM request over plain fetch: bearer token, application/scim+json, a timeout per attempt (AbortSignal)
// covering the body too, and retries (p-retry) of 429/5xx and network errors, waiting out Retry-After when the
// server sends one. Every call this makes is idempotent (GETs, and PATCHes whose repeat changes nothing), so
// retrying writes is safe. Timeouts are not retried: the job layer decides (they surface as "timeout").

import pRetry from "p-retry";
import { ConnectorError } from "../types.ts";
import { fetchFailure, httpFailure, ScimHttpError } from "./errors.ts";

export const SCIM_MEDIA_TYPE = "application/scim+json";

export interface ScimHttpConfig {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  maxRetries: number;
  retryMinDelayMs: number;
  retryMaxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate_limited for the job layer to reschedule. */
  maxRetryWaitMs: number;
  userAgent: string;
}

export interface ScimRequest {
  action: string;
  method: "GET" | "PATCH" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, e.g. /Users or /Groups/{id}. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
}

export interface ScimResponse {
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ScimHttp {
  calls = 0;
  readonly host: string;

  constructor(private readonly config: ScimHttpConfig) {
    this.host = new URL(config.baseUrl).host;
  }

  private url(path: string, query?: Record<string, string | undefined>): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) q.set(k, v);
    const qs = q.size ? `?${q.toString().replace(/\+/g, "%20")}` : "";
    return `${this.config.baseUrl}${path}${qs}`;
  }

  private async once(req: ScimRequest): Promise<ScimResponse> {
    this.calls++;
    const { timeoutMs, token, userAgent } = this.config;
    let status: number;
    let body: unknown;
    let retryAfter: string | null;
    try {
      const res = await fetch(this.url(req.path, req.query), {
        method: req.method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: `${SCIM_MEDIA_TYPE}, application/json`,
          "User-Agent": userAgent,
          ...(req.json !== undefined ? { "Content-Type": SCIM_MEDIA_TYPE } : {}),
        },
        body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      status = res.status;
      retryAfter = res.headers.get("retry-after");
      body = text;
      if (text && /json/i.test(res.headers.get("content-type") ?? "")) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
    } catch (e) {
      throw fetchFailure(e, req.action, this.host, timeoutMs);
    }
    if (status >= 200 && status < 300) return { status, body };
    throw httpFailure(status, body, retryAfter, req.action);
  }

  /** The request, retried on 429/5xx/network errors up to maxRetries times; errors are ConnectorErrors. */
  async send(req: ScimRequest): Promise<ScimResponse> {
    const { maxRetries, retryMinDelayMs, retryMaxDelayMs, maxRetryWaitMs } = this.config;
    let attempts = 0;
    const retryable = (e: unknown): e is ConnectorError =>
      e instanceof ConnectorError && (e.code === "unavailable" || (e.code === "rate_limited" && (e.retryAfterMs ?? 0) <= maxRetryWaitMs));
    try {
      return await pRetry(
        async () => {
          attempts++;
          return this.once(req);
        },
        {
          retries: maxRetries,
          minTimeout: retryMinDelayMs,
          maxTimeout: retryMaxDelayMs,
          factor: 2,
          randomize: true,
          // Wait out the server's Retry-After before p-retry's own (short) backoff.
          onFailedAttempt: async ({ error, retriesLeft }) => {
            if (retriesLeft > 0 && retryable(error) && error.retryAfterMs) await sleep(error.retryAfterMs);
          },
          shouldRetry: ({ error }) => retryable(error),
        },
      );
    } catch (e) {
      if (e instanceof ScimHttpError && attempts > 1) {
        throw new ScimHttpError(`${e.message} (gave up after ${attempts} attempts)`, e.code, e.retryable, e.retryAfterMs, e.status ?? 0, e.scimType);
      }
      if (e instanceof ConnectorError && attempts > 1) {
        throw new ConnectorError(`${e.message} (gave up after ${attempts} attempts)`, e.code, e.retryable, e.retryAfterMs, e.status);
      }
      throw e instanceof ConnectorError ? e : fetchFailure(e, req.action, this.host, this.config.timeoutMs);
    }
  }
}
