import { seal } from "../../lib/secrets.ts";
import type { DirectoryConnector, TicketingConnector } from "../../connectors/types.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { splitConnectionInput, type JiraConfig, type JiraSecret, type OktaConfig, type OktaSecret } from "./connection-config.ts";
import { connectionInput, type ConnectionInput } from "./schemas.ts";
import { storeVerifiedConnection } from "./store-verified-connection.ts";
import { keptJiraSettings } from "./jira-revoke-settings.ts";

/**
 * Saves a connection only after its credentials work ("test connection" on save). Updating an existing
 * connection replaces its credentials only once the new ones verify, so a bad rotation loses nothing.
 * The secret is sealed with AES-256-GCM and never returned.
 */
export async function saveConnection(scope: TenantScope, raw: ConnectionInput & { connectionId?: string }) {
  const input = connectionInput.parse(raw);
  const { tdb, clock } = scope;
  const existing = raw.connectionId ? await tdb.connection.findUnique({ where: { id: raw.connectionId } }) : null;
  if (raw.connectionId) {
    if (!existing) throw notFound("Connection");
    if (existing.kind !== input.kind) throw badRequest("A connection cannot change its kind");
  }
  const split = splitConnectionInput(input);
  const secret = split.secret;
  // Settings made after the connection (Jira's revoke status and label, Okta's event hook) survive a change of credentials.
  const config =
    existing && input.kind === "JIRA" ? { ...split.config, ...keptJiraSettings(existing.config) }
    : existing && input.kind === "OKTA" && (existing.config as OktaConfig).eventHook ? { ...split.config, eventHook: (existing.config as OktaConfig).eventHook }
    : split.config;
  const connector: DirectoryConnector | TicketingConnector =
    input.kind === "OKTA"
      ? scope.connectors.directory("OKTA", config as OktaConfig, secret as OktaSecret)
      : scope.connectors.ticketing("JIRA", config as JiraConfig, secret as JiraSecret);
  const check = await connector.validate();
  if (!check.ok) throw badRequest(`Could not connect: ${check.detail}`, "credentials");

  const sealed = seal(JSON.stringify(secret));
  const data = {
    kind: input.kind, name: input.name, config, secretCipher: sealed.cipher, secretKeyId: sealed.keyId,
    status: "HEALTHY" as const, lastError: null, lastCheckedAt: clock.now(), enabled: true,
  };
  return storeVerifiedConnection(scope, {
    connectionId: raw.connectionId, data, config, detail: check.detail,
    nameTaken: `${input.kind === "OKTA" ? "An Okta" : "A Jira"} connection named ${input.name} already exists`,
  });
}
