// Maps what @googleapis/admin throws (GaxiosError: e.status, e.response.data.error.errors — e.errors is
// undefined in gaxios 7, protocols.md §3) to our ConnectorError.

import { ConnectorError } from "../types.ts";

export interface ErrorContext {
  /** What we were doing, e.g. "list users". */
  op: string;
  /** Our own per-request timer fired (the SDK reports it as a plain abort). */
  timedOut: boolean;
  timeoutMs: number;
  host: string;
  /** For membership changes: a 403 means a group we may not manage. */
  membership?: { groupId: string };
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; errors?: { message?: string; domain?: string; reason?: string }[] } | string;
  error_description?: string;
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  message?: string;
  name?: string;
  response?: { status?: number; data?: unknown; headers?: { get?(name: string): string | null } };
}

const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);
/** When Google gives no Retry-After: wait a second (Google's advice is exponential backoff from ~1 s). */
export const DEFAULT_RETRY_AFTER_MS = 1000;

export function statusOf(err: unknown): number | undefined {
  const e = err as GaxiosLike;
  const s = e?.response?.status ?? e?.status;
  return typeof s === "number" ? s : undefined;
}

export function reasonsOf(err: unknown): string[] {
  const data = (err as GaxiosLike)?.response?.data as GoogleErrorBody | undefined;
  const error = data?.error;
  return typeof error === "object" && error ? (error.errors ?? []).map((x) => x.reason ?? "").filter(Boolean) : [];
}

export function googleMessage(err: unknown): string {
  const e = err as GaxiosLike;
  const data = e?.response?.data as GoogleErrorBody | undefined;
  if (typeof data?.error === "object" && data.error?.message) return data.error.message;
  if (typeof data?.error === "string") return [data.error, data.error_description].filter(Boolean).join(": ");
  return (e?.message ?? String(err)).slice(0, 200);
}

/** Whether Google said "slow down": 429, or 403 with a rate-limit reason. */
export function isRateLimit(err: unknown): boolean {
  const status = statusOf(err);
  return status === 429 || (status === 403 && reasonsOf(err).some((r) => RATE_LIMIT_REASONS.has(r)));
}

/** Retry-After in ms, when Google sent one (seconds or an HTTP date). */
export function retryAfterMs(err: unknown): number | undefined {
  const raw = (err as GaxiosLike)?.response?.headers?.get?.("retry-after");
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function toConnectorError(err: unknown, ctx: ErrorContext): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const status = statusOf(err);
  const detail = googleMessage(err);
  const reasons = reasonsOf(err);
  const said = `${status} ${reasons[0] ?? ""} ${detail}`.replace(/\s+/g, " ").trim();

  if (status !== undefined) {
    if (status === 401) return new ConnectorError(`Google rejected the credentials (${said}) while trying to ${ctx.op}`, "auth", false, undefined, status);
    if (isRateLimit(err)) {
      const wait = retryAfterMs(err) || DEFAULT_RETRY_AFTER_MS;
      return new ConnectorError(`Google rate limit hit while trying to ${ctx.op} (${said}); retry in ${Math.ceil(wait / 1000)} s`, "rate_limited", true, wait, status);
    }
    if (status === 403 && ctx.membership) {
      return new ConnectorError(
        `Google refuses membership changes on group ${ctx.membership.groupId} (${said}): it is not a group this admin may manage (e.g. a dynamic group)`,
        "forbidden",
        false,
        undefined,
        status,
      );
    }
    if (status === 403) return new ConnectorError(`Google denied access while trying to ${ctx.op} (${said}); the admin subject or the delegated scopes lack permission`, "forbidden", false, undefined, status);
    if (status === 404) return new ConnectorError(`Google: not found while trying to ${ctx.op} (${said})`, "not_found", false, undefined, status);
    if (status >= 500) return new ConnectorError(`Google is unavailable (${said}) while trying to ${ctx.op}`, "unavailable", true, undefined, status);
    // An OAuth error body (e.g. invalid_grant from a token endpoint) is a credential problem.
    const data = (err as GaxiosLike).response?.data as GoogleErrorBody | undefined;
    if (typeof data?.error === "string") return new ConnectorError(`Google refused a token (${detail}) while trying to ${ctx.op}`, "auth", false, undefined, status);
    if (status === 400 || status === 409 || status === 412) return new ConnectorError(`Google refused to ${ctx.op} (${said})`, "invalid", false, undefined, status);
    return new ConnectorError(`Google answered ${said} while trying to ${ctx.op}`, "unknown", false, undefined, status);
  }

  const e = (err ?? {}) as GaxiosLike & { cause?: { code?: string; name?: string } };
  if (ctx.timedOut) return new ConnectorError(`Google at ${ctx.host} did not answer within ${ctx.timeoutMs} ms while trying to ${ctx.op}`, "timeout", true);
  const code = String(e.code ?? e.cause?.code ?? "");
  if (/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/.test(code) || /fetch failed|socket hang up/i.test(e.message ?? "")) {
    return new ConnectorError(`Cannot reach Google at ${ctx.host} (${code || e.message}) while trying to ${ctx.op}`, "unavailable", true);
  }
  return new ConnectorError(`Google call failed while trying to ${ctx.op}: ${e.message ?? String(err)}`, "unknown", false);
}
