// SCIM answers and fetch failures → ConnectorError (codes and retryability as the Okta connector uses them).
// A SCIM error body is {schemas:[…:Error], status:"400", scimType, detail}; the scimType survives on ScimHttpError
// so the connector can tell "read-only group" (mutability) from "no such member" (noTarget) and the like.

import { ConnectorError } from "../types.ts";

/** When a 429 carries no Retry-After, wait this long. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

export class ScimHttpError extends ConnectorError {
  constructor(
    message: string,
    code: ConnectorError["code"],
    retryable: boolean,
    retryAfterMs: number | undefined,
    status: number,
    readonly scimType: string | null,
  ) {
    super(message, code, retryable, retryAfterMs, status);
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

/** The SCIM error body's scimType and detail (servers that answer plain JSON or text get their text). */
export function describeScimBody(body: unknown): { scimType: string | null; detail: string | null } {
  if (body && typeof body === "object") {
    const b = body as { scimType?: unknown; detail?: unknown; message?: unknown; error?: unknown };
    const detail = typeof b.detail === "string" ? b.detail : typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : null;
    return { scimType: typeof b.scimType === "string" ? b.scimType : null, detail };
  }
  const text = typeof body === "string" ? body.trim() : "";
  return { scimType: null, detail: text && text.length <= 300 && !text.startsWith("<") ? text : null };
}

export function httpFailure(status: number, body: unknown, retryAfter: string | null, action: string): ScimHttpError {
  const { scimType, detail } = describeScimBody(body);
  const why = [scimType, detail].filter(Boolean).join(": ");
  const suffix = why ? ` (${status} ${why})` : ` (${status})`;
  const wait = retryAfterMs(retryAfter);
  const err = (message: string, code: ConnectorError["code"], retryable: boolean, after?: number) =>
    new ScimHttpError(message, code, retryable, after, status, scimType);
  if (status === 429) {
    const ms = wait ?? DEFAULT_RETRY_AFTER_MS;
    return err(`SCIM server rate limit hit while trying to ${action}; retry in ${Math.max(1, Math.ceil(ms / 1000))} s${suffix}`, "rate_limited", true, ms);
  }
  if (status >= 500) return err(`SCIM server is unavailable while trying to ${action}${suffix}`, "unavailable", true, wait);
  if (status === 401) return err(`SCIM server rejected the bearer token while trying to ${action}${suffix}`, "auth", false);
  if (status === 403) return err(`SCIM server denied access while trying to ${action}${suffix}; the token lacks permission`, "forbidden", false);
  if (status === 404) return err(`SCIM server: not found while trying to ${action}${suffix}`, "not_found", false);
  if (status === 408) return err(`SCIM server timed out while trying to ${action}${suffix}`, "timeout", true, wait);
  if (status >= 400) return err(`SCIM server refused to ${action}${suffix}`, "invalid", false);
  return err(`SCIM server answered ${status} while trying to ${action}${suffix}`, "unknown", false);
}

/** Anything fetch (or reading its body) threw. */
export function fetchFailure(error: unknown, action: string, host: string, timeoutMs: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as Error & { code?: string; cause?: { code?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") {
    return new ConnectorError(`SCIM server at ${host} did not answer within ${timeoutMs} ms while trying to ${action}`, "timeout", true);
  }
  if (e instanceof TypeError || e?.cause) {
    const code = e.cause?.code ?? e.code;
    return new ConnectorError(`Cannot reach the SCIM server at ${host}${code ? ` (${code})` : ""} while trying to ${action}`, "unavailable", true);
  }
  return new ConnectorError(`SCIM call failed while trying to ${action}: ${error instanceof Error ? error.message : String(error)}`, "unknown", false);
}
