import path from "node:path";
import { siteUrl } from "../../domain/connections/schemas.ts";
import { DEMO_SLUG, seedDemo, type SandboxEndpoints } from "../../demo/seed-demo.ts";
import { dataDir } from "../../env.ts";
import { withServices } from "../context.ts";
import { CliError, UsageError } from "../errors.ts";
import type { Output } from "../output.ts";
import { secretFrom } from "../secret-input.ts";

export interface SeedDemoOptions {
  oktaUrl?: string;
  oktaToken?: string;
  oktaTokenEnv?: string;
  jiraUrl?: string;
  jiraEmail?: string;
  jiraToken?: string;
  jiraTokenEnv?: string;
  jiraProject: string;
}

function checkUrl(flag: string, what: string, value: string): string {
  const r = siteUrl(what).safeParse(value);
  if (!r.success) throw new UsageError(`${flag}: ${r.error.issues[0]?.message ?? "invalid URL"}`);
  return r.data;
}

/** The Okta and Jira to seed against, when given on the command line (already running sandboxes or real systems). */
async function externalEndpoints(out: Output, o: SeedDemoOptions): Promise<SandboxEndpoints | null> {
  const given = [o.oktaUrl, o.oktaToken, o.oktaTokenEnv, o.jiraUrl, o.jiraEmail, o.jiraToken, o.jiraTokenEnv].some((v) => v !== undefined);
  if (!given) return null;
  const missing = [
    o.oktaUrl === undefined && "--okta-url",
    o.oktaToken === undefined && o.oktaTokenEnv === undefined && "--okta-token-env (or --okta-token -)",
    o.jiraUrl === undefined && "--jira-url",
    o.jiraEmail === undefined && "--jira-email",
    o.jiraToken === undefined && o.jiraTokenEnv === undefined && "--jira-token-env (or --jira-token -)",
  ].filter((x): x is string => Boolean(x));
  if (missing.length) throw new UsageError("to seed against running Okta and Jira, give all of their settings", missing.map((m) => `missing ${m}`));
  return {
    okta: {
      url: checkUrl("--okta-url", "Okta org", o.oktaUrl!),
      token: (await secretFrom(out, "Okta API token", "--okta-token", o.oktaToken, "--okta-token-env", o.oktaTokenEnv))!,
    },
    jira: {
      url: checkUrl("--jira-url", "Jira site", o.jiraUrl!),
      email: o.jiraEmail!,
      apiToken: (await secretFrom(out, "Jira API token", "--jira-token", o.jiraToken, "--jira-token-env", o.jiraTokenEnv))!,
      projectKey: o.jiraProject,
    },
  };
}

/**
 * `gatehouse seed demo`: the demo tenant Acme, through the same operations the app's quick start uses.
 * Without URLs it starts the demo sandboxes in this process on the ports `npm start` uses, with their
 * state saved in the data directory, so that `npm start` later serves the same Okta and Jira.
 */
export async function seedDemoCommand(out: Output, o: SeedDemoOptions) {
  const external = await externalEndpoints(out, o);
  await withServices(out, { connectors: true }, async ({ services }) => {
    const existing = await services.db.tenant.findUnique({ where: { slug: DEMO_SLUG } });
    if (existing) {
      out.result(`The demo tenant ${DEMO_SLUG} already exists (${existing.id}); nothing changed.`, { tenantId: existing.id, created: false });
      return;
    }

    let sandboxes: Awaited<ReturnType<typeof import("../../demo/sandboxes.ts").startDemoSandboxes>> | undefined;
    let endpoints = external;
    if (!endpoints) {
      const { startDemoSandboxes } = await import("../../demo/sandboxes.ts");
      const oktaPort = Number(process.env.GATEHOUSE_OKTA_SANDBOX_PORT ?? 4010);
      const jiraPort = Number(process.env.GATEHOUSE_JIRA_SANDBOX_PORT ?? 4020);
      try {
        sandboxes = await startDemoSandboxes({ dataDir: dataDir(), oktaPort, jiraPort, vantaPort: Number(process.env.GATEHOUSE_VANTA_SANDBOX_PORT ?? 4040) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
        throw new CliError(
          `Port ${oktaPort} or ${jiraPort} is in use: the demo sandboxes (or something else) are already running.\n` +
            "If `npm start` is running, it seeds the demo itself. To seed against sandboxes that are already running, pass\n" +
            "--okta-url, --okta-token-env, --jira-url, --jira-email and --jira-token-env; or free the ports\n" +
            "(GATEHOUSE_OKTA_SANDBOX_PORT / GATEHOUSE_JIRA_SANDBOX_PORT choose others, for this command and for `npm start` alike).",
        );
      }
      endpoints = sandboxes.endpoints;
      out.note(`Started the demo sandboxes for seeding: Okta ${endpoints.okta.url}, Jira ${endpoints.jira.url}.`);
    }
    try {
      out.note("Seeding the demo tenant (connections, directory sync, catalog, personas)…");
      const seeded = await seedDemo(services, endpoints);
      const lines = [`Created the demo tenant ${DEMO_SLUG} (${seeded.tenantId}), connected to Okta ${endpoints.okta.url} and Jira ${endpoints.jira.url}.`];
      if (sandboxes) {
        lines.push(
          `  Note: the sandbox Okta and Jira ran only while this command did; their state is saved in ${path.join(dataDir(), "sandbox")}.`,
          "  `npm start` serves them again on the same ports, with the app: until then the demo's connections cannot be reached.",
        );
      }
      lines.push("  Demo personas sign in only when the app runs with GATEHOUSE_DEMO=1, which `npm start` sets.");
      out.result(lines, { tenantId: seeded.tenantId, created: seeded.created, okta: endpoints.okta.url, jira: endpoints.jira.url, sandboxesStopped: Boolean(sandboxes) });
    } finally {
      await sandboxes?.stop();
    }
  });
}
