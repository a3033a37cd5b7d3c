import { directoryPrefix } from "../../connectors/directory-kinds.ts";
import { z } from "zod";
import type { TenantDb } from "../../db/tenant-db.ts";
import { notFound } from "../errors.ts";
import { campaignProgress } from "./campaign-progress.ts";
import { IMPORT_ACTION } from "./import-review-accounts.ts";
import type { PopulationSnapshot } from "./snapshot-population.ts";

/** Campaigns an admin or auditor sees (all), or a reviewer sees (those with items assigned to them). */
export async function listCampaigns(tdb: TenantDb, viewer: { all: boolean; personId: string | null }) {
  const campaigns = await tdb.reviewCampaign.findMany({
    where: viewer.all ? {} : { items: { some: { reviewerPersonId: viewer.personId ?? "-" } } },
    orderBy: [{ createdAt: "desc" }],
  });
  return Promise.all(campaigns.map(async (c) => {
    const progress = await campaignProgress(tdb, c.id);
    const mine = viewer.personId ? await tdb.reviewItem.count({ where: { campaignId: c.id, reviewerPersonId: viewer.personId, decision: null } }) : 0;
    return {
      id: c.id, name: c.name, status: c.status, dueAt: c.dueAt, launchedAt: c.launchedAt, closedAt: c.closedAt, reviewerMode: c.reviewerMode,
      progress, myPending: mine,
    };
  }));
}

/**
 * The manual apps a campaign covers (their accounts cannot be read, only imported from a list), with the
 * last import of each and whether this viewer may import: an admin, or an owner of the app.
 */
async function manualAppsOf(tdb: TenantDb, c: { id: string; status: string; scope: unknown }, viewer: { personId: string | null; admin: boolean }) {
  const scope = c.scope as { appIds?: string[]; roleIds?: string[]; groupIds?: string[] };
  const everything = !scope.appIds?.length && !scope.roleIds?.length && !scope.groupIds?.length;
  const apps = await tdb.app.findMany({
    where: { provisioningMode: "MANUAL", ...(everything ? {} : { OR: [{ id: { in: scope.appIds ?? [] } }, { roles: { some: { id: { in: scope.roleIds ?? [] } } } }] }) },
    select: { id: true, name: true, owners: { select: { personId: true } } }, orderBy: { name: "asc" },
  });
  if (!apps.length) return [];
  const events = await tdb.auditEvent.findMany({
    where: { action: IMPORT_ACTION, subjectType: "campaign", subjectId: c.id }, orderBy: { seq: "desc" }, take: 200,
    select: { at: true, actorLabel: true, data: true },
  });
  return apps.map((a) => {
    const last = events.find((e) => (e.data as { appId?: string }).appId === a.id);
    const data = last?.data as { fileName?: string | null; counts?: Record<string, number> } | undefined;
    return {
      id: a.id, name: a.name,
      canImport: c.status !== "CLOSED" && (viewer.admin || (!!viewer.personId && a.owners.some((o) => o.personId === viewer.personId))),
      lastImport: last ? { at: last.at, by: last.actorLabel, fileName: data?.fileName ?? null, counts: data?.counts ?? {} } : null,
    };
  });
}

