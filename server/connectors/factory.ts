import { unseal } from "../lib/secrets.ts";
import type {
  EntraConfig, EntraSecret, GoogleConfig, GoogleSecret, JiraConfig, JiraSecret, OktaConfig, OktaSecret, ScimConfig, ScimSecret,
} from "../domain/connections/connection-config.ts";
import type { SlackConfig, SlackSecret } from "../domain/slack/slack-config.ts";
import type { VantaConfig, VantaSecret } from "../domain/connections/vanta-config.ts";
import type { DirectoryConnector, EvidenceConnector, MessagingConnector, TicketingConnector } from "./types.ts";
import { createOktaConnector } from "./okta/index.ts";
import { createJiraConnector } from "./jira/index.ts";
import { createSlackConnector } from "./slack/index.ts";
import { createVantaConnector } from "./vanta/index.ts";
import { createEntraConnector } from "./graph/index.ts";
import { createGoogleConnector, serviceAccountFromKeyFile, staticAccessToken } from "./google/index.ts";
import { createScimConnector } from "./scim/index.ts";

import { isDirectoryKind, type DirectoryKind } from "./directory-kinds.ts";

export { DIRECTORY_KINDS, isDirectoryKind, type DirectoryKind } from "./directory-kinds.ts";

/** Each directory kind's stored config and sealed secret. */
export interface DirectorySettings {
  OKTA: { config: OktaConfig; secret: OktaSecret };
  ENTRA: { config: EntraConfig; secret: EntraSecret };
  GOOGLE: { config: GoogleConfig; secret: GoogleSecret };
  SCIM: { config: ScimConfig; secret: ScimSecret };
}

export interface ConnectionRecord {
  kind: DirectoryKind | "JIRA" | "SLACK" | "VANTA";
  config: unknown;
  secretCipher: string;
  secretKeyId: string;
}

export interface ConnectorOptions {
  timeoutMs?: number;
}

/** Builds connectors from stored connections (decrypting the secret in memory only) or from fresh input. */
export interface ConnectorFactory {
  directory<K extends DirectoryKind>(kind: K, config: DirectorySettings[K]["config"], secret: DirectorySettings[K]["secret"]): DirectoryConnector;
  ticketing(kind: "JIRA", config: JiraConfig, secret: JiraSecret): TicketingConnector;
  messaging(kind: "SLACK", config: Pick<SlackConfig, "apiUrl">, secret: SlackSecret): MessagingConnector;
  evidence(kind: "VANTA", config: VantaConfig, secret: VantaSecret): EvidenceConnector;
}

export const defaultConnectorFactory: ConnectorFactory = {
  directory(kind, config, secret) {
    return buildDirectory({ kind, config, secret } as DirectoryParts);
  },
  ticketing(_kind, config, secret) {
    return createJiraConnector({
      siteUrl: config.siteUrl,
      projectKey: config.projectKey,
      auth: "apiToken" in secret ? { mode: "basic", email: config.email ?? "", apiToken: secret.apiToken } : { mode: "bearer", token: secret.token },
    });
  },
  messaging(_kind, config, secret) {
    return createSlackConnector({ botToken: secret.botToken, apiUrl: config.apiUrl });
  },
  evidence(_kind, config, secret) {
    return createVantaConnector({
      apiUrl: config.apiUrl, clientId: secret.clientId, clientSecret: secret.clientSecret, scope: config.scope,
      documentId: config.documentId, userAccountResourceId: config.userAccountResourceId,
    });
  },
};

type DirectoryParts = { [K in DirectoryKind]: { kind: K } & DirectorySettings[K] }[DirectoryKind];

/** Builds the connector for one directory kind (a bad Google key file throws ConnectorError "invalid"). */
function buildDirectory(p: DirectoryParts): DirectoryConnector {
  switch (p.kind) {
    case "OKTA": {
      const { config, secret } = p;
      return createOktaConnector({
        orgUrl: config.orgUrl,
        auth: "token" in secret
          ? { mode: "token", token: secret.token }
          : { mode: "privateKey", clientId: config.clientId ?? "", privateKey: secret.privateKey, keyId: config.keyId },
      });
    }
    case "ENTRA": {
      const { config, secret } = p;
      return createEntraConnector({
        tenantId: config.tenantId, clientId: config.clientId, clientSecret: secret.clientSecret,
        graphUrl: config.graphUrl, authorityUrl: config.authorityUrl, ca: config.ca,
      });
    }
    case "GOOGLE": {
      const { config, secret } = p;
      const tokens = "accessToken" in secret ? staticAccessToken(secret.accessToken) : serviceAccountFromKeyFile(secret.serviceAccountKey, config.adminEmail);
      return createGoogleConnector({ tokens, customer: config.customer, unmanagedGroups: config.unmanagedGroups, rootUrl: config.rootUrl });
    }
    case "SCIM": {
      const { config, secret } = p;
      return createScimConnector({ baseUrl: config.baseUrl, token: secret.token, readOnlyGroups: config.readOnlyGroups });
    }
  }
}

export function directoryFor(factory: ConnectorFactory, c: ConnectionRecord): DirectoryConnector {
  if (!isDirectoryKind(c.kind)) throw new Error(`${c.kind} is not a directory connection`);
  return factory.directory(c.kind, c.config as never, JSON.parse(unseal({ cipher: c.secretCipher, keyId: c.secretKeyId })));
}

export function ticketingFor(factory: ConnectorFactory, c: ConnectionRecord): TicketingConnector {
  if (c.kind !== "JIRA") throw new Error(`${c.kind} is not a ticketing connection`);
  return factory.ticketing("JIRA", c.config as JiraConfig, JSON.parse(unseal({ cipher: c.secretCipher, keyId: c.secretKeyId })));
}

export function messagingFor(factory: ConnectorFactory, c: ConnectionRecord): MessagingConnector {
  if (c.kind !== "SLACK") throw new Error(`${c.kind} is not a messaging connection`);
  return factory.messaging("SLACK", c.config as SlackConfig, JSON.parse(unseal({ cipher: c.secretCipher, keyId: c.secretKeyId })));
}

export function evidenceFor(factory: ConnectorFactory, c: ConnectionRecord): EvidenceConnector {
  if (c.kind !== "VANTA") throw new Error(`${c.kind} is not an evidence connection`);
  return factory.evidence("VANTA", c.config as VantaConfig, JSON.parse(unseal({ cipher: c.secretCipher, keyId: c.secretKeyId })));
}
