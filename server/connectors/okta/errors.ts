// Maps what the Okta SDK throws (OktaApiError, HttpError, node-fetch FetchError, plain Errors from its
// request executor) to our ConnectorError.

import { ConnectorError } from "../types.ts";

export interface ErrorContext {
  /** What we were doing, e.g. "list users" or "add 00u… to 00g…". */
  op: string;
  authMode: "token" | "privateKey";
  /** For membership changes: a 403 E0000006 means an APP_GROUP/BUILT_IN group. */
  membership?: { groupId: string };
  /** Retry-after hint from the last 429 the executor saw (when the SDK gave up waiting). */
  lastRetryAfterMs?: number;
  /** Description of the last OAuth token-endpoint error, if any (the SDK drops it). */
  oauthError?: string;
  timeoutMs: number;
  orgUrl: string;
}

export const APP_GROUP_MESSAGE = "Okta refuses membership changes on APP_GROUP/BUILT_IN groups";

interface OktaLikeError {
  name?: string;
  message?: string;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: { errorSummary?: string }[];
  url?: string;
  headers?: { get(name: string): string | null };
  type?: string;
  code?: string;
  errno?: string;
}

function headerGet(e: OktaLikeError, name: string): string | null {
  try {
    return typeof e.headers?.get === "function" ? e.headers.get(name) : null;
  } catch {
    return null;
  }
}

/** Milliseconds until the rate limit resets, from X-Rate-Limit-Reset and Date (what the SDK itself uses). */
export function retryAfterFromHeaders(get: (name: string) => string | null): number | undefined {
  const reset = Number(get("x-rate-limit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const date = Date.parse(get("date") ?? "");
  const now = Number.isNaN(date) ? Date.now() : date;
  return Math.max(0, reset * 1000 - now) + 1000;
}

function oktaDetail(e: OktaLikeError): string {
  const causes = (e.errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
  const summary = [e.errorSummary, ...causes].filter(Boolean).join(": ");
  return [e.errorCode, summary].filter(Boolean).join(" ");
}

export function toConnectorError(err: unknown, ctx: ErrorContext): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const e = (err ?? {}) as OktaLikeError;
  const host = safeHost(ctx.orgUrl);

  if (typeof e.status === "number") {
    const status = e.status;
    const detail = oktaDetail(e) || (e.message ?? "").replace(/^HTTP \d+ /, "").slice(0, 200);
    const isTokenEndpoint = (e.url ?? "").includes("/oauth2/v1/token");
    if (status === 401 || (isTokenEndpoint && status === 400)) {
      const what = ctx.authMode === "token" ? "the API token" : "the service app credentials";
      // In private-key mode the SDK caches a failed token response as if it were a token (oauth.js calls an
      // undefined errorFilter), so the 401 usually comes from the API call; the token endpoint's own error is the useful part.
      const why = isTokenEndpoint || ctx.authMode === "privateKey" ? ctx.oauthError ?? detail : detail;
      return new ConnectorError(`Okta rejected ${what} (${why || status}) while trying to ${ctx.op}`, "auth", false, undefined, status);
    }
    if (status === 403) {
      if (ctx.membership && e.errorCode === "E0000006") {
        return new ConnectorError(
          `${APP_GROUP_MESSAGE} (403 E0000006 for group ${ctx.membership.groupId}); if it is an OKTA_GROUP, the credential lacks permission to manage it`,
          "forbidden",
          false,
          undefined,
          status,
        );
      }
      return new ConnectorError(`Okta denied access while trying to ${ctx.op} (403 ${detail}); the credential lacks the needed admin role or scope`, "forbidden", false, undefined, status);
    }
    if (status === 404) return new ConnectorError(`Okta: not found while trying to ${ctx.op} (404 ${detail})`, "not_found", false, undefined, status);
    if (status === 429) {
      const retryAfterMs = retryAfterFromHeaders((n) => headerGet(e, n)) ?? ctx.lastRetryAfterMs ?? 60_000;
      return new ConnectorError(`Okta rate limit hit while trying to ${ctx.op} (429 ${detail}); retry in ${Math.ceil(retryAfterMs / 1000)} s`, "rate_limited", true, retryAfterMs, status);
    }
    if (status >= 500) return new ConnectorError(`Okta is unavailable (${status} ${detail}) while trying to ${ctx.op}`, "unavailable", true, undefined, status);
    if (status === 400 || status === 409 || status === 422) return new ConnectorError(`Okta refused to ${ctx.op} (${status} ${detail})`, "invalid", false, undefined, status);
    return new ConnectorError(`Okta answered ${status} while trying to ${ctx.op} (${detail})`, "unknown", false, undefined, status);
  }

  const message = e.message ?? String(err);
  // node-fetch timeouts (before the response, or while reading the body).
  if (e.name === "FetchError" && (e.type === "request-timeout" || e.type === "body-timeout")) {
    return new ConnectorError(`Okta at ${host} did not answer within ${ctx.timeoutMs} ms while trying to ${ctx.op}`, "timeout", true);
  }
  // The SDK's request executor gives up when a 429 wait or the total time would pass requestTimeout.
  if (message.includes("HTTP 429 retry delay would exceed")) {
    const retryAfterMs = ctx.lastRetryAfterMs ?? 60_000;
    return new ConnectorError(`Okta rate limit hit while trying to ${ctx.op}; the reset is later than the ${ctx.timeoutMs} ms budget (retry in ${Math.ceil(retryAfterMs / 1000)} s)`, "rate_limited", true, retryAfterMs, 429);
  }
  if (message.includes("HTTP request time exceeded")) {
    return new ConnectorError(`Okta at ${host} did not answer within ${ctx.timeoutMs} ms while trying to ${ctx.op}`, "timeout", true);
  }
  if (e.name === "FetchError" || e.name === "AbortError" || e.code === "ECONNREFUSED" || e.code === "ENOTFOUND" || e.code === "ECONNRESET" || e.code === "EAI_AGAIN") {
    const code = e.code ?? e.errno ?? e.type ?? "network error";
    return new ConnectorError(`Cannot reach Okta at ${host} (${code}) while trying to ${ctx.op}`, "unavailable", true);
  }
  if (/private key|Key type|PEM|JWK/i.test(message)) {
    return new ConnectorError(`The Okta service app private key cannot be used: ${message}`, "auth", false);
  }
  return new ConnectorError(`Okta call failed while trying to ${ctx.op}: ${message}`, "unknown", false);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
