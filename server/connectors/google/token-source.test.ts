// Token minting for production (service account + domain-wide delegation), checked offline: the parts that
// fail before any call to Google's token endpoint (which cannot be pointed at a sandbox, protocols.md §3).

import { describe, expect, it } from "vitest";

import { ConnectorError } from "../types.ts";
import { serviceAccountFromKeyFile, serviceAccountTokens, staticAccessToken } from "./token-source.ts";

describe("Google token sources", () => {
  it("a static token is handed out as is; an empty one is refused", async () => {
    expect(await staticAccessToken("ya29.x").accessToken()).toEqual({ token: "ya29.x", expiresAt: null });
    expect(() => staticAccessToken("")).toThrow(ConnectorError);
  });

  it("a key file must be JSON of type service_account, and a subject is required", () => {
    expect(() => serviceAccountFromKeyFile("{not json", "admin@example.com")).toThrow(/not valid JSON/);
    expect(() => serviceAccountFromKeyFile(JSON.stringify({ type: "authorized_user" }), "admin@example.com")).toThrow(/not a service account key/);
    expect(() => serviceAccountTokens({ clientEmail: "sa@p.iam.gserviceaccount.com", privateKey: "k", subject: "" })).toThrow(/subject/);
  });

  it("a private key that cannot sign fails as a non-retryable auth error naming the account and subject", async () => {
    const source = serviceAccountFromKeyFile(
      JSON.stringify({ type: "service_account", client_email: "gatehouse@proj.iam.gserviceaccount.com", private_key: "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n" }),
      "admin@example.com",
    );
    expect(source.description).toBe("the service account gatehouse@proj.iam.gserviceaccount.com acting as admin@example.com");
    const err = await source.accessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ code: "auth", retryable: false });
  });
});
