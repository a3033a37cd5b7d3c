import { z } from "zod";
import type { TenantTx } from "../../db/tenant-db.ts";
import type { JobQueue } from "../../jobs/queue.ts";

export const DELIVER_TICKETS_JOB = "tickets.deliver";

const fact = z.tuple([z.string(), z.string()]);

/** What an event says on the ticket, in our words; the delivery renders it for Jira. */
export const ticketEventPayload = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("create"), summary: z.string(), text: z.string(), facts: z.array(fact), link: z.string().optional(), labels: z.array(z.string()) }),
  z.object({ kind: z.literal("comment"), text: z.string(), facts: z.array(fact).default([]) }),
  z.object({ kind: z.literal("property"), key: z.string(), value: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal("transition"), name: z.string() }),
]);
export type TicketEventPayload = z.infer<typeof ticketEventPayload>;

/**
 * Appends an event to the request's Jira outbox in the caller's transaction, so it exists exactly
 * when the change it describes does; delivery happens later, in order, whenever Jira answers.
 */
export async function recordTicketEvents(tx: TenantTx, jobs: JobQueue, tenantId: string, requestId: string, events: TicketEventPayload[]) {
  if (!events.length) return;
  const hasJira = await tx.connection.count({ where: { kind: "JIRA", enabled: true } });
  if (!hasJira) return;
  const last = await tx.ticketEvent.findFirst({ where: { requestId }, orderBy: { seq: "desc" }, select: { seq: true } });
  let seq = last?.seq ?? 0;
  await tx.ticketEvent.createMany({
    data: events.map((e) => ({ requestId, seq: ++seq, kind: e.kind, payload: e as object })) as never,
  });
  await jobs.enqueue(DELIVER_TICKETS_JOB, { tenantId, requestId }, { tx: tx as never, tenantId, idempotencyKey: `tickets:${requestId}:${seq}` });
}
