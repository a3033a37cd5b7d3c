import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env.ts";

// AES-256-GCM with a key id stored beside each secret, so keys can rotate:
// GATEHOUSE_SECRET_KEYS="k2:<base64>,k1:<base64>" and GATEHOUSE_SECRET_KEY_ID=k2 encrypts with k2, still reads k1.
export interface Sealed {
  cipher: string;
  keyId: string;
}

type Keyring = { activeId: string; keys: Map<string, Buffer> };
let keyring: Keyring | undefined;

function parseKey(id: string, b64: string): Buffer {
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new Error(`Secret key ${id} must be 32 bytes of base64`);
  return key;
}

/** The embedded demo generates a key once and keeps it in the data directory. */
function devKey(): Keyring {
  const file = path.join(dataDir(), "secret.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `dev1:${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  }
  const [id, b64] = readFileSync(file, "utf8").trim().split(":");
  return { activeId: id!, keys: new Map([[id!, parseKey(id!, b64!)]]) };
}

function loadKeyring(): Keyring {
  const spec = env().GATEHOUSE_SECRET_KEYS;
  if (!spec) return devKey();
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(",")) {
    const [id, b64] = part.trim().split(":");
    if (!id || !b64) throw new Error("GATEHOUSE_SECRET_KEYS must look like id:base64[,id:base64]");
    keys.set(id, parseKey(id, b64));
  }
  const activeId = env().GATEHOUSE_SECRET_KEY_ID ?? [...keys.keys()][0]!;
  if (!keys.has(activeId)) throw new Error(`GATEHOUSE_SECRET_KEY_ID ${activeId} is not in GATEHOUSE_SECRET_KEYS`);
  return { activeId, keys };
}

function ring(): Keyring {
  return (keyring ??= loadKeyring());
}

export function seal(plaintext: string): Sealed {
  const { activeId, keys } = ring();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(activeId)!, iv);
  cipher.setAAD(Buffer.from(activeId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { keyId: activeId, cipher: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64") };
}

export function unseal({ cipher, keyId }: Sealed): string {
  const key = ring().keys.get(keyId);
  if (!key) throw new Error(`No key ${keyId} to decrypt this secret; add it to GATEHOUSE_SECRET_KEYS`);
  const raw = Buffer.from(cipher, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** For tests: forget the loaded keys so a changed environment is read again. */
export function resetKeyringForTests() {
  keyring = undefined;
}
