// jira.js errors → ConnectorError (our words, with retryability for the job layer).

import {
  isApiError,
  isNetworkError,
  isRateLimitError,
  isSchemaMismatchError,
  isScopeError,
} from "jira.js";
import { ConnectorError } from "../types.ts";

/** When a 429 carries no Retry-After, wait this long before trying again. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

export class JiraTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Jira did not answer within ${timeoutMs} ms`);
    this.name = "JiraTimeoutError";
  }
}

/** Jira's error body `{errorMessages:[…], errors:{field:"msg"}}` as one line. */
export function describeJiraErrorBody(body: unknown): string | undefined {
  if (typeof body === "string") {
    const trimmed = body.trim();
    return trimmed.length > 0 && trimmed.length <= 300 && !trimmed.startsWith("<") ? trimmed : undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const b = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const parts: string[] = [];
  if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.filter((m): m is string => typeof m === "string"));
  if (b.errors && typeof b.errors === "object") {
    for (const [field, msg] of Object.entries(b.errors as Record<string, unknown>)) {
      if (typeof msg === "string") parts.push(`${field}: ${msg}`);
    }
  }
  if (parts.length === 0 && typeof b.message === "string") parts.push(b.message);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Maps anything thrown by a jira.js call to a ConnectorError. `action` says what we were doing ("create issue"). */
export function toConnectorError(error: unknown, action: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof JiraTimeoutError) {
    return new ConnectorError(`Jira ${action}: ${error.message}`, "timeout", true);
  }
  if (isRateLimitError(error)) {
    const retryAfterMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    return new ConnectorError(`Jira ${action}: rate limited, retry in ${Math.ceil(retryAfterMs / 1000)} s`, "rate_limited", true, retryAfterMs, 429);
  }
  if (isScopeError(error)) {
    return new ConnectorError(`Jira ${action}: the token is missing a scope this call needs`, "auth", false, undefined, 401);
  }
  if (isApiError(error)) {
    const status = error.status;
    const detail = describeJiraErrorBody(error.body);
    const suffix = detail ? `: ${detail}` : "";
    if (status === 401) return new ConnectorError(`Jira ${action}: Jira rejected the credentials (401)`, "auth", false, undefined, 401);
    if (status === 403) return new ConnectorError(`Jira ${action}: forbidden (403)${suffix}`, "forbidden", false, undefined, 403);
    if (status === 404) return new ConnectorError(`Jira ${action}: not found (404)${suffix}`, "not_found", false, undefined, 404);
    if (status === 408) return new ConnectorError(`Jira ${action}: request timed out (408)`, "timeout", true, undefined, 408);
    if (status >= 500) {
      return new ConnectorError(`Jira ${action}: Jira is unavailable (${status})${suffix}`, "unavailable", true, undefined, status);
    }
    if (status >= 400) return new ConnectorError(`Jira ${action}: rejected (${status})${suffix}`, "invalid", false, undefined, status);
    return new ConnectorError(`Jira ${action}: unexpected answer (${status})${suffix}`, "unknown", false, undefined, status);
  }
  if (isNetworkError(error)) {
    const code = error.code ? ` (${error.code})` : "";
    return new ConnectorError(`Jira ${action}: could not reach Jira${code}`, "unavailable", true);
  }
  if (isSchemaMismatchError(error)) {
    return new ConnectorError(`Jira ${action}: Jira answered in an unexpected shape (${error.message})`, "unknown", false);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Jira ${action}: ${message}`, "unknown", false);
}
