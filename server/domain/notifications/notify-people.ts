import type { TenantTx } from "../../db/tenant-db.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { SLACK_NOTIFY_JOB } from "./jobs.ts";

export interface NotificationInput {
  personId: string;
  kind: "grant.expiring" | "grant.ended" | "request.decided" | "approval.pending" | "request.provisioned" | "review.assigned" | "review.reminder" | "review.escalated" | "task.assigned" | "task.escalated" | "access.confirm" | "reclaim.notified" | "reclaim.reclaimed";
  title: string;
  body: string;
  link?: string | null;
  grantId?: string | null;
  requestId?: string | null;
}

/**
 * Tells people something in the app, and by Slack DM when the tenant has Slack connected. Runs in the
 * caller's transaction, so a notice exists exactly when the change it describes does.
 */
export async function notifyPeople(tx: TenantTx, jobs: JobQueue, tenantId: string, notes: NotificationInput[], now: Date) {
  if (notes.length === 0) return [];
  const rows = await tx.notification.createManyAndReturn({
    data: notes.map((n) => ({
      tenantId, personId: n.personId, kind: n.kind, title: n.title, body: n.body,
      link: n.link ?? null, grantId: n.grantId ?? null, requestId: n.requestId ?? null, createdAt: now,
    })) as never,
    select: { id: true },
  });
  const slack = await tx.connection.findFirst({ where: { kind: "SLACK", enabled: true }, select: { id: true } });
  if (slack) {
    for (const row of rows) {
      await jobs.enqueue(SLACK_NOTIFY_JOB, { tenantId, notificationId: row.id }, { tx, tenantId, idempotencyKey: `slack-notify:${row.id}` });
    }
  }
  return rows;
}
