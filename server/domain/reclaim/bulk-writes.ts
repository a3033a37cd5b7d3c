// Bulk inserts for the scan, which may open thousands of cases at once. Prisma's createMany binds every value
// as its own parameter, which costs about half a millisecond a row on PGlite; one JSON parameter unpacked by
// jsonb_to_recordset costs a few microseconds. Same rows, same transaction, same audit chain.
import { randomUUID } from "node:crypto";
import type { TenantTx } from "../../db/tenant-db.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { SLACK_NOTIFY_JOB } from "../notifications/jobs.ts";
import type { NotificationInput } from "../notifications/notify-people.ts";

export interface NewCase {
  grantId: string; personId: string; appId: string; roleId: string; status: "NOTIFIED" | "FLAGGED";
  lastUsedAt: Date | null; lastUseSource: string; notifiedAt: Date | null; graceEndsAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function insertCases(tx: TenantTx, tenantId: string, cases: NewCase[], now: Date) {
  const rows = cases.map((c) => ({ ...c, id: randomUUID(), lastUsedAt: iso(c.lastUsedAt), notifiedAt: iso(c.notifiedAt), graceEndsAt: iso(c.graceEndsAt) }));
  await tx.$executeRaw`
    INSERT INTO "ReclaimCase" (id, "tenantId", "grantId", "personId", "appId", "roleId", status, "lastUsedAt", "lastUseSource", "notifiedAt", "graceEndsAt", "createdAt", "updatedAt")
    SELECT x.id, ${tenantId}, x."grantId", x."personId", x."appId", x."roleId", x.status, x."lastUsedAt"::timestamp(3), x."lastUseSource",
           x."notifiedAt"::timestamp(3), x."graceEndsAt"::timestamp(3), ${iso(now)}::timestamp(3), ${iso(now)}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "grantId" text, "personId" text, "appId" text, "roleId" text, status text,
         "lastUsedAt" text, "lastUseSource" text, "notifiedAt" text, "graceEndsAt" text)`;
  return rows.map((r) => ({ id: r.id, grantId: r.grantId }));
}

/** What notifyPeople does (the in-app notice, and a Slack DM job when Slack is connected), in one statement. */
export async function insertNotices(tx: TenantTx, jobs: JobQueue, tenantId: string, notes: NotificationInput[], now: Date) {
  if (!notes.length) return;
  const rows = notes.map((n) => ({ id: randomUUID(), personId: n.personId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, grantId: n.grantId ?? null }));
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "tenantId", "personId", kind, title, body, link, "grantId", "createdAt")
    SELECT x.id, ${tenantId}, x."personId", x.kind, x.title, x.body, x.link, x."grantId", ${iso(now)}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "personId" text, kind text, title text, body text, link text, "grantId" text)`;
  const slack = await tx.connection.findFirst({ where: { kind: "SLACK", enabled: true }, select: { id: true } });
  if (slack) {
    for (const row of rows) await jobs.enqueue(SLACK_NOTIFY_JOB, { tenantId, notificationId: row.id }, { tx, tenantId, idempotencyKey: `slack-notify:${row.id}` });
  }
}
