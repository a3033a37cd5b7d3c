import { ticketingFor } from "../../connectors/factory.ts";
import { ConnectorError, type TicketingConnector } from "../../connectors/types.ts";
import { forTenant, type Services } from "../services.ts";
import { renderComment, renderDescription, eventMarker } from "./render-ticket.ts";
import { ticketEventPayload } from "./ticket-events.ts";

/**
 * Delivers a request's pending Jira events in order: the issue first, then each comment, property and
 * transition, each marked delivered as soon as Jira confirms it. Jira being down only delays this; a
 * retryable failure is rethrown for the job layer, and a comment that may have reached Jira before a
 * crash is looked up by its marker before it is posted again.
 */
export async function deliverTicketEvents(services: Services, input: { tenantId: string; requestId: string }, opts: { connector?: TicketingConnector } = {}) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Jira sync" });
  const { tdb, clock } = scope;
  const events = await tdb.ticketEvent.findMany({ where: { requestId: input.requestId, status: "PENDING" }, orderBy: { seq: "asc" } });
  if (!events.length) return { delivered: 0 };
  const connection = await tdb.connection.findFirst({ where: { kind: "JIRA", enabled: true }, orderBy: { createdAt: "asc" } });
  if (!connection) return { delivered: 0 };
  const jira = opts.connector ?? ticketingFor(services.connectors, connection);
  let delivered = 0;
  for (const event of events) {
    const request = await tdb.accessRequest.findUniqueOrThrow({ where: { id: input.requestId }, select: { jiraIssueKey: true } });
    const payload = ticketEventPayload.parse(event.payload);
    if (payload.kind !== "create" && !request.jiraIssueKey) {
      const earlier = await tdb.ticketEvent.findFirst({ where: { requestId: input.requestId, kind: "create" } });
      if (!earlier || earlier.status === "FAILED") {
        await tdb.ticketEvent.update({ where: { id: event.id }, data: { status: "FAILED", lastError: "The Jira issue could not be created" } });
        continue;
      }
      break; // the issue is not created yet; keep the order
    }
    const retry = event.attempts > 0;
    await tdb.ticketEvent.update({ where: { id: event.id }, data: { attempts: { increment: 1 } } });
    try {
      let externalId: string | null = null;
      if (payload.kind === "create") {
        const ref = await jira.createIssue({
          summary: payload.summary, description: renderDescription(payload), labels: payload.labels,
          properties: { gatehouse: { requestId: input.requestId } },
        });
        externalId = ref.key;
        await tdb.accessRequest.update({ where: { id: input.requestId }, data: { jiraIssueKey: ref.key, jiraIssueUrl: ref.url } });
      } else if (payload.kind === "comment") {
        const key = request.jiraIssueKey!;
        if (!(retry && (await jira.hasComment(key, eventMarker(event.id))))) {
          externalId = (await jira.addComment(key, renderComment(payload, event.id))).id;
        }
      } else if (payload.kind === "property") {
        await jira.setProperty(request.jiraIssueKey!, payload.key, payload.value);
      } else {
        const moved = await jira.transition(request.jiraIssueKey!, payload.name);
        externalId = moved ? payload.name : `not available: ${payload.name}`;
      }
      await tdb.ticketEvent.update({ where: { id: event.id }, data: { status: "DELIVERED", deliveredAt: clock.now(), externalId, lastError: null } });
      delivered++;
    } catch (err) {
      const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
      await tdb.ticketEvent.update({ where: { id: event.id }, data: e.retryable ? { lastError: e.message } : { status: "FAILED", lastError: e.message } });
      if (e.retryable) throw e;
    }
  }
  return { delivered };
}
