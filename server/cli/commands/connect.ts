// The input is validated with the operation's schema before Prisma, the database and the SDKs are loaded.
import { DIRECTORY_NAMES } from "../../connectors/directory-kinds.ts";
import {
  entraConnectionInput, googleConnectionInput, jiraConnectionInput, oktaConnectionInput, scimConnectionInput, type ConnectionInput,
} from "../../domain/connections/schemas.ts";
import { DomainError } from "../../domain/errors.ts";
import { UsageError } from "../errors.ts";
import type { Output } from "../output.ts";
import { fileFrom, secretFrom } from "../secret-input.ts";

interface Common {
  tenant: string;
  name: string;
  update?: boolean;
}

export interface ConnectOktaOptions extends Common {
  orgUrl: string;
  token?: string;
  tokenEnv?: string;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
}

export interface ConnectJiraOptions extends Common {
  siteUrl: string;
  projectKey: string;
  email?: string;
  apiToken?: string;
  apiTokenEnv?: string;
  bearerToken?: string;
  bearerTokenEnv?: string;
}

/** `gatehouse connect okta`: API token (SSWS) or OAuth service app (client id + private key). */
export async function connectOktaCommand(out: Output, o: ConnectOktaOptions) {
  const tokenGiven = o.token !== undefined || o.tokenEnv !== undefined;
  if (tokenGiven === (o.clientId !== undefined)) {
    throw new UsageError("choose one way to authenticate to Okta", [
      "--token-env <VAR> or --token - (stdin): an API token",
      "--client-id <id> --private-key-file <path|-> [--key-id <kid>]: an OAuth service app",
    ]);
  }
  if (o.clientId === undefined && (o.privateKeyFile !== undefined || o.keyId !== undefined)) {
    throw new UsageError("--private-key-file and --key-id go with --client-id");
  }
  if (o.clientId !== undefined && o.privateKeyFile === undefined) throw new UsageError("--client-id needs --private-key-file <path|->");

  const raw = tokenGiven
    ? { kind: "OKTA" as const, name: o.name, orgUrl: o.orgUrl, authMode: "token" as const, token: (await secretFrom(out, "Okta API token", "--token", o.token, "--token-env", o.tokenEnv))! }
    : {
        kind: "OKTA" as const, name: o.name, orgUrl: o.orgUrl, authMode: "privateKey" as const, clientId: o.clientId!, keyId: o.keyId,
        privateKey: await fileFrom("Private key", "--private-key-file", o.privateKeyFile!),
      };
  await save(out, o, "OKTA", oktaConnectionInput.parse(raw));
}

/** `gatehouse connect jira`: Atlassian account email + API token (basic), or a bearer token. */
export async function connectJiraCommand(out: Output, o: ConnectJiraOptions) {
  const basic = o.apiToken !== undefined || o.apiTokenEnv !== undefined;
  const bearer = o.bearerToken !== undefined || o.bearerTokenEnv !== undefined;
  if (basic === bearer) {
    throw new UsageError("choose one way to authenticate to Jira", [
      "--email <email> with --api-token-env <VAR> or --api-token - (stdin): an Atlassian API token",
      "--bearer-token-env <VAR> or --bearer-token - (stdin): a bearer token",
    ]);
  }
  if (basic && o.email === undefined) throw new UsageError("--api-token needs --email <Atlassian account email>");
  if (bearer && o.email !== undefined) throw new UsageError("--email goes with --api-token, not with --bearer-token");

  const common = { kind: "JIRA" as const, name: o.name, siteUrl: o.siteUrl, projectKey: o.projectKey };
  const raw = basic
    ? { ...common, authMode: "basic" as const, email: o.email!, apiToken: (await secretFrom(out, "Jira API token", "--api-token", o.apiToken, "--api-token-env", o.apiTokenEnv))! }
    : { ...common, authMode: "bearer" as const, token: (await secretFrom(out, "Jira bearer token", "--bearer-token", o.bearerToken, "--bearer-token-env", o.bearerTokenEnv))! };
  await save(out, o, "JIRA", jiraConnectionInput.parse(raw));
}

export interface ConnectEntraOptions extends Common {
  entraTenantId: string;
  clientId: string;
  clientSecret?: string;
  clientSecretEnv?: string;
  graphUrl?: string;
  authorityUrl?: string;
  caFile?: string;
}

export interface ConnectGoogleOptions extends Common {
  adminEmail: string;
  keyFile?: string;
  accessToken?: string;
  accessTokenEnv?: string;
  customer?: string;
  unmanagedGroups?: string;
  rootUrl?: string;
}

export interface ConnectScimOptions extends Common {
  baseUrl: string;
  token?: string;
  tokenEnv?: string;
  readOnlyGroups?: string;
}

