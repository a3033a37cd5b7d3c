import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Jira's `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` against the exact bytes received.
 * Compared in constant time over equal-length buffers; a missing or malformed header is simply false.
 */
export function verifyHubSignature(secret: string, rawBody: Buffer | string, header: string | null | undefined): boolean {
  const m = HEADER.exec(header?.trim() ?? "");
  if (!m) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(m[1]!, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
