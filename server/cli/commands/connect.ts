// The input is validated with the operation's schema before Prisma, the database and the SDKs are loaded.
import { jiraConnectionInput, oktaConnectionInput, type ConnectionInput } from "../../domain/connections/schemas.ts";
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

/** Checks the credentials against the service (saveConnection does) and stores them sealed. */
async function save(out: Output, o: Common, kind: "OKTA" | "JIRA", input: ConnectionInput) {
  const service = kind === "OKTA" ? "Okta" : "Jira";
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
    const connectionId = o.update ? pickConnection(await listConnections(scope), tenant.slug, o.name, kind).id : undefined;
    out.note(`Checking the ${service} credentials against ${"orgUrl" in input ? input.orgUrl : "siteUrl" in input ? input.siteUrl : service}…`);
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
