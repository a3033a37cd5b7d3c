import type { TenantScope } from "../services.ts";

const LIST_LIMIT = 30;

/** The caller's own notices, newest first, and how many they have not read. */
export async function listNotifications(scope: TenantScope, personId: string | null) {
  if (!personId) return { notifications: [], unread: 0 };
  const [rows, unread] = await Promise.all([
    scope.tdb.notification.findMany({
      where: { personId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LIMIT,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
    scope.tdb.notification.count({ where: { personId, readAt: null } }),
  ]);
  return { notifications: rows, unread };
}
