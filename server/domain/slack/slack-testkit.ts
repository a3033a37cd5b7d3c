// Test wiring for Slack: a tenant synced from the sandbox Okta and connected to the sandbox Slack (every Acme person a
// workspace member by email), the real route handlers served over HTTP, and the local job driver.
import { afterAll } from "vitest";
import type { Database } from "../../db/client.ts";
import { LocalJobDriver } from "../../jobs/local-driver.ts";
import { jobDefinitions } from "../../jobs/registry.ts";
import type { Runtime } from "../../runtime.ts";
import { startSlackSandbox, type SlackSandbox } from "../../sandbox/slack/index.ts";
import { acmeOkta, makeServices, syncedTenant } from "../../testing/fixtures.ts";
import { serveRoute } from "../../testing/route-server.ts";
import { POST as interactivity } from "../../../app/api/slack/interactivity/route.ts";
import { POST as commands } from "../../../app/api/slack/commands/route.ts";
import { saveSlackConnection } from "./save-slack-connection.ts";

/** The two Slack route handlers behind real HTTP servers, called with real Request objects as Next.js would. */
async function serveSlackRoutes() {
  const [i, c] = await Promise.all([serveRoute(interactivity), serveRoute(commands)]);
  return { interactivityUrl: `${i.url}/api/slack/interactivity`, commandsUrl: `${c.url}/api/slack/commands` };
}

export async function slackWorld(db: Database, opts: { notInSlack?: string[] } = {}) {
  const services = makeServices(db);
  globalThis.__gatehouseRuntime = Promise.resolve({ services } as unknown as Runtime);
  const okta = await acmeOkta();
  const t = await syncedTenant(services, "acme", okta);
  const people = await t.scope.tdb.person.findMany();
  const slack: SlackSandbox = await startSlackSandbox({
    now: () => services.clock.now(),
    users: people.filter((p) => !opts.notInSlack?.includes(p.login.split("@")[0]!)).map((p) => ({ email: p.email, realName: p.displayName })),
  });
  afterAll(() => slack.stop());
  await saveSlackConnection(t.scope, { kind: "SLACK", name: "Slack", apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret });
  const driver = new LocalJobDriver(services, jobDefinitions);
  const urls = await serveSlackRoutes();
  const p = Object.fromEntries(people.map((x) => [x.login.split("@")[0]!, x]));
  const slackId = (login: string) => slack.state.userByEmail(p[login]!.email)!.id;
  return { services, okta, t, slack, driver, urls, p, slackId };
}
