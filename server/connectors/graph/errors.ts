// Maps what the Graph SDK and our transport throw (GraphError, TokenRequestError, timeouts, network errors)
// to our ConnectorError, with the codes and retryability the Okta connector uses.

import { GraphError } from "@microsoft/microsoft-graph-client";

import { ConnectorError } from "../types.ts";
import { TokenRequestError } from "./token.ts";
import { NetworkError, RequestTimeoutError } from "./transport.ts";

export interface GraphErrorContext {
  /** What we were doing, e.g. "list users". */
  op: string;
  timeoutMs: number;
  host: string;
}

/** Graph's duplicate-member answer: the member is there, which is what we wanted. */
export function isDuplicateMember(e: unknown): boolean {
  return e instanceof GraphError && e.statusCode === 400 && /already exist/i.test(e.message ?? "");
}

export function isLicenceRefusal(e: unknown): boolean {
  return e instanceof GraphError && e.statusCode === 403 && e.code === "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
}

/** Milliseconds to wait from Retry-After (seconds or an HTTP date); at least 1 s so a job never spins. */
export function retryAfterMs(headers: Headers | undefined | null, fallbackMs: number): number {
  const raw = headers?.get("retry-after");
  if (!raw) return fallbackMs;
  const secs = Number(raw);
  const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(raw) - Date.now();
  return Number.isFinite(ms) ? Math.max(1000, ms) : fallbackMs;
}

function tokenError(e: TokenRequestError, ctx: GraphErrorContext): ConnectorError {
  if (e.status === 429) {
    const wait = e.retryAfterMs ?? 5000;
    return new ConnectorError(`Entra throttled the token request (${e.error}) while trying to ${ctx.op}; retry in ${Math.ceil(wait / 1000)} s`, "rate_limited", true, wait, 429);
  }
  if (e.status >= 500 || e.error === "temporarily_unavailable") {
    return new ConnectorError(`Entra's token endpoint is unavailable (${e.status} ${e.description}) while trying to ${ctx.op}`, "unavailable", true, undefined, e.status);
  }
  return new ConnectorError(`Entra rejected the app credentials (${e.error}: ${e.description}) while trying to ${ctx.op}`, "auth", false, undefined, e.status);
}

export function toConnectorError(err: unknown, ctx: GraphErrorContext): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof TokenRequestError) return tokenError(err, ctx);
  // Straight from our transport (the token request does not go through the SDK).
  if (err instanceof RequestTimeoutError) return new ConnectorError(`Entra at ${ctx.host} did not answer within ${ctx.timeoutMs} ms while trying to ${ctx.op}`, "timeout", true);
  if (err instanceof NetworkError) return new ConnectorError(`Cannot reach Entra at ${ctx.host} (${err.message}) while trying to ${ctx.op}`, "unavailable", true);
  if (!(err instanceof GraphError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new ConnectorError(`Graph call failed while trying to ${ctx.op}: ${message}`, "unknown", false);
  }
  const status = err.statusCode;
  const detail = [err.code, err.message].filter(Boolean).join(" ");
  if (status === -1 || status === undefined) {
    // Our transport's errors, wrapped by the SDK: the original class name is the GraphError's code.
    if (err.code === "RequestTimeoutError") return new ConnectorError(`Microsoft Graph at ${ctx.host} did not answer within ${ctx.timeoutMs} ms while trying to ${ctx.op}`, "timeout", true);
    if (err.code === "NetworkError") return new ConnectorError(`Cannot reach Microsoft Graph at ${ctx.host} (${err.message}) while trying to ${ctx.op}`, "unavailable", true);
    if (err.code === "TokenRequestError") return new ConnectorError(`Entra rejected the app credentials (${err.message}) while trying to ${ctx.op}`, "auth", false);
    return new ConnectorError(`Graph call failed while trying to ${ctx.op}: ${detail}`, "unknown", false);
  }
  if (status === 401) return new ConnectorError(`Microsoft Graph refused the access token (${detail}) while trying to ${ctx.op}`, "auth", false, undefined, status);
  if (status === 403) {
    return new ConnectorError(`Microsoft Graph denied access while trying to ${ctx.op} (403 ${detail}); the app lacks the needed application permission or licence`, "forbidden", false, undefined, status);
  }
  if (status === 404) return new ConnectorError(`Microsoft Graph: not found while trying to ${ctx.op} (404 ${detail})`, "not_found", false, undefined, status);
  if (status === 429) {
    const wait = retryAfterMs(err.headers as Headers | undefined, 5000);
    return new ConnectorError(`Microsoft Graph throttled the request while trying to ${ctx.op} (429 ${detail}); retry in ${Math.ceil(wait / 1000)} s`, "rate_limited", true, wait, status);
  }
  if (status >= 500) {
    const wait = (err.headers as Headers | undefined)?.get("retry-after") ? retryAfterMs(err.headers as Headers, 5000) : undefined;
    return new ConnectorError(`Microsoft Graph is unavailable (${status} ${detail}) while trying to ${ctx.op}`, "unavailable", true, wait, status);
  }
  if (status === 400 || status === 409 || status === 422) return new ConnectorError(`Microsoft Graph refused to ${ctx.op} (${status} ${detail})`, "invalid", false, undefined, status);
  return new ConnectorError(`Microsoft Graph answered ${status} while trying to ${ctx.op} (${detail})`, "unknown", false, undefined, status);
}