/** `gatehouse connect entra`: an app registration's client credentials (Microsoft Graph, application permissions). */
export async function connectEntraCommand(out: Output, o: ConnectEntraOptions) {
  if ((o.clientSecret === undefined) === (o.clientSecretEnv === undefined)) {
    throw new UsageError("give the app's client secret", ["--client-secret-env <VAR>, or --client-secret - (stdin)"]);
  }
  const raw = {
    kind: "ENTRA" as const, name: o.name, tenantId: o.entraTenantId, clientId: o.clientId,
    clientSecret: (await secretFrom(out, "Entra client secret", "--client-secret", o.clientSecret, "--client-secret-env", o.clientSecretEnv))!,
    graphUrl: o.graphUrl, authorityUrl: o.authorityUrl,
    ca: o.caFile === undefined ? undefined : await fileFrom("CA certificate", "--ca-file", o.caFile),
  };
  await save(out, o, "ENTRA", entraConnectionInput.parse(raw));
}

/** `gatehouse connect google`: a service account key with domain-wide delegation (or, for a local sandbox, an access token). */
export async function connectGoogleCommand(out: Output, o: ConnectGoogleOptions) {
  const tokenGiven = o.accessToken !== undefined || o.accessTokenEnv !== undefined;
  if (tokenGiven === (o.keyFile !== undefined)) {
    throw new UsageError("choose one way to authenticate to Google Workspace", [
      "--key-file <path|->: the service account's JSON key (domain-wide delegation, acting as --admin-email)",
      "--access-token-env <VAR> or --access-token - (stdin): an access token, for a local sandbox only (with --root-url)",
    ]);
  }
  const common = {
    kind: "GOOGLE" as const, name: o.name, adminEmail: o.adminEmail, customer: o.customer, unmanagedGroups: o.unmanagedGroups, rootUrl: o.rootUrl,
  };
  const raw = tokenGiven
    ? { ...common, authMode: "accessToken" as const, accessToken: (await secretFrom(out, "Google access token", "--access-token", o.accessToken, "--access-token-env", o.accessTokenEnv))! }
    : { ...common, authMode: "serviceAccount" as const, serviceAccountKey: await fileFrom("Service account key", "--key-file", o.keyFile!) };
  await save(out, o, "GOOGLE", googleConnectionInput.parse(raw));
}

/** `gatehouse connect scim`: any SCIM 2.0 server, by base URL and bearer token. */
export async function connectScimCommand(out: Output, o: ConnectScimOptions) {
  if ((o.token === undefined) === (o.tokenEnv === undefined)) {
    throw new UsageError("give the SCIM bearer token", ["--token-env <VAR>, or --token - (stdin)"]);
  }
  const raw = {
    kind: "SCIM" as const, name: o.name, baseUrl: o.baseUrl, readOnlyGroups: o.readOnlyGroups,
    token: (await secretFrom(out, "SCIM bearer token", "--token", o.token, "--token-env", o.tokenEnv))!,
  };
  await save(out, o, "SCIM", scimConnectionInput.parse(raw));
}

/** Where the credentials are checked, for the progress note. */
function target(input: ConnectionInput): string {
  switch (input.kind) {
    case "OKTA": return input.orgUrl;
    case "JIRA": return input.siteUrl;
    case "ENTRA": return `Entra tenant ${input.tenantId}${input.graphUrl ? ` (${input.graphUrl})` : ""}`;
    case "GOOGLE": return input.rootUrl ?? `the Admin SDK as ${input.adminEmail}`;
    case "SCIM": return input.baseUrl;
  }
}

/** Checks the credentials against the service (saveConnection does) and stores them sealed. */
async function save(out: Output, o: Common, kind: ConnectionInput["kind"], input: ConnectionInput) {
  const service = kind === "JIRA" ? "Jira" : DIRECTORY_NAMES[kind];
  const [{ withServices }, { forTenant }, { listConnections }, { saveConnection }, { pickConnection, tenantBySlug }] = await Promise.all([
    import("../context.ts"),
    import("../../domain/services.ts"),
    import("../../domain/connections/queries.ts"),
    import("../../domain/connections/save-connection.ts"),
    import("../lookups.ts"),
  ]);
  await withServices(out, { connectors: true }, async ({ services, actor }) => {
    const tenant = await tenantBySlug(services, o.tenant);
    const scope = forTenant(services, tenant.id, actor);
    const connectionId = o.update ? pickConnection(await listConnections(scope), tenant.slug, o.name, kind === "JIRA" ? "JIRA" : "OKTA").id : undefined;
    out.note(`Checking the ${service} credentials against ${target(input)}…`);
    try {
      const { connection, detail } = await saveConnection(scope, { ...input, connectionId });
      out.result(
        [`${connectionId ? "Updated" : "Saved"} ${service} connection "${connection.name}" (${connection.id}) for tenant ${tenant.slug}.`, `  ${detail}`],
        { connection, detail },
      );
    } catch (e) {
      if (e instanceof DomainError && e.code === "CONFLICT" && e.field === "name") {
        throw new DomainError("CONFLICT", `${e.message} in tenant ${tenant.slug}; pass --update to replace its credentials, or --name for another connection`, "name");
      }
      throw e;
    }
  });
}
