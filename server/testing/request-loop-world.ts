import { afterAll, afterEach } from "vitest";
import { testDatabase } from "./db.ts";
import { acmeOkta, makeServices, syncedTenant } from "./fixtures.ts";
import { startJiraSandbox, DEFAULT_JIRA_ACCOUNT } from "../sandbox/jira/index.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { LocalJobDriver } from "../jobs/local-driver.ts";
import { jobDefinitions } from "../jobs/registry.ts";

/**
 * Acme synced from a sandbox Okta, with a sandbox Jira connected and the local job driver to drain by
 * hand; people and groups by login/name. Faults are cleared after each test. For tests of the request
 * loop and what follows it (provisioning, tickets, expiry, revocation).
 */
export async function requestLoopWorld() {
  const db = await testDatabase();
  const services = makeServices(db);
  const okta = await acmeOkta();
  const jira = await startJiraSandbox({});
  afterAll(() => jira.stop());
  afterEach(() => {
    okta.faults.clear();
    jira.faults.clear();
    jira.faults.down(false);
  });
  const driver = new LocalJobDriver(services, jobDefinitions);
  const t = await syncedTenant(services, "acme", okta);
  await saveConnection(t.scope, { kind: "JIRA", name: "Jira", siteUrl: jira.url, projectKey: "ACCESS", authMode: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken });
  const p: Record<string, { id: string; externalId: string }> = {};
  const g: Record<string, { id: string; externalId: string }> = {};
  for (const x of await t.scope.tdb.person.findMany()) p[x.login.split("@")[0]!] = x;
  for (const x of await t.scope.tdb.group.findMany()) g[x.name] = x;
  await driver.drain();
  return { db, services, okta, jira, driver, t, p, g };
}
