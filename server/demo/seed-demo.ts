import type { Services } from "../domain/services.ts";
import { forTenant } from "../domain/services.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveMember } from "../domain/tenants/save-member.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { saveSlackConnection } from "../domain/slack/save-slack-connection.ts";
import { saveVantaConnection } from "../domain/connections/save-vanta-connection.ts";
import { saveJiraRevokeSettings } from "../domain/connections/jira-revoke-settings.ts";
import { startSync } from "../domain/sync/start-sync.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { processDirectoryChanges } from "../domain/lifecycle/process-directory-changes.ts";
import { saveApp } from "../domain/catalog/save-app.ts";
import { saveRole } from "../domain/catalog/save-role.ts";
import type { Actor } from "../domain/actor.ts";
import { acmeCatalog } from "./acme-catalog.ts";
import { acmeAppIds } from "./acme-app-sign-ins.ts";
import { seedDemoBundles } from "./seed-demo-bundles.ts";
import { DEMO_DOMAIN, personaEmails } from "./acme-directory.ts";

export interface SandboxEndpoints {
  okta: { url: string; token: string };
  jira: { url: string; email: string; apiToken: string; projectKey: string };
  slack?: { apiUrl: string; botToken: string; signingSecret: string };
  vanta?: { apiUrl: string; clientId: string; clientSecret: string; userAccountResourceId: string };
}

export const DEMO_SLUG = "acme";
const seeder: Actor = { type: "cli", label: "Demo seed" };

export const personas = [
  { key: "employee", email: personaEmails.employee, name: "Dana Lee", line: "Dana — engineer, requests production access", roles: [] },
  { key: "manager", email: personaEmails.manager, name: "Sam Rivera", line: "Sam — Dana's manager, approves", roles: [] },
  { key: "appOwner", email: personaEmails.appOwner, name: "Priya Shah", line: "Priya — owns Salesforce and Carta (set up by hand)", roles: [] },
  { key: "admin", email: personaEmails.admin, name: "Alex Kim", line: "Alex — IT admin, connects Okta and Jira, builds the catalog", roles: ["admin"] },
  { key: "auditor", email: personaEmails.auditor, name: "Morgan Blake", line: "Morgan — auditor, traces and exports evidence", roles: ["auditor"] },
] as const;

/**
 * The demo tenant "Acme", wired to the sandbox Okta and Jira, through the same operations an admin uses:
 * connections verified on save, a real directory sync, the catalog, and the personas as members.
 * Safe to run again: an existing demo tenant is left as it is.
 */
export async function seedDemo(services: Services, sandboxes: SandboxEndpoints) {
  const existing = await services.db.tenant.findUnique({ where: { slug: DEMO_SLUG } });
  if (existing) return { tenantId: existing.id, created: false };
  const tenant = await createTenant(services, seeder, {
    slug: DEMO_SLUG, name: "Acme", adminEmail: personaEmails.admin, adminName: "Alex Kim", isDemo: true,
  });
  const scope = forTenant(services, tenant.id, seeder);
  const { connection: okta } = await saveConnection(scope, {
    kind: "OKTA", name: "Acme Okta (sandbox)", orgUrl: sandboxes.okta.url, authMode: "token", token: sandboxes.okta.token,
  });
  const { connection: jira } = await saveConnection(scope, {
    kind: "JIRA", name: "Acme Jira (sandbox)", siteUrl: sandboxes.jira.url, projectKey: sandboxes.jira.projectKey,
    authMode: "basic", email: sandboxes.jira.email, apiToken: sandboxes.jira.apiToken,
  });
  // Revoke from the ticket: the sandbox workflow's "Remove access" transition, or the label. The webhook itself
  // is registered once the app listens (demo-jira-webhook.ts), since Jira must be able to reach it.
  await saveJiraRevokeSettings(scope, { connectionId: jira.id, revokeStatus: "Access removed", revokeLabel: "gatehouse-revoke" });
  if (sandboxes.slack) await saveSlackConnection(scope, { kind: "SLACK", name: "Acme Slack (sandbox)", ...sandboxes.slack });
  if (sandboxes.vanta) await saveVantaConnection(scope, { kind: "VANTA", name: "Acme Vanta (sandbox)", documentId: "access-reviews", ...sandboxes.vanta });
  const { run } = await startSync(scope, { connectionId: okta.id, trigger: "cli" });
  const done = await runSync(services, { tenantId: tenant.id, syncRunId: run.id });
  if (done?.status !== "SUCCEEDED") throw new Error(`Demo directory sync failed: ${done?.error ?? "unknown"}`);
  // The workforce as it is now is the lifecycle baseline: nobody already there is onboarded again.
  await processDirectoryChanges(services, { tenantId: tenant.id, connectionId: okta.id, syncRunId: run.id });

  const people = await scope.tdb.person.findMany({ select: { id: true, login: true } });
  const personId = (login: string) => people.find((p) => p.login === `${login}@${DEMO_DOMAIN}`)?.id;
  const groups = await scope.tdb.group.findMany({ select: { id: true, name: true } });
  const groupId = (name: string) => {
    const g = groups.find((x) => x.name === name);
    if (!g) throw new Error(`Demo group ${name} is missing from the sandbox directory`);
    return g.id;
  };
  for (const app of acmeCatalog) {
    const saved = await saveApp(scope, {
      name: app.name, description: app.description, riskLevel: app.riskLevel, provisioningMode: app.provisioningMode ?? "IDP_GROUPS",
      externalAppId: app.provisioningMode === "MANUAL" ? null : acmeAppIds[app.name] ?? null,
      ownerPersonIds: app.owners.map(personId).filter((x): x is string => !!x),
    });
    for (const { groups: names, ...role } of app.roles) {
      await saveRole(scope, { ...role, appId: saved.id, groupIds: names.map(groupId) });
    }
  }
  for (const p of personas) await saveMember(scope, { email: p.email, name: p.name, roles: [...p.roles] });
  await seedDemoBundles(scope);
  // Quinn leads security: the security team approves privileged roles.
  await saveMember(scope, { email: `quinn.harper@${DEMO_DOMAIN}`, name: "Quinn Harper", roles: ["security"] });
  return { tenantId: tenant.id, created: true };
}
