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
  await recordTicketEventsMany(tx, jobs, tenantId, [{ requestId, events }]);
}

/** The same for many requests at once (bulk work such as expiring many grants): one read, one insert. */
export async function recordTicketEventsMany(tx: TenantTx, jobs: JobQueue, tenantId: string, entries: { requestId: string; events: TicketEventPayload[] }[]) {
  const work = entries.filter((e) => e.events.length);
  if (!work.length) return;
  const hasJira = await tx.connection.count({ where: { kind: "JIRA", enabled: true } });
  if (!hasJira) return;
  const lasts = await tx.ticketEvent.groupBy({ by: ["requestId"], where: { requestId: { in: work.map((e) => e.requestId) } }, _max: { seq: true } });
  const lastSeq = new Map(lasts.map((l) => [l.requestId, l._max.seq ?? 0]));
  const rows = [];
  const jobsToQueue: { requestId: string; seq: number }[] = [];
  for (const { requestId, events } of work) {
    let seq = lastSeq.get(requestId) ?? 0;
    for (const e of events) rows.push({ requestId, seq: ++seq, kind: e.kind, payload: e as object });
    lastSeq.set(requestId, seq);
    jobsToQueue.push({ requestId, seq });
  }
  await tx.ticketEvent.createMany({ data: rows as never });
  for (const { requestId, seq } of jobsToQueue) {
    await jobs.enqueue(DELIVER_TICKETS_JOB, { tenantId, requestId }, { tx: tx as never, tenantId, idempotencyKey: `tickets:${requestId}:${seq}` });
  }
}
