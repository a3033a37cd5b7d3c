// Vanta answers and fetch failures → ConnectorError (our words, with retryability for the job layer).

import { ConnectorError } from "../types.ts";

/** When a 429 carries no Retry-After, wait this long (the token endpoint allows about 5 requests a minute). */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
export const DEFAULT_TOKEN_RETRY_AFTER_MS = 15_000;

export class VantaTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Vanta did not answer within ${timeoutMs} ms`);
    this.name = "VantaTimeoutError";
  }
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Vanta's `{error, message}` body (and OAuth's `error_description`) as one short line. */
export function describeVantaBody(body: unknown): string | undefined {
  if (typeof body === "string") {
    const t = body.trim();
    return t && t.length <= 300 && !t.startsWith("<") ? t : undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const b = body as { error?: unknown; message?: unknown; error_description?: unknown };
  const message = typeof b.message === "string" ? b.message : typeof b.error_description === "string" ? b.error_description : undefined;
  const code = typeof b.error === "string" ? b.error : undefined;
  if (message && code) return `${message} (${code})`;
  return message ?? code;
}

export interface HttpFailure {
  status: number;
  body: unknown;
  retryAfter: string | null;
  /** What we were doing, e.g. "upload the file to access-reviews". */
  action: string;
  /** The token endpoint's failures talk about the client credentials, not the token. */
  tokenEndpoint?: boolean;
  /** Our words for a 404 (which document or resource is missing, and where to find the right id). */
  notFound?: string;
}

export function httpFailure(f: HttpFailure): ConnectorError {
  const { status, action } = f;
  const detail = describeVantaBody(f.body);
  const suffix = detail ? `: ${detail}` : "";
  const wait = retryAfterMs(f.retryAfter);
  const prefix = `Vanta ${action}`;
  if (status === 429) {
    const ms = wait ?? (f.tokenEndpoint ? DEFAULT_TOKEN_RETRY_AFTER_MS : DEFAULT_RETRY_AFTER_MS);
    return new ConnectorError(`${prefix}: rate limited, retry in ${Math.max(1, Math.ceil(ms / 1000))} s`, "rate_limited", true, ms, 429);
  }
  if (status >= 500) return new ConnectorError(`${prefix}: Vanta is unavailable (${status})${suffix}`, "unavailable", true, wait, status);
  if (status === 408) return new ConnectorError(`${prefix}: request timed out (408)`, "timeout", true, wait, 408);
  if (f.tokenEndpoint) {
    if (status === 401 || status === 403) {
      return new ConnectorError(`${prefix}: Vanta refused the client ID or client secret (${status})${suffix}`, "auth", false, undefined, status);
    }
    const code = (f.body as { error?: unknown } | null)?.error;
    if (code === "invalid_scope") {
      return new ConnectorError(`${prefix}: the Vanta application may not use the requested scopes${suffix}`, "auth", false, undefined, status);
    }
    return new ConnectorError(`${prefix}: rejected (${status})${suffix}`, "invalid", false, undefined, status);
  }
  if (status === 401) return new ConnectorError(`${prefix}: Vanta rejected the access token (401)${suffix}`, "auth", false, undefined, 401);
  if (status === 403) return new ConnectorError(`${prefix}: the Vanta application is not allowed to do this (403)${suffix}`, "auth", false, undefined, 403);
  if (status === 404) return new ConnectorError(`${prefix}: ${f.notFound ?? "not found"} (404)${f.notFound ? "" : suffix}`, "not_found", false, undefined, 404);
  if (status >= 400) return new ConnectorError(`${prefix}: rejected (${status})${suffix}`, "invalid", false, undefined, status);
  return new ConnectorError(`${prefix}: unexpected answer (${status})${suffix}`, "unknown", false, undefined, status);
}

/** Anything fetch (or reading its body) threw. */
export function fetchFailure(error: unknown, action: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof VantaTimeoutError) return new ConnectorError(`Vanta ${action}: ${error.message}`, "timeout", true);
  const e = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new ConnectorError(`Vanta ${action}: Vanta did not answer in time`, "timeout", true);
  if (e instanceof TypeError || e?.cause) {
    const code = e.cause?.code ?? e.code;
    return new ConnectorError(`Vanta ${action}: could not reach Vanta${code ? ` (${code})` : ""}`, "unavailable", true);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Vanta ${action}: ${message}`, "unknown", false);
}
