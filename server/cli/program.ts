// The command tree. Each action loads its command module lazily, so `--help` and usage errors answer
// without loading Prisma, PGlite or the connectors. Commands call domain operations only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, Option } from "commander";
import { Output, type Io } from "./output.ts";
import { registerCatalogCommands } from "./commands/catalog-program.ts";

const root = path.resolve(import.meta.dirname, "../..");

interface Globals {
  json?: boolean;
  debug?: boolean;
}

export interface ProgramState {
  io?: Io;
  out?: Output;
}

const environmentHelp = `
Database:
  DATABASE_URL          PostgreSQL connection string; without it, the embedded PGlite database
  GATEHOUSE_DATA_DIR    data directory of the embedded database (default: <project>/.data)
  The embedded database can be opened by one process at a time: while Gatehouse (npm start) runs
  on it, the CLI refuses to open it. Stop the app first, or run both on PostgreSQL.

Exit codes: 0 ok, 1 the command failed, 2 the command line is wrong.`;

export function buildProgram(state: ProgramState): Command {
  const io: Io = state.io ?? { stdout: process.stdout, stderr: process.stderr };
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  const program = new Command("gatehouse")
    .description("Gatehouse admin CLI: database migrations, tenants, connections, directory syncs and access requests.")
    .version(version)
    .option("--json", "print the result as JSON on stdout (messages and progress stay on stderr)")
    .option("--debug", "show stack traces and debug logs")
    .exitOverride()
    .configureOutput({ writeOut: (t) => void io.stdout.write(t), writeErr: (t) => void io.stderr.write(t) })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError()
    .addHelpText("after", environmentHelp);

  const action =
    <O>(load: () => Promise<(out: Output, opts: O) => Promise<void>>) =>
    async (opts: O, cmd: Command) => {
      const g = cmd.optsWithGlobals<Globals>();
      const out = new Output(Boolean(g.json), Boolean(g.debug), io.stdout, io.stderr);
      state.out = out;
      const fn = await load();
      await fn(out, opts);
    };

  program
    .command("migrate")
    .description("apply pending database migrations (creates the embedded database if needed)")
    .action(action(async () => (await import("./commands/migrate.ts")).migrateCommand));

  const tenant = program.command("tenant").description("create and list tenants");
  tenant
    .command("create")
    .description("create a tenant and its first admin")
    .requiredOption("--slug <slug>", "URL name: lowercase letters, digits and dashes")
    .requiredOption("--name <name>", "display name")
    .requiredOption("--admin-email <email>", "the first admin, who signs in with this email")
    .option("--admin-name <name>", "the admin's name (default: the email)")
    .action(action(async () => (await import("./commands/tenant.ts")).tenantCreateCommand));
  tenant
    .command("list")
    .description("list tenants")
    .action(action(async () => (await import("./commands/tenant.ts")).tenantListCommand));

  const connect = program
    .command("connect")
    .description("connect a tenant to a directory (Okta, Entra ID, Google Workspace, SCIM 2.0) or Jira (credentials are checked against the service before they are saved)");
  connect
    .command("okta")
    .description("connect an Okta org: an API token, or an OAuth service app with a private key")
    .requiredOption("--tenant <slug>", "the tenant")
    .requiredOption("--org-url <url>", "the org URL, e.g. https://acme.okta.com")
    .option("--name <name>", "connection name", "Okta")
    .option("--token-env <VAR>", "read the API token from this environment variable")
    .option("--token <token>", "the API token; - reads it from stdin (a literal token lands in shell history)")
    .option("--client-id <id>", "OAuth service app client id (with --private-key-file)")
    .option("--private-key-file <path>", "the service app's private key (PEM or JWK); - reads stdin")
    .option("--key-id <kid>", "the key id (kid) registered for the private key")
    .option("--update", "replace the credentials of the existing connection with this name")
    .addHelpText("after", "\nExample:\n  OKTA_TOKEN=… gatehouse connect okta --tenant acme --org-url https://acme.okta.com --token-env OKTA_TOKEN")
    .action(action(async () => (await import("./commands/connect.ts")).connectOktaCommand));
  connect
    .command("jira")
    .description("connect a Jira Cloud site: account email + API token, or a bearer token")
    .requiredOption("--tenant <slug>", "the tenant")
    .requiredOption("--site-url <url>", "the site URL, e.g. https://acme.atlassian.net")
    .requiredOption("--project-key <KEY>", "the project access requests are filed in, e.g. ACCESS")
    .option("--name <name>", "connection name", "Jira")
    .option("--email <email>", "Atlassian account email (with an API token)")
    .option("--api-token-env <VAR>", "read the API token from this environment variable")
    .option("--api-token <token>", "the API token; - reads it from stdin (a literal token lands in shell history)")
    .option("--bearer-token-env <VAR>", "read a bearer token from this environment variable")
    .option("--bearer-token <token>", "a bearer token; - reads it from stdin")
    .option("--update", "replace the credentials of the existing connection with this name")
    .addHelpText("after", "\nExample:\n  JIRA_TOKEN=… gatehouse connect jira --tenant acme --site-url https://acme.atlassian.net --project-key ACCESS \\\n    --email it@acme.com --api-token-env JIRA_TOKEN")
    .action(action(async () => (await import("./commands/connect.ts")).connectJiraCommand));
  connect
    .command("entra")
    .description("connect a Microsoft Entra ID tenant through Microsoft Graph: an app registration with a client secret")
    .requiredOption("--tenant <slug>", "the Gatehouse tenant")
    .requiredOption("--entra-tenant-id <id>", "the Directory (tenant) ID, a GUID (or a domain like contoso.onmicrosoft.com)")
    .requiredOption("--client-id <guid>", "the app registration's Application (client) ID")
    .option("--name <name>", "connection name", "Entra ID")
    .option("--client-secret-env <VAR>", "read the client secret from this environment variable")
    .option("--client-secret <secret>", "the client secret; - reads it from stdin (a literal secret lands in shell history)")
    .option("--graph-url <url>", "Microsoft Graph origin for a national cloud or a sandbox (default https://graph.microsoft.com)")
    .option("--authority-url <url>", "the sign-in authority origin (default https://login.microsoftonline.com)")
    .option("--ca-file <path>", "a PEM certificate to trust (a sandbox or a TLS-inspecting proxy); - reads stdin")
    .option("--update", "replace the credentials of the existing connection with this name")
    .addHelpText("after", "\nExample:\n  ENTRA_SECRET=… gatehouse connect entra --tenant acme --entra-tenant-id 72f988bf-86f1-41af-91ab-2d7cd011db47 \\\n    --client-id 00000000-0000-0000-0000-000000000000 --client-secret-env ENTRA_SECRET")
    .action(action(async () => (await import("./commands/connect.ts")).connectEntraCommand));
  connect
    .command("google")
    .description("connect a Google Workspace directory (Admin SDK): a service account with domain-wide delegation")
    .requiredOption("--tenant <slug>", "the Gatehouse tenant")
    .requiredOption("--admin-email <email>", "a Workspace admin the service account acts as")
    .option("--name <name>", "connection name", "Google Workspace")
    .option("--key-file <path>", "the service account's JSON key file; - reads stdin")
    .option("--access-token-env <VAR>", "a local sandbox only: read an access token from this environment variable")
    .option("--access-token <token>", "a local sandbox only: an access token; - reads it from stdin")
    .option("--customer <id>", "the customer ID (default: the admin's own, my_customer)")
    .option("--unmanaged-groups <list>", "group emails or ids Gatehouse must not change (e.g. dynamic groups), comma-separated")
    .option("--root-url <url>", "the Admin API origin (default https://admin.googleapis.com; a sandbox in tests)")
    .option("--update", "replace the credentials of the existing connection with this name")
    .addHelpText("after", "\nExample:\n  gatehouse connect google --tenant acme --admin-email it-admin@acme.com --key-file ./gatehouse-sa.json")
    .action(action(async () => (await import("./commands/connect.ts")).connectGoogleCommand));
  connect
    .command("scim")
    .description("connect any SCIM 2.0 server (users and groups): its base URL and a bearer token")
    .requiredOption("--tenant <slug>", "the Gatehouse tenant")
    .requiredOption("--base-url <url>", "the SCIM base URL, e.g. https://api.example.com/scim/v2")
    .option("--name <name>", "connection name", "SCIM")
    .option("--token-env <VAR>", "read the bearer token from this environment variable")
    .option("--token <token>", "the bearer token; - reads it from stdin (a literal token lands in shell history)")
    .option("--read-only-groups <list>", "group names or ids Gatehouse must not change, comma-separated")
    .option("--update", "replace the credentials of the existing connection with this name")
    .addHelpText("after", "\nExample:\n  SCIM_TOKEN=… gatehouse connect scim --tenant acme --base-url https://api.example.com/scim/v2 --token-env SCIM_TOKEN")
    .action(action(async () => (await import("./commands/connect.ts")).connectScimCommand));

  program
    .command("sync")
    .description("sync a tenant's directory (people, groups, memberships) and wait for the result")
    .requiredOption("--tenant <slug>", "the tenant")
    .option("--connection <name or id>", "the directory connection (default: the tenant's only one)")
    .option("--wait", "if the running app (PostgreSQL) or Inngest runs the sync instead of this process, wait for it to finish")
    .addHelpText(
      "after",
      "\nThe sync runs in this process, with progress on stderr, unless Gatehouse's job runner already runs it.\nExits 1 if the sync fails.",
    )
    .action(action(async () => (await import("./commands/sync.ts")).syncCommand));

  const seed = program.command("seed").description("seed sample data");
  seed
    .command("demo")
    .description("create the demo tenant Acme, connected to the sandbox Okta and Jira")
    .option("--okta-url <url>", "seed against this running Okta (sandbox or real) instead of starting the sandboxes")
    .option("--okta-token-env <VAR>", "its API token, from this environment variable")
    .option("--okta-token <token>", "its API token; - reads stdin")
    .option("--jira-url <url>", "the running Jira site")
    .option("--jira-email <email>", "its account email")
    .option("--jira-token-env <VAR>", "its API token, from this environment variable")
    .option("--jira-token <token>", "its API token; - reads stdin")
    .addOption(new Option("--jira-project <KEY>", "its project key").default("ACCESS"))
    .addHelpText(
      "after",
      "\n`npm start` seeds the demo itself and serves the sandboxes. Without URLs this command starts the sandboxes\n" +
        "only while it runs (state saved in the data directory, so `npm start` serves the same ones later).",
    )
    .action(action(async () => (await import("./commands/seed.ts")).seedDemoCommand));

  const provisionHelp =
    "\nWith --provision (Gatehouse stopped, or on PostgreSQL) an approved request's grant is provisioned in this process and\n" +
    "read back from the directory, and its Jira ticket is updated. Without it, Gatehouse's job runner does both when the app\n" +
    "runs (on its next start at the latest: the reconciler re-queues pending grants).";
  program
    .command("request")
    .description("request access to a catalog role, as a person of the tenant's directory")
    .requiredOption("--tenant <slug>", "the tenant")
    .requiredOption("--as <email>", "the requester: a person in the tenant's directory")
    .option("--role <App/Role>", 'the role, as "<App name>/<Role name>", e.g. "GitHub/Engineer"')
    .option("--role-id <id>", "the role's id (instead of --role)")
    .requiredOption("--reason <text>", "the business reason (at least 10 characters)")
    .option("--for <email>", "request for a direct report of --as instead of for oneself")
    .option("--duration <duration>", "how long: minutes, hours or days, e.g. 90m, 6h, 7d (default: until removed)")
    .option("--provision", "if the role is auto-approved, provision it now in this process (see below)")
    .addHelpText(
      "after",
      '\nExample:\n  gatehouse request --tenant acme --as dana.lee@acme.example --role "AWS Production/Administrator" \\\n' +
        '    --duration 6h --reason "Rotate the RDS certificates (CHG-1234)"\n' + provisionHelp,
    )
    .action(action(async () => (await import("./commands/request.ts")).requestCommand));
  program
    .command("decide")
    .description("approve or deny the step of a request that waits for this approver")
    .requiredOption("--tenant <slug>", "the tenant")
    .requiredOption("--as <email>", "the approver: a person in the tenant's directory")
    .requiredOption("--request <id>", "the request")
    .addOption(new Option("--approve", "approve the step").conflicts("deny"))
    .addOption(new Option("--deny", "deny the request (needs --comment)").conflicts("approve"))
    .option("--comment <text>", "a comment for the requester and the ticket; required to deny")
    .option("--provision", "if this decision approves the request, provision it now in this process (see below)")
    .addHelpText("after", provisionHelp)
    .action(action(async () => (await import("./commands/request.ts")).decideCommand));
  program
    .command("requests")
    .description("list a tenant's access requests, newest first (read-only)")
    .requiredOption("--tenant <slug>", "the tenant")
    .option("--status <status>", "only PENDING, APPROVED, DENIED, CANCELLED or FAILED requests")
    .option("--limit <n>", "at most this many (1-200)", "50")
    .action(action(async () => (await import("./commands/request.ts")).requestsCommand));

  program
    .command("revoke")
    .description("revoke a grant (admin authority): removal from the directory groups follows, and the Jira ticket says so")
    .requiredOption("--tenant <slug>", "the tenant")
    .option("--grant <id>", "the grant")
    .option("--request <id>", "the request whose grant to revoke (an extension request: the grant it extends)")
    .option("--issue <KEY>", "the Jira issue of that request, e.g. ACCESS-42")
    .requiredOption("--reason <text>", "why, for the audit log and the ticket")
    .addHelpText("after", '\nExample:\n  gatehouse revoke --tenant acme --issue ACCESS-42 --reason "Left the on-call rotation"')
    .action(action(async () => (await import("./commands/revoke.ts")).revokeCommand));

  const audit = program.command("audit").description("the tenant's tamper-evident audit log");
  audit
    .command("verify")
    .description("verify a tenant's audit hash chain and name the first broken link (exit 1 if broken)")
    .requiredOption("--tenant <slug>", "the tenant")
    .addHelpText(
      "after",
      "\nRecomputes every event's hash, checks each prevHash link and that no event is missing, in pages\n" +
        "(constant memory). The verification is itself appended to the chain as an \"audit.verified\" event.\n" +
        "Exit codes: 0 the chain is intact, 1 it is broken (or the tenant was not found), 2 usage error.\n" +
        "\nExample:\n  gatehouse audit verify --tenant acme --json",
    )
    .action(action(async () => (await import("./commands/audit.ts")).auditVerifyCommand));

  registerCatalogCommands(program, action);

  return program;
}
