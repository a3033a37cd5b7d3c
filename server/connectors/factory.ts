import { unseal } from "../lib/secrets.ts";
import type { JiraConfig, JiraSecret, OktaConfig, OktaSecret } from "../domain/connections/connection-config.ts";
import type { SlackConfig, SlackSecret } from "../domain/slack/slack-config.ts";
import type { VantaConfig, VantaSecret } from "../domain/connections/vanta-config.ts";
import type { DirectoryConnector, EvidenceConnector, MessagingConnector, TicketingConnector } from "./types.ts";
import { createOktaConnector } from "./okta/index.ts";
import { createJiraConnector } from "./jira/index.ts";
import { createSlackConnector } from "./slack/index.ts";
import { createVantaConnector } from "./vanta/index.ts";

export interface ConnectionRecord {
  kind: "OKTA" | "JIRA" | "SLACK" | "VANTA";
  config: unknown;
  secretCipher: string;
  secretKeyId: string;
}

export interface ConnectorOptions {
  timeoutMs?: number;
}

/** Builds connectors from stored connections (decrypting the secret in memory only) or from fresh input. */
export interface ConnectorFactory {
  directory(kind: "OKTA", config: OktaConfig, secret: OktaSecret): DirectoryConnector;
  ticketing(kind: "JIRA", config: JiraConfig, secret: JiraSecret): TicketingConnector;
  messaging(kind: "SLACK", config: Pick<SlackConfig, "apiUrl">, secret: SlackSecret): MessagingConnector;
  evidence(kind: "VANTA", config: VantaConfig, secret: VantaSecret): EvidenceConnector;
}

export const defaultConnectorFactory: ConnectorFactory = {
  directory(_kind, config, secret) {
    return createOktaConnector({
      orgUrl: config.orgUrl,
      auth: "token" in secret
        ? { mode: "token", token: secret.token }
        : { mode: "privateKey", clientId: config.clientId ?? "", privateKey: secret.privateKey, keyId: config.keyId },
    });
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

export function directoryFor(factory: ConnectorFactory, c: ConnectionRecord): DirectoryConnector {
  if (c.kind !== "OKTA") throw new Error(`${c.kind} is not a directory connection`);
  return factory.directory("OKTA", c.config as OktaConfig, JSON.parse(unseal({ cipher: c.secretCipher, keyId: c.secretKeyId })));
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
