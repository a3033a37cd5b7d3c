// pageToken paging: an opaque token naming the last key served and the listing it belongs to, so a token
// stays valid while the directory changes (like Google's, which lives for days) and cannot be reused on
// another listing.

import { GoogleApiError, invalidInput } from "./errors.ts";

export interface Paged<T> {
  items: T[];
  nextPageToken?: string;
}

/** Parses maxResults: an integer from 1 to `max`; absent → `def`. */
export function maxResults(raw: string | null, def: number, max: number): number {
  if (raw === null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw invalidInput("maxResults");
  return n;
}

/**
 * One page of `sorted` (ordered by `key`), starting after the token's key. `listing` names the listing
 * (e.g. "users|isSuspended=false"); a token from another listing is refused.
 */
export function pageAfter<T>(sorted: readonly T[], key: (t: T) => string, limit: number, token: string | null, listing: string): Paged<T> {
  const after = token ? decode(token, listing) : null;
  let lo = 0;
  let hi = sorted.length;
  if (after !== null) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(sorted[mid]!) <= after) lo = mid + 1;
      else hi = mid;
    }
  }
  const items = sorted.slice(lo, lo + limit);
  const more = lo + limit < sorted.length;
  return more ? { items, nextPageToken: encode(key(items[items.length - 1]!), listing) } : { items };
}

function encode(lastKey: string, listing: string): string {
  return Buffer.from(JSON.stringify([listing, lastKey])).toString("base64url");
}

function decode(token: string, listing: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed[0] === listing && typeof parsed[1] === "string") return parsed[1];
  } catch {
    // fall through
  }
  throw invalidToken();
}

const invalidToken = (): GoogleApiError => invalidInput("pageToken");
