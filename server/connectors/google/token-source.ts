// Where the connector's access tokens come from. In production a service account with domain-wide delegation
// signs a JWT for an admin subject and trades it at oauth2.googleapis.com/token. That URL is a constant in
// gtoken and cannot be pointed at a sandbox (protocols.md §3), so minting stays behind this small interface:
// tests and the sandbox use a static token, production uses serviceAccountTokens().

import { auth } from "@googleapis/admin";

import { ConnectorError } from "../types.ts";

export interface GoogleAccessToken {
  token: string;
  /** When it stops working; null when unknown (it is then used until Google rejects it). */
  expiresAt: Date | null;
}

export interface GoogleTokenSource {
  /** Who the calls act as, for messages ("the service account x for admin y"). */
  readonly description: string;
  accessToken(): Promise<GoogleAccessToken>;
}

/** A fixed bearer token (tests, the sandbox, or a token minted elsewhere). */
export function staticAccessToken(token: string): GoogleTokenSource {
  if (!token) throw new ConnectorError("Google access token is empty", "invalid", false);
  return { description: "the access token", accessToken: async () => ({ token, expiresAt: null }) };
}

export const DIRECTORY_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.user",
  "https://www.googleapis.com/auth/admin.directory.group",
  "https://www.googleapis.com/auth/admin.directory.group.member",
];

export interface ServiceAccountConfig {
  /** The service account's client_email. */
  clientEmail: string;
  /** The service account's private_key (PEM). */
  privateKey: string;
  /** The Workspace admin the service account acts as (domain-wide delegation). */
  subject: string;
  scopes?: string[];
}

/** Service account + domain-wide delegation: a JWT-bearer grant for `subject` (google-auth-library caches the token). */
export function serviceAccountTokens(config: ServiceAccountConfig): GoogleTokenSource {
  if (!config.clientEmail || !config.privateKey || !config.subject) {
    throw new ConnectorError("A Google service account needs a client email, a private key and an admin to act as (subject)", "invalid", false);
  }
  const jwt = new auth.JWT({ email: config.clientEmail, key: config.privateKey, scopes: config.scopes ?? DIRECTORY_SCOPES, subject: config.subject });
  return {
    description: `the service account ${config.clientEmail} acting as ${config.subject}`,
    async accessToken() {
      try {
        const { token } = await jwt.getAccessToken();
        if (!token) throw new Error("no access token in the token response");
        const expiry = jwt.credentials.expiry_date;
        return { token, expiresAt: expiry ? new Date(expiry) : null };
      } catch (e) {
        throw tokenError(e, config);
      }
    },
  };
}

/** From the service account's JSON key file (as downloaded from Google Cloud) and the admin to act as. */
export function serviceAccountFromKeyFile(keyJson: string, subject: string, scopes?: string[]): GoogleTokenSource {
  let key: { type?: string; client_email?: string; private_key?: string };
  try {
    key = JSON.parse(keyJson) as typeof key;
  } catch {
    throw new ConnectorError("The Google service account key is not valid JSON", "invalid", false);
  }
  if (key.type !== "service_account") throw new ConnectorError(`The Google key file is not a service account key (type ${String(key.type)})`, "invalid", false);
  return serviceAccountTokens({ clientEmail: key.client_email ?? "", privateKey: key.private_key ?? "", subject, scopes });
}

/** unauthorized_client at the token step means domain-wide delegation is not set up for this client and scopes. */
function tokenError(e: unknown, config: ServiceAccountConfig): ConnectorError {
  const err = e as { status?: number; response?: { status?: number; data?: { error?: string; error_description?: string } }; message?: string; code?: string };
  const status = err.response?.status ?? err.status;
  const data = err.response?.data;
  if (status !== undefined && status >= 500) return new ConnectorError(`Google's token endpoint is unavailable (${status})`, "unavailable", true, undefined, status);
  if (data?.error) {
    const hint = data.error === "unauthorized_client" ? "; allow-list the client id and scopes under Security → API controls → Domain-wide delegation" : "";
    return new ConnectorError(`Google refused a token for ${config.clientEmail} acting as ${config.subject} (${data.error}: ${data.error_description ?? ""})${hint}`, "auth", false, undefined, status);
  }
  if (status === undefined && /ECONN|ENOTFOUND|EAI_AGAIN|fetch failed/i.test(`${err.code ?? ""} ${err.message ?? ""}`)) {
    return new ConnectorError(`Cannot reach Google's token endpoint (${err.code ?? err.message})`, "unavailable", true);
  }
  return new ConnectorError(`The Google service account cannot get a token: ${err.message ?? String(e)}`, "auth", false, undefined, status);
}
