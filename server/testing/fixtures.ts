import { afterAll } from "vitest";
import type { Database } from "../db/client.ts";
import { ControllableClock } from "../domain/clock.ts";
import type { Services } from "../domain/services.ts";
import { forTenant } from "../domain/services.ts";
import { defaultConnectorFactory } from "../connectors/factory.ts";
import { TableJobQueue } from "../jobs/local-queue.ts";
import { createTenant } from "../domain/tenants/create-tenant.ts";
import { saveMember } from "../domain/tenants/save-member.ts";
import { saveConnection } from "../domain/connections/save-connection.ts";
import { startSync } from "../domain/sync/start-sync.ts";
import { runSync } from "../domain/sync/run-sync.ts";
import { startOktaSandbox, DEFAULT_OKTA_TOKEN, type OktaSandbox } from "../sandbox/okta/index.ts";
import { buildAcmeDirectory, personaEmails } from "../demo/acme-directory.ts";
import { createApiContext } from "../api/context.ts";
import { createCaller } from "../api/root.ts";

/** Real services over a test database: the table-backed job queue, real connectors, a clock the test moves. */
export function makeServices(db: Database, clock = new ControllableClock(new Date("2026-11-26T09:00:00Z"))): Services & { clock: ControllableClock } {
  return { db: db.prisma, clock, jobs: new TableJobQueue(db.prisma, clock), connectors: defaultConnectorFactory };
}

/** A sandbox Okta with Acme's directory, stopped after the file. */
export async function acmeOkta(): Promise<OktaSandbox> {
  const okta = await startOktaSandbox({ state: buildAcmeDirectory(), token: DEFAULT_OKTA_TOKEN });
  afterAll(() => okta.stop());
  return okta;
}

/**
 * A tenant as a customer would have it: created, Okta connected and synced, with an admin,
 * an auditor and a plain employee who can sign in. Goes through the same operations as the app.
 */
export async function syncedTenant(
  services: Services, slug: string, okta: OktaSandbox,
  emails: { admin: string; auditor: string; employee: string } = personaEmails,
) {
  const tenant = await createTenant(services, { type: "cli", label: "test" }, { slug, name: slug.toUpperCase(), adminEmail: emails.admin });
  const scope = forTenant(services, tenant.id, { type: "cli", label: "test" });
  const { connection } = await saveConnection(scope, { kind: "OKTA", name: "Okta", orgUrl: okta.url, authMode: "token", token: okta.token });
  const { run } = await startSync(scope, { connectionId: connection.id, trigger: "cli" });
  await runSync(services, { tenantId: tenant.id, syncRunId: run.id });
  await saveMember(scope, { email: emails.admin, name: "Alex Kim", roles: ["admin"] });
  await saveMember(scope, { email: emails.auditor, name: "Morgan Blake", roles: ["auditor"] });
  await saveMember(scope, { email: emails.employee, name: "Dana Lee", roles: [] });
  const users = await services.db.user.findMany({ where: { email: { in: Object.values(emails) } } });
  const userId = (email: string) => users.find((u) => u.email === email)!.id;
  return {
    tenantId: tenant.id,
    slug,
    scope,
    connectionId: connection.id,
    syncRunId: run.id,
    admin: { id: userId(emails.admin), email: emails.admin, name: "Alex Kim" },
    auditor: { id: userId(emails.auditor), email: emails.auditor, name: "Morgan Blake" },
    employee: { id: userId(emails.employee), email: emails.employee, name: "Dana Lee" },
  };
}

/** A tRPC caller as a signed-in user in a workspace, through the same middleware as HTTP requests. */
export function callerAs(services: Services, user: { id: string; email: string; name: string } | null, tenantSlug: string | null) {
  return createCaller(createApiContext(services, user, tenantSlug));
}
