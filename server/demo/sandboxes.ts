import path from "node:path";
import { existsSync } from "node:fs";
import { startOktaSandbox, DEFAULT_OKTA_TOKEN, type OktaSandbox } from "../sandbox/okta/index.ts";
import { startJiraSandbox, DEFAULT_JIRA_ACCOUNT, type JiraSandbox } from "../sandbox/jira/index.ts";
import { startSlackSandbox, type SlackSandbox } from "../sandbox/slack/index.ts";
import { startVantaSandbox, type VantaSandbox } from "../sandbox/vanta/index.ts";
import type { GraphSandbox } from "../sandbox/graph/index.ts";
import { startDemoGraph } from "./demo-graph.ts";
import { buildAcmeDirectory } from "./acme-directory.ts";
import { recordAcmeAppSignIns } from "./acme-app-sign-ins.ts";
import { DEMO_JIRA_ADMIN } from "./demo-jira-admin.ts";
import type { SandboxEndpoints } from "./seed-demo.ts";

export interface DemoSandboxes {
  okta: OktaSandbox;
  jira: JiraSandbox;
  slack: SlackSandbox;
  vanta: VantaSandbox;
  /** Sandbox Entra ID (Microsoft Graph): not connected by the seed; an admin connects it by hand. */
  graph: GraphSandbox;
  endpoints: SandboxEndpoints;
  stop(): Promise<void>;
}

declare global {
  // The running demo's sandboxes, so the app's sandbox pages can show their state.
  var __gatehouseSandboxes: DemoSandboxes | undefined;
}

/** The demo's sandboxes (Okta, Jira, Slack, Vanta, Entra ID), with their state kept beside the embedded database. */
export async function startDemoSandboxes(opts: {
  dataDir: string; oktaPort: number; jiraPort: number; slackPort?: number; vantaPort?: number; graphPort?: number; persist?: boolean;
  /** The demo's clock: when a visitor moves time, the sandboxes' timestamps (webhooks, signatures) move with it. */
  now?: () => Date;
}): Promise<DemoSandboxes> {
  const oktaFile = path.join(opts.dataDir, "sandbox", "okta.json");
  const jiraFile = path.join(opts.dataDir, "sandbox", "jira.json");
  const persist = opts.persist !== false;
  const okta = await startOktaSandbox({
    port: opts.oktaPort,
    host: "127.0.0.1",
    token: DEFAULT_OKTA_TOKEN,
    state: persist && existsSync(oktaFile) ? undefined : recordAcmeAppSignIns(buildAcmeDirectory(), opts.now?.()),
    persistTo: persist ? oktaFile : undefined,
  });
  const jira = await startJiraSandbox({
    port: opts.jiraPort, host: "127.0.0.1", persistTo: persist ? jiraFile : undefined, accounts: [DEFAULT_JIRA_ACCOUNT, DEMO_JIRA_ADMIN], now: opts.now,
  });
  // Slack's workspace has everyone in Acme's directory, matched to Gatehouse people by email.
  const slack = await startSlackSandbox({
    port: opts.slackPort ?? 4030, host: "127.0.0.1", persistTo: persist ? path.join(opts.dataDir, "sandbox", "slack.json") : undefined, now: opts.now,
    users: [...okta.state.users.values()].map((u) => ({ email: u.profile.email, realName: `${u.profile.firstName} ${u.profile.lastName}` })),
  });
  // Vanta: where review evidence and the accounts Gatehouse governs are pushed.
  const vanta = await startVantaSandbox({
    port: opts.vantaPort ?? 4040, host: "127.0.0.1", persistTo: persist ? path.join(opts.dataDir, "sandbox", "vanta.json") : undefined, now: opts.now,
  });
  // Entra ID: the same people (by email) with Microsoft groups, served over HTTPS with its own certificate.
  const graph = await startDemoGraph({ port: opts.graphPort ?? 4050, dir: path.join(opts.dataDir, "sandbox"), persist, now: opts.now });
  const sandboxes: DemoSandboxes = {
    okta,
    jira,
    slack,
    vanta,
    graph,
    endpoints: {
      slack: { apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret },
      vanta: { apiUrl: vanta.url, clientId: vanta.client.clientId, clientSecret: vanta.client.clientSecret, userAccountResourceId: vanta.resourceId },
      okta: { url: okta.url, token: okta.token },
      jira: { url: jira.url, email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken, projectKey: "ACCESS" },
    },
    async stop() {
      okta.flush();
      await Promise.all([okta.stop(), jira.stop(), slack.stop(), vanta.stop(), graph.stop()]);
    },
  };
  globalThis.__gatehouseSandboxes = sandboxes;
  return sandboxes;
}
