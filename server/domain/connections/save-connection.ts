import { seal } from "../../lib/secrets.ts";
import { isDirectoryKind } from "../../connectors/factory.ts";
import { ConnectorError, type DirectoryConnector, type TicketingConnector } from "../../connectors/types.ts";
import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { splitConnectionInput, type JiraConfig, type JiraSecret, type OktaConfig } from "./connection-config.ts";
import { capabilitiesSeen, closeConnector } from "./directory-capabilities.ts";
import { connectionInput, type ConnectionInput, type ConnectionInputRaw } from "./schemas.ts";
import { storeVerifiedConnection } from "./store-verified-connection.ts";
import { keptJiraSettings } from "./jira-revoke-settings.ts";

/** "An Okta connection named … already exists", in each kind's words. */
const A_KIND: Record<ConnectionInput["kind"], string> = {
  OKTA: "An Okta", JIRA: "A Jira", ENTRA: "An Entra ID", GOOGLE: "A Google Workspace", SCIM: "A SCIM",
};

/**
 * Saves a connection (Okta, Entra ID, Google Workspace, SCIM 2.0 or Jira) only after its credentials work
 * ("test connection" on save). Updating an existing connection replaces its credentials only once the new ones
 * verify, so a bad rotation loses nothing. The secret is sealed with AES-256-GCM and never returned.
 */
export async function saveConnection(scope: TenantScope, raw: ConnectionInputRaw & { connectionId?: string }) {
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
  let config: object =
    existing && input.kind === "JIRA" ? { ...split.config, ...keptJiraSettings(existing.config) }
    : existing && input.kind === "OKTA" && (existing.config as OktaConfig).eventHook ? { ...split.config, eventHook: (existing.config as OktaConfig).eventHook }
    : split.config;
  const connector = buildConnector(scope, input.kind, config, secret);
  const check = await connector.validate().finally(() => closeConnector(connector));
  if (!check.ok) throw badRequest(`Could not connect: ${check.detail}`, "credentials");
  if (isDirectoryKind(input.kind)) config = { ...config, capabilities: capabilitiesSeen(connector as DirectoryConnector) };

  const sealed = seal(JSON.stringify(secret));
  const data = {
    kind: input.kind, name: input.name, config, secretCipher: sealed.cipher, secretKeyId: sealed.keyId,
    status: "HEALTHY" as const, lastError: null, lastCheckedAt: clock.now(), enabled: true,
  };
  return storeVerifiedConnection(scope, {
    connectionId: raw.connectionId, data, config, detail: check.detail,
    nameTaken: `${A_KIND[input.kind]} connection named ${input.name} already exists`,
  });
}

/** The connector for fresh input; one that cannot even be built (a malformed Google key) is a refused save. */
function buildConnector(scope: TenantScope, kind: ConnectionInput["kind"], config: object, secret: object): DirectoryConnector | TicketingConnector {
  try {
    return kind === "JIRA"
      ? scope.connectors.ticketing("JIRA", config as JiraConfig, secret as JiraSecret)
      : scope.connectors.directory(kind, config as never, secret as never);
  } catch (e) {
    if (e instanceof ConnectorError) throw badRequest(`Could not connect: ${e.message}`, "credentials");
    throw e;
  }
}
