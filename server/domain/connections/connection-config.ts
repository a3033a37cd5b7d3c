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

export function splitConnectionInput(input: ConnectionInput): { config: OktaConfig | JiraConfig; secret: OktaSecret | JiraSecret } {
  if (input.kind === "OKTA") {
    return input.authMode === "token"
      ? { config: { orgUrl: input.orgUrl, authMode: "token" }, secret: { token: input.token } }
      : { config: { orgUrl: input.orgUrl, authMode: "privateKey", clientId: input.clientId, keyId: input.keyId }, secret: { privateKey: input.privateKey } };
  }
  return input.authMode === "basic"
    ? { config: { siteUrl: input.siteUrl, projectKey: input.projectKey, authMode: "basic", email: input.email }, secret: { apiToken: input.apiToken } }
    : { config: { siteUrl: input.siteUrl, projectKey: input.projectKey, authMode: "bearer" }, secret: { token: input.token } };
}
