import type { Services } from "../domain/services.ts";
import { forTenant } from "../domain/services.ts";
import { setUpJiraWebhook } from "../domain/connections/set-up-jira-webhook.ts";
import type { JiraSandbox } from "../sandbox/jira/index.ts";
import { DEMO_SLUG } from "./seed-demo.ts";

/**
 * Points the sandbox Jira's admin webhook at the running app, as an admin would paste it into Jira: the demo
 * tenant's webhook secret is generated (set up, or rotated when the sandbox has no webhook for this address),
 * and registered with `events: jira:issue_updated` and the `labels = gatehouse` filter. Run at every start,
 * since the app's port may change; a webhook already pointing at this address is kept.
 */
export async function connectDemoJiraWebhook(services: Services, jira: JiraSandbox, appOrigin: string) {
  const tenant = await services.db.tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (!tenant) return { registered: false };
  const scope = forTenant(services, tenant.id, { type: "system", label: "Demo setup" });
  const connection = await scope.tdb.connection.findFirst({ where: { kind: "JIRA" }, orderBy: { createdAt: "asc" } });
  if (!connection) return { registered: false };
  const url = `${appOrigin.replace(/\/$/, "")}/api/webhooks/jira/${DEMO_SLUG}`;
  const existing = jira.webhooks.list();
  if (connection.webhookSecretCipher && existing.some((w) => w.url === url && w.secret)) return { registered: false };
  const setUp = await setUpJiraWebhook(scope, { connectionId: connection.id });
  for (const w of existing) if (w.url.endsWith(`/api/webhooks/jira/${DEMO_SLUG}`)) jira.webhooks.remove(w.id);
  jira.webhooks.register({ name: "Gatehouse (demo)", url, events: setUp.events, jqlFilter: setUp.jqlFilter, secret: setUp.secret });
  return { registered: true };
}