export async function getCampaign(tdb: TenantDb, campaignId: string, now: Date, viewer: { personId: string | null; admin: boolean } = { personId: null, admin: false }) {
  const c = await tdb.reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!c) throw notFound("Campaign");
  const progress = await campaignProgress(tdb, c.id);
  const byReviewer = await tdb.reviewItem.groupBy({ by: ["reviewerPersonId", "decision"], where: { campaignId: c.id }, _count: true });
  const people = await tdb.person.findMany({
    where: { id: { in: [...new Set([...byReviewer.map((r) => r.reviewerPersonId), c.fallbackReviewerId, ...c.reviewerPersonIds])] } },
    select: { id: true, displayName: true, email: true },
  });
  const name = (id: string) => people.find((p) => p.id === id)?.displayName ?? "Unknown person";
  const reviewers = [...new Set(byReviewer.map((r) => r.reviewerPersonId))].map((id) => {
    const rows = byReviewer.filter((r) => r.reviewerPersonId === id);
    const pending = rows.filter((r) => r.decision === null).reduce((n, r) => n + r._count, 0);
    const total = rows.reduce((n, r) => n + r._count, 0);
    return { personId: id, name: name(id), total, decided: total - pending, pending, overdue: c.status === "ACTIVE" && now > c.dueAt ? pending : 0 };
  }).sort((a, b) => b.pending - a.pending || a.name.localeCompare(b.name));
  const scope = c.scope as { appIds: string[]; roleIds: string[]; groupIds: string[]; departments: string[] };
  const [apps, roles, groups] = await Promise.all([
    tdb.app.findMany({ where: { id: { in: scope.appIds ?? [] } }, select: { name: true } }),
    tdb.role.findMany({ where: { id: { in: scope.roleIds ?? [] } }, select: { name: true, app: { select: { name: true } } } }),
    tdb.group.findMany({ where: { id: { in: scope.groupIds ?? [] } }, select: { name: true } }),
  ]);
  return {
    id: c.id, name: c.name, description: c.description, status: c.status, dueAt: c.dueAt, launchedAt: c.launchedAt, launchedBy: c.launchedBy,
    closedAt: c.closedAt, closedBy: c.closedBy, createdBy: c.createdBy, createdAt: c.createdAt, escalatedAt: c.escalatedAt,
    reviewerMode: c.reviewerMode, reviewers: c.reviewerPersonIds.map((id) => ({ id, name: name(id) })),
    fallbackReviewer: { id: c.fallbackReviewerId, name: name(c.fallbackReviewerId) },
    reminderHours: c.reminderHours, remindersSent: c.remindersSent, inactivityDays: c.inactivityDays,
    scope: {
      everything: !apps.length && !roles.length && !groups.length,
      apps: apps.map((a) => a.name), roles: roles.map((r) => `${r.app.name} · ${r.name}`), groups: groups.map((g) => g.name), departments: scope.departments ?? [],
    },
    snapshot: c.snapshot as PopulationSnapshot | null, summary: c.summary as Record<string, unknown> | null,
    vantaPushedAt: c.vantaPushedAt, vantaResult: c.vantaResult as Record<string, unknown> | null,
    progress, reviewerProgress: reviewers,
    manualApps: await manualAppsOf(tdb, c, viewer),
  };
}

