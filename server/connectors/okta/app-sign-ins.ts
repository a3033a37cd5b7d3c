// Per-app last use from Okta's System Log: user.authentication.sso events whose AppInstance target is the app.
import type { LogEvent } from "@okta/okta-sdk-nodejs";
import { ConnectorError, type AppSignIn, type AppSignInQuery } from "../types.ts";

/** Okta's maximum page for /api/v1/logs. */
export const SIGN_IN_PAGE = 1000;

/** SCIM-style filter; the app id is quoted, so it must not carry a quote itself. */
export function appSignInFilter(appExternalId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appExternalId)) throw new ConnectorError(`Invalid Okta app id: ${appExternalId}`, "invalid", false);
  return `eventType eq "user.authentication.sso" and target.id eq "${appExternalId}"`;
}

/**
 * The SDK's parameters. `until` is always set: a query without it is a polling query whose Link
 * always has a next page, so reading it would never end.
 */
export function appSignInParams(query: AppSignInQuery) {
  if (!(query.since instanceof Date) || !(query.until instanceof Date) || Number.isNaN(query.since.getTime()) || Number.isNaN(query.until.getTime())) {
    throw new ConnectorError("listAppSignIns needs a since and an until date", "invalid", false);
  }
  if (query.until.getTime() <= query.since.getTime()) throw new ConnectorError("listAppSignIns: until must be after since", "invalid", false);
  return {
    since: query.since.toISOString(),
    until: query.until.toISOString(),
    filter: appSignInFilter(query.appExternalId),
    limit: SIGN_IN_PAGE,
    sortOrder: "ASCENDING" as const,
  };
}

/** A sign-in by a user (actor type User) that succeeded; anything else is not a use of the app. */
export function mapAppSignIn(e: LogEvent): AppSignIn | null {
  const actor = e.actor as { id?: string; type?: string } | undefined;
  if (!actor?.id || (actor.type && actor.type !== "User")) return null;
  const result = (e.outcome as { result?: string } | undefined)?.result;
  if (result && result !== "SUCCESS" && result !== "ALLOW") return null;
  const at = e.published instanceof Date ? e.published : new Date(String(e.published));
  if (Number.isNaN(at.getTime())) return null;
  return { personExternalId: actor.id, at };
}
