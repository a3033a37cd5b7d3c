import { directoryFor } from "../../connectors/factory.ts";
import { ConnectorError } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { mergeOutcome } from "./merge-outcome.ts";
import { recordLeaverProofs } from "./record-leaver-proofs.ts";

/**
 * Suspends a leaver's account in the IdP (the tenant enabled it), then reads the account back: the status
 * the IdP reports is stored on the lifecycle event as proof. A retryable failure is rethrown for the job
 * layer; a permanent one is recorded as failed.
 */
export async function suspendLeaver(services: Services, input: { tenantId: string; eventId: string }) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Lifecycle (suspend leaver)" });
  const event = await scope.tdb.lifecycleEvent.findFirst({ where: { id: input.eventId, tenantId: input.tenantId, kind: "LEAVER" } });
  if (!event || (event.outcome as { suspension?: { status?: string } }).suspension?.status !== "PENDING") return null;
  const person = await scope.tdb.person.findUniqueOrThrow({ where: { id: event.personId }, include: { connection: true } });
  const connector = directoryFor(services.connectors, person.connection);
  let suspension: Record<string, unknown>;
  try {
    await connector.suspendUser(person.externalId);
    const readBack = await connector.readUserStatus(person.externalId);
    suspension = { status: readBack.status === "SUSPENDED" ? "CONFIRMED" : "NOT_CONFIRMED", readBack: { ...readBack, checkedAt: readBack.checkedAt.toISOString() } };
  } catch (err) {
    const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
    if (e.retryable) {
      await mergeOutcome(services.db, input.tenantId, event.id, { suspension: { status: "PENDING", lastError: e.message } });
      throw e;
    }
    suspension = { status: "FAILED", error: e.message };
  }
  await scope.tdb.$transaction(async (tx) => {
    await mergeOutcome(tx, input.tenantId, event.id, { suspension });
    await recordAudit(tx, input.tenantId, scope.actor, {
      action: "lifecycle.leaver_suspended", subjectType: "person", subjectId: person.id, data: { lifecycleEventId: event.id, suspension },
    }, scope.clock.now());
  });
  await recordLeaverProofs(services, { tenantId: input.tenantId, eventIds: [event.id] });
  return suspension;
}
