import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether the Authorization header Okta sent is the hook's shared secret. Okta signs nothing, so this header
 * is the whole proof. Compared in constant time over SHA-256 digests (equal length whatever was sent).
 */
export function isEventHookSecret(secret: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const given = createHash("sha256").update(header.trim(), "utf8").digest();
  const expected = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(given, expected);
}
