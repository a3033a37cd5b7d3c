import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** The one scope a token can carry today: read the evidence endpoints. */
export const EVIDENCE_READ = "evidence:read";

const TOKEN_SHAPE = /^gh_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 11; // "gh_" and 8 characters: enough to tell tokens apart, far too few to guess the rest

/** A new token: `gh_` and 32 random bytes, base64url. Only its hash and prefix are ever stored. */
export function newTokenSecret() {
  const secret = `gh_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashToken(secret), prefix: tokenPrefix(secret) };
}

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");
export const tokenPrefix = (secret: string) => secret.slice(0, PREFIX_LENGTH);
export const isTokenShaped = (value: string) => TOKEN_SHAPE.test(value);

/** Compares two hex digests without leaking where they differ. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