export const listItemsInput = z.object({
  campaignId: z.string().min(1).max(64),
  mine: z.boolean().default(false),
  status: z.enum(["all", "pending", "kept", "revoked"]).default("all"),
  recommendation: z.enum(["all", "KEEP", "REVOKE"]).default("all"),
  search: z.string().trim().max(200, "Search is at most 200 characters").default(""),
  cursor: z.string().max(160).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** One page of items with what a reviewer needs to decide: the person, the access, how it was granted. */
export async function listReviewItems(tdb: TenantDb, input: z.input<typeof listItemsInput>, viewerPersonId: string | null) {
  const q = listItemsInput.parse(input);
  const where = {
    campaignId: q.campaignId,
    ...(q.mine ? { reviewerPersonId: viewerPersonId ?? "-" } : {}),
    ...(q.status === "pending" ? { decision: null } : q.status === "kept" ? { decision: "KEEP" as const } : q.status === "revoked" ? { decision: "REVOKE" as const } : {}),
    ...(q.recommendation !== "all" ? { recommendation: q.recommendation } : {}),
    ...(q.search ? { OR: [
      { personName: { contains: q.search, mode: "insensitive" as const } }, { personEmail: { contains: q.search, mode: "insensitive" as const } },
      { accessLabel: { contains: q.search, mode: "insensitive" as const } }, { personDepartment: { contains: q.search, mode: "insensitive" as const } },
    ] } : {}),
  };
  const [total, rows, breakdown] = await Promise.all([
    tdb.reviewItem.count({ where }),
    // By person, then access, so a reviewer reads their list in a stable, sensible order; id breaks ties for the cursor.
    tdb.reviewItem.findMany({
      where, orderBy: [{ personName: "asc" }, { accessLabel: "asc" }, { id: "asc" }], take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    }),
    // The filter chips' counts: the same items before the status, recommendation and search filters.
    tdb.reviewItem.groupBy({
      by: ["decision", "recommendation"], _count: true,
      where: { campaignId: q.campaignId, ...(q.mine ? { reviewerPersonId: viewerPersonId ?? "-" } : {}) },
    }),
  ]);
  const sum = (f: (r: (typeof breakdown)[number]) => boolean) => breakdown.filter(f).reduce((n, r) => n + r._count, 0);
  const counts = {
    all: sum(() => true), pending: sum((r) => r.decision === null), kept: sum((r) => r.decision === "KEEP"), revoked: sum((r) => r.decision === "REVOKE"),
    recommendedKeep: sum((r) => r.recommendation === "KEEP"), recommendedRevoke: sum((r) => r.recommendation === "REVOKE"),
  };
  const page = rows.slice(0, q.limit);
  const requestIds = page.map((i) => i.requestId).filter((x): x is string => !!x);
  const [decisions, people, sources] = await Promise.all([
    tdb.approvalDecision.findMany({ where: { requestId: { in: requestIds } }, include: { decider: { select: { displayName: true } } }, orderBy: { createdAt: "asc" } }),
    tdb.person.findMany({ where: { id: { in: [...new Set(page.flatMap((i) => [i.reviewerPersonId, i.reassignedFromId]).filter((x): x is string => !!x))] } }, select: { id: true, displayName: true } }),
    groupSources(tdb, page),
  ]);
  const name = (id: string | null) => (id ? people.find((p) => p.id === id)?.displayName ?? "Unknown person" : null);
  return {
    total,
    counts,
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
    items: page.map((i) => ({
      ...i,
      // The directory the item's groups live in, as the pages prefix them (okta:, entra:, google:, scim:).
      groupSource: sources(i),
      reviewerName: name(i.reviewerPersonId),
      reassignedFromName: name(i.reassignedFromId),
      ownAccess: i.personId === viewerPersonId,
      canDecide: !i.decision && i.reviewerPersonId === viewerPersonId && i.personId !== viewerPersonId,
      approvals: decisions.filter((d) => d.requestId === i.requestId).map((d) => ({ name: d.decider.displayName, decision: d.decision, channel: d.channel, at: d.createdAt, comment: d.comment })),
    })),
  };
}

/** Each item's directory prefix: from its group, else from its role's groups (the same connection). */
async function groupSources(tdb: TenantDb, items: { groupId: string | null; roleId: string | null }[]) {
  const [groups, roleGroups] = await Promise.all([
    tdb.group.findMany({ where: { id: { in: items.map((i) => i.groupId).filter((x): x is string => !!x) } }, select: { id: true, connection: { select: { kind: true } } } }),
    tdb.roleGroup.findMany({ where: { roleId: { in: items.filter((i) => !i.groupId).map((i) => i.roleId).filter((x): x is string => !!x) } }, select: { roleId: true, group: { select: { connection: { select: { kind: true } } } } } }),
  ]);
  const byGroup = new Map(groups.map((g) => [g.id, g.connection.kind]));
  const byRole = new Map(roleGroups.map((r) => [r.roleId, r.group.connection.kind]));
  return (i: { groupId: string | null; roleId: string | null }) => directoryPrefix((i.groupId ? byGroup.get(i.groupId) : byRole.get(i.roleId ?? "")) ?? "");
}
