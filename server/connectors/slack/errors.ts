// @slack/web-api errors → ConnectorError (our words, with retryability for the job layer).
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from "@slack/web-api";
import { ConnectorError } from "../types.ts";

const AUTH = new Set(["not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope", "not_allowed_token_type"]);
const NOT_FOUND = new Set(["users_not_found", "user_not_found", "channel_not_found", "message_not_found", "not_found", "cant_update_message"]);
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

/** Maps anything a WebClient call threw; `action` says what we were doing ("post the approval message"). */
export function toConnectorError(error: unknown, action: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    const ms = Math.max(1, error.retryAfter) * 1000;
    return new ConnectorError(`Slack ${action}: rate limited, retry in ${Math.ceil(ms / 1000)} s`, "rate_limited", true, ms, 429);
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const detail = (error.data.response_metadata as { messages?: string[] } | undefined)?.messages?.join("; ");
    const suffix = detail ? ` (${detail})` : "";
    if (AUTH.has(code)) return new ConnectorError(`Slack ${action}: Slack refused the bot token (${code})`, "auth", false, undefined, 200);
    if (NOT_FOUND.has(code)) return new ConnectorError(`Slack ${action}: ${code}`, "not_found", false, undefined, 200);
    if (TRANSIENT.has(code)) return new ConnectorError(`Slack ${action}: ${code}`, "unavailable", true, undefined, 200);
    return new ConnectorError(`Slack ${action}: ${code}${suffix}`, "invalid", false, undefined, 200);
  }
  if (error instanceof WebAPIHTTPError) {
    const retryAfter = Number(error.headers?.["retry-after"]);
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    if (error.statusCode >= 500) return new ConnectorError(`Slack ${action}: Slack is unavailable (${error.statusCode})`, "unavailable", true, retryAfterMs, error.statusCode);
    if (error.statusCode === 408) return new ConnectorError(`Slack ${action}: request timed out (408)`, "timeout", true, retryAfterMs, 408);
    return new ConnectorError(`Slack ${action}: rejected (${error.statusCode})`, "invalid", false, undefined, error.statusCode);
  }
  if (error instanceof WebAPIRequestError) {
    const original = error.original as Error & { code?: string; cause?: { code?: string } };
    const timedOut = original.name === "TimeoutError" || original.name === "AbortError";
    const code = original.cause?.code ?? original.code;
    return new ConnectorError(
      timedOut ? `Slack ${action}: Slack did not answer in time` : `Slack ${action}: could not reach Slack${code ? ` (${code})` : ""}`,
      timedOut ? "timeout" : "unavailable", true,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Slack ${action}: ${message}`, "unknown", false);
}
