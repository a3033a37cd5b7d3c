import type { TenantTx } from "../../db/tenant-db.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { notifyPeople } from "../notifications/notify-people.ts";

export interface AccessTaskInput {
  kind: "grant" | "remove";
  appId: string;
  personId: string;
  grantId?: string | null;
  reviewItemId?: string | null;
  assigneePersonIds: string[];
  title: string;
  detail: string;
  dueAt?: Date | null;
}

/**
 * Work someone must do by hand in an app Gatehouse cannot change, in the caller's transaction; each
 * assignee is told in the app (and by Slack DM when connected).
 */
export async function openAccessTasks(tx: TenantTx, jobs: JobQueue, tenantId: string, tasks: AccessTaskInput[], now: Date) {
  if (!tasks.length) return [];
  const rows = await tx.accessTask.createManyAndReturn({
    data: tasks.map((t) => ({
      kind: t.kind, appId: t.appId, personId: t.personId, grantId: t.grantId ?? null, reviewItemId: t.reviewItemId ?? null,
      assigneePersonIds: t.assigneePersonIds, title: t.title, detail: t.detail, dueAt: t.dueAt ?? null, createdAt: now,
    })) as never,
  });
  await notifyPeople(tx, jobs, tenantId, rows.flatMap((t) => t.assigneePersonIds.map((personId) => ({
    personId, kind: "task.assigned" as const, title: t.title, body: t.detail, link: "/inbox",
  }))), now);
  return rows;
}
