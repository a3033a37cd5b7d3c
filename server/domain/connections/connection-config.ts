import type { ConnectionInput } from "./schemas.ts";

/** What is stored in clear (shown on the page) and what is sealed (never leaves the server). */
export type OktaConfig = {
  orgUrl: string; authMode: "token" | "privateKey"; clientId?: string; keyId?: string;
  /** The Okta event hook set up by set-up-okta-event-hook.ts (lifecycle-hooks); its secret is webhookSecretCipher. */
  eventHook?: OktaEventHookConfig;
};
/** What Gatehouse knows of the event hook it registered in Okta (no secret). */
export type OktaEventHookConfig = {
  id: string | null; uri: string; events: string[]; status: "ACTIVE" | "INACTIVE" | "FAILED"; verified: boolean;
  at: string; error?: string | null;
};
export type OktaSecret = { token: string } | { privateKey: string };
export type JiraConfig = {
  siteUrl: string; projectKey: string; authMode: "basic" | "bearer"; email?: string;
  /** Revoke from the ticket (jira-revoke-settings.ts): the status, or label, that revokes the grant. */
  revokeStatus?: string | null; revokeLabel?: string | null;
};
export type JiraSecret = { apiToken: string } | { token: string };

/** What a directory connector could do when last checked (save or "Test connection"); shown on its card. */
export type DirectoryCapabilitiesSeen = {
  sync: boolean; provision: boolean; suspend: boolean; lastActivity: boolean;
  /** Why last activity is unavailable (Entra: no P1/P2 licence), when it is. */
  lastActivityNote?: string | null;
};
type DirectoryCommon = { capabilities?: DirectoryCapabilitiesSeen };

export type EntraConfig = DirectoryCommon & { tenantId: string; clientId: string; graphUrl?: string; authorityUrl?: string; ca?: string };
export type EntraSecret = { clientSecret: string };
export type GoogleConfig = DirectoryCommon & {
  adminEmail: string; authMode: "serviceAccount" | "accessToken"; customer?: string; unmanagedGroups?: string[]; rootUrl?: string;
  /** The service account's email (from its key file), so the page can say who acts. */
  serviceAccountEmail?: string;
};
/** A service account key file (domain-wide delegation), or for a local sandbox only, a bare access token. */
export type GoogleSecret = { serviceAccountKey: string } | { accessToken: string };
export type ScimConfig = DirectoryCommon & { baseUrl: string; readOnlyGroups?: string[] };
export type ScimSecret = { token: string };

export type ConnectionConfig = OktaConfig | JiraConfig | EntraConfig | GoogleConfig | ScimConfig;
export type ConnectionSecret = OktaSecret | JiraSecret | EntraSecret | GoogleSecret | ScimSecret;

/** Drops undefined fields, so the stored config has only what was given. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function splitConnectionInput(input: ConnectionInput): { config: ConnectionConfig; secret: ConnectionSecret } {
  if (input.kind === "ENTRA") {
    const { tenantId, clientId, graphUrl, authorityUrl, ca } = input;
    return { config: defined({ tenantId, clientId, graphUrl, authorityUrl, ca }), secret: { clientSecret: input.clientSecret } };
  }
  if (input.kind === "GOOGLE") {
    const { adminEmail, customer, unmanagedGroups, rootUrl, authMode } = input;
    const config: GoogleConfig = defined({ adminEmail, authMode, customer, unmanagedGroups, rootUrl });
    if (input.authMode === "accessToken") return { config, secret: { accessToken: input.accessToken } };
    const key = JSON.parse(input.serviceAccountKey) as { client_email?: string };
    return { config: { ...config, serviceAccountEmail: key.client_email }, secret: { serviceAccountKey: input.serviceAccountKey } };
  }
  if (input.kind === "SCIM") {
    return { config: defined({ baseUrl: input.baseUrl, readOnlyGroups: input.readOnlyGroups }), secret: { token: input.token } };
  }
  if (input.kind === "OKTA") {
    return input.authMode === "token"
      ? { config: { orgUrl: input.orgUrl, authMode: "token" }, secret: { token: input.token } }
      : { config: { orgUrl: input.orgUrl, authMode: "privateKey", clientId: input.clientId, keyId: input.keyId }, secret: { privateKey: input.privateKey } };
  }
  return input.authMode === "basic"
    ? { config: { siteUrl: input.siteUrl, projectKey: input.projectKey, authMode: "basic", email: input.email }, secret: { apiToken: input.apiToken } }
    : { config: { siteUrl: input.siteUrl, projectKey: input.projectKey, authMode: "bearer" }, secret: { token: input.token } };
}
