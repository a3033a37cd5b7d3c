import type { TenantDb } from "../../db/tenant-db.ts";

type TaskRow = Awaited<ReturnType<TenantDb["accessTask"]["findMany"]>>[number];

/** Open tasks assigned to this person, oldest first, with the app and the person concerned. */
export async function listMyTasks(tdb: TenantDb, personId: string | null) {
  if (!personId) return [];
  const tasks = await tdb.accessTask.findMany({ where: { status: "OPEN", assigneePersonIds: { has: personId } }, orderBy: { createdAt: "asc" }, take: 200 });
  return toTaskViews(tdb, tasks);
}

/** The admins' queue: every open task of the tenant, the most overdue first, with who it is assigned to. */
export async function listOpenTasks(tdb: TenantDb) {
  const tasks = await tdb.accessTask.findMany({ where: { status: "OPEN" }, orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }], take: 200 });
  return toTaskViews(tdb, tasks);
}

async function toTaskViews(tdb: TenantDb, tasks: TaskRow[]) {
  const [apps, people, grants] = await Promise.all([
    tdb.app.findMany({ where: { id: { in: tasks.map((t) => t.appId) } }, select: { id: true, name: true } }),
    tdb.person.findMany({ where: { id: { in: [...new Set(tasks.flatMap((t) => [t.personId, ...t.assigneePersonIds]))] } }, select: { id: true, displayName: true, email: true } }),
    tdb.grant.findMany({ where: { id: { in: tasks.map((t) => t.grantId).filter((g): g is string => !!g) } }, select: { id: true, requestId: true } }),
  ]);
  return tasks.map((t) => ({
    id: t.id, kind: t.kind, title: t.title, detail: t.detail, dueAt: t.dueAt, createdAt: t.createdAt, reviewItemId: t.reviewItemId, escalatedAt: t.escalatedAt,
    requestId: grants.find((g) => g.id === t.grantId)?.requestId ?? null,
    app: apps.find((a) => a.id === t.appId)?.name ?? "Unknown app", person: people.find((p) => p.id === t.personId) ?? null,
    assignees: t.assigneePersonIds.map((id) => people.find((p) => p.id === id)?.displayName ?? "Someone"),
    assigneePersonIds: t.assigneePersonIds,
  }));
}
