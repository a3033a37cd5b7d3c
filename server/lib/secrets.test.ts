import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetKeyringForTests, seal, unseal } from "./secrets.ts";
import { resetEnvForTests } from "../env.ts";

const key = () => randomBytes(32).toString("base64");

afterEach(() => {
  delete process.env.GATEHOUSE_SECRET_KEYS;
  delete process.env.GATEHOUSE_SECRET_KEY_ID;
  resetEnvForTests();
  resetKeyringForTests();
});

function useKeys(spec: string, active?: string) {
  process.env.GATEHOUSE_SECRET_KEYS = spec;
  if (active) process.env.GATEHOUSE_SECRET_KEY_ID = active;
  resetEnvForTests();
  resetKeyringForTests();
}

describe("secrets", () => {
  it("round-trips with AES-256-GCM and a key id", () => {
    useKeys(`k1:${key()}`);
    const sealed = seal("00okta-token");
    expect(sealed.keyId).toBe("k1");
    expect(sealed.cipher).not.toContain("00okta-token");
    expect(unseal(sealed)).toBe("00okta-token");
    expect(seal("same").cipher).not.toBe(seal("same").cipher);
  });

  it("detects tampering", () => {
    useKeys(`k1:${key()}`);
    const sealed = seal("secret");
    const raw = Buffer.from(sealed.cipher, "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => unseal({ ...sealed, cipher: raw.toString("base64") })).toThrow();
    expect(() => unseal({ ...sealed, keyId: "other" })).toThrow(/No key other/);
  });

  it("rotates: new secrets use the active key, old ones still open", () => {
    const k1 = key();
    useKeys(`k1:${k1}`);
    const old = seal("old");
    useKeys(`k2:${key()},k1:${k1}`, "k2");
    const fresh = seal("new");
    expect(fresh.keyId).toBe("k2");
    expect(unseal(old)).toBe("old");
    expect(unseal(fresh)).toBe("new");
  });

  it("refuses a malformed key", () => {
    useKeys("k1:c2hvcnQ=");
    expect(() => seal("x")).toThrow(/32 bytes/);
  });
});
