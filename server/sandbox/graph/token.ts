// The sandbox's Microsoft identity platform token endpoint: POST /{tenantId}/oauth2/v2.0/token with
// grant_type=client_credentials and a client secret (protocols.md §2). Errors carry Entra's body:
// { error, error_description: "AADSTS…: …", error_codes, timestamp, trace_id, correlation_id, error_uri }.

import { randomBytes, randomUUID } from "node:crypto";

import type { GraphState } from "./state.ts";

export interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export class TokenIssuer {
  readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly state: GraphState,
    private readonly ttlSeconds: () => number,
  ) {}

  /** Answers one token request (the form body already parsed). */
  answer(tenantId: string, form: URLSearchParams): TokenAnswer {
    const fail = (status: number, error: string, code: number, text: string): TokenAnswer => {
      const trace = randomUUID();
      const correlation = randomUUID();
      const stamp = new Date().toISOString().replace("T", " ").slice(0, 19) + "Z";
      return {
        status,
        body: {
          error,
          error_description: `AADSTS${code}: ${text} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${stamp}`,
          error_codes: [code],
          timestamp: stamp,
          trace_id: trace,
          correlation_id: correlation,
          error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        },
      };
    };
    if (tenantId !== this.state.tenantId) {
      return fail(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const grant = form.get("grant_type");
    if (grant !== "client_credentials") {
      return fail(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant ?? ""}'.`);
    }
    const clientId = form.get("client_id") ?? "";
    const app = this.state.apps.find((a) => a.clientId === clientId);
    if (!app) {
      return fail(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${this.state.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    const secret = form.get("client_secret");
    if (!secret) return fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (secret !== app.secret) {
      return fail(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
    }
    if (form.get("scope") !== GRAPH_SCOPE) {
      return fail(400, "invalid_scope", 1002012, `The provided value for scope ${form.get("scope") ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const ttl = this.ttlSeconds();
    const token = `eyJ0eXAiOiJKV1QiLCJzYW5kYm94Ijp0cnVlfQ.${randomBytes(24).toString("base64url")}`;
    this.issued.set(token, { clientId, expiresAt: Date.now() + ttl * 1000 });
    return { status: 200, body: { token_type: "Bearer", expires_in: ttl, ext_expires_in: ttl, access_token: token } };
  }

  /** Why a bearer token is refused (Graph's InvalidAuthenticationToken messages), or null when it is good. */
  refusal(authorization: string | undefined): string | null {
    if (!authorization) return "Access token is empty.";
    const m = /^Bearer (.+)$/i.exec(authorization);
    if (!m) return "Access token validation failure. Invalid audience.";
    const t = this.issued.get(m[1]!);
    if (!t) return "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format.";
    if (t.expiresAt <= Date.now()) return "Lifetime validation failed, the token is expired.";
    return null;
  }
}
