// One retry policy for every Directory API call. The SDK's own retry (gaxios) is turned off: it retries
// GET/PUT/DELETE only (never POST, so members.insert would not be retried), ignores Retry-After, and retries
// timeouts. Ours retries 429 / 403 rateLimitExceeded (waiting Retry-After when given) and 5xx / network errors
// for all our calls — each is safe to repeat: insert treats 409 duplicate as success, delete treats 404 as
// success, suspend is a PATCH to a fixed value. Timeouts are not retried here; they surface after timeoutMs.

import { ConnectorError } from "../types.ts";
import { retryAfterMs, toConnectorError, type ErrorContext } from "./errors.ts";

export interface RetryPolicy {
  timeoutMs: number;
  maxRetries: number;
  retryMinDelayMs: number;
  retryMaxDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error surfaces (rate_limited) for the job layer. */
  maxRetryWaitMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function backoff(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.retryMaxDelayMs, policy.retryMinDelayMs * 2 ** (attempt - 1));
  return Math.round(base / 2 + (Math.random() * base) / 2);
}

/** Runs `fn` with a per-attempt timeout signal; maps errors; retries what may be retried. */
export async function callWithRetries<T>(
  policy: RetryPolicy,
  ctx: Omit<ErrorContext, "timedOut" | "timeoutMs">,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.timeoutMs);
    let error: ConnectorError;
    let raw: unknown;
    try {
      return await fn(controller.signal);
    } catch (e) {
      raw = e;
      error = toConnectorError(e, { ...ctx, timedOut, timeoutMs: policy.timeoutMs });
    } finally {
      clearTimeout(timer);
    }
    const retryable = error.code === "rate_limited" || error.code === "unavailable";
    const wait = error.code === "rate_limited" ? retryAfterMs(raw) ?? backoff(policy, attempt) : backoff(policy, attempt);
    if (!retryable || attempt > policy.maxRetries || wait > policy.maxRetryWaitMs) {
      if (attempt === 1) throw error;
      throw new ConnectorError(`${error.message} (gave up after ${attempt} attempts)`, error.code, error.retryable, error.retryAfterMs, error.status);
    }
    await sleep(wait);
  }
}
