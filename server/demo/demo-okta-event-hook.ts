import type { OktaConfig } from "../domain/connections/connection-config.ts";
import { oktaHookPath, setUpOktaEventHook } from "../domain/lifecycle-hooks/set-up-okta-event-hook.ts";
import { forTenant, type Services } from "../domain/services.ts";
import type { OktaSandbox } from "../sandbox/okta/index.ts";
import { DEMO_SLUG } from "./seed-demo.ts";

/**
 * Registers the demo tenant's Okta event hook with the sandbox Okta, pointing at the running app, so a change
 * made in the sandbox reaches Gatehouse at once (as a real Okta would push it). Run at every start after the
 * app answers requests (Okta verifies the hook by calling it); a verified hook already at this address is kept.
 */
export async function connectDemoOktaEventHook(services: Services, okta: OktaSandbox, appOrigin: string) {
  const tenant = await services.db.tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (!tenant) return { registered: false };
  const scope = forTenant(services, tenant.id, { type: "system", label: "Demo setup" });
  const connection = await scope.tdb.connection.findFirst({ where: { kind: "OKTA" }, orderBy: { createdAt: "asc" } });
  if (!connection) return { registered: false };
  const origin = appOrigin.replace(/\/$/, "");
  const url = `${origin}${oktaHookPath(connection.id)}`;
  const current = (connection.config as OktaConfig).eventHook;
  const live = okta.eventHooks.list().find((h) => h.id === current?.id);
  if (connection.webhookSecretCipher && live?.channel.config.uri === url && live.status === "ACTIVE" && live.verificationStatus === "VERIFIED") {
    return { registered: false };
  }
  const setUp = await setUpOktaEventHook(scope, { connectionId: connection.id }, { publicBaseUrl: origin });
  // Hooks left by earlier runs (another port) would only be refused: remove them.
  for (const h of [...okta.eventHooks.list()]) {
    if (h.id === setUp.hookId || !h.channel.config.uri.endsWith(oktaHookPath(connection.id))) continue;
    okta.eventHooks.setStatus(h.id, "INACTIVE");
    okta.eventHooks.remove(h.id);
  }
  return { registered: true, hookId: setUp.hookId };
}
