// Google's JSON error body: {error: {code, message, errors: [{message, domain, reason}], status?}}.

export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string,
    readonly extra: { status?: string; location?: string; locationType?: string; domain?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  body() {
    const { status, location, locationType, domain } = this.extra;
    const detail = { message: this.message, domain: domain ?? "global", reason: this.reason, ...(location ? { location, locationType } : {}) };
    return { error: { code: this.code, message: this.message, errors: [detail], ...(status ? { status } : {}) } };
  }
}

export const notFound = (what: "userKey" | "groupKey" | "memberKey") => new GoogleApiError(404, `Resource Not Found: ${what}`, "notFound");
export const invalidInput = (what: string) => new GoogleApiError(400, `Invalid Input: ${what}`, "invalid");
export const badRequest = () => new GoogleApiError(400, "Bad Request", "badRequest");
/** What Google answers when the caller may not manage a resource (protocols.md §3). */
export const notAuthorized = () => new GoogleApiError(403, "Not Authorized to access this resource/api", "forbidden");
export const duplicateMember = () => new GoogleApiError(409, "Member already exists.", "duplicate");
export const loginRequired = () =>
  new GoogleApiError(401, "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.", "required", {
    status: "UNAUTHENTICATED",
    location: "Authorization",
    locationType: "header",
  });
export const invalidCredentials = () =>
  new GoogleApiError(401, "Invalid Credentials", "authError", { status: "UNAUTHENTICATED", location: "Authorization", locationType: "header" });

/** The quota answer: 429 rateLimitExceeded (newer) or 403 userRateLimitExceeded (older), both seen in the wild. */
export function rateLimited(status: 429 | 403, retryAfterSeconds?: number): GoogleApiError {
  const headers: Record<string, string> = retryAfterSeconds !== undefined ? { "Retry-After": String(retryAfterSeconds) } : {};
  if (status === 403) return new GoogleApiError(403, "User Rate Limit Exceeded", "userRateLimitExceeded", { domain: "usageLimits", headers });
  return new GoogleApiError(
    429,
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'admin.googleapis.com'.",
    "rateLimitExceeded",
    { status: "RESOURCE_EXHAUSTED", headers },
  );
}

export function serverError(status: number): GoogleApiError {
  if (status === 503) return new GoogleApiError(503, "The service is currently unavailable.", "backendError", { status: "UNAVAILABLE" });
  return new GoogleApiError(status, status >= 500 ? "Internal error encountered." : `Injected failure (${status})`, status >= 500 ? "backendError" : "invalid");
}
