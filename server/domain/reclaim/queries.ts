import type { TenantDb } from "../../db/tenant-db.ts";
import { DIRECTORY_NAMES, isDirectoryKind } from "../../connectors/directory-kinds.ts";
import { RECLAIM_DEFAULTS, type CaseStatus } from "./schemas.ts";

// Read models of the Reclaim page and the holder's inbox (DTOs: plain fields, no Prisma types).

export async function listReclaimRules(tdb: TenantDb) {
  const [apps, rules] = await Promise.all([
    tdb.app.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, externalAppId: true, roles: { select: { id: true, name: true }, orderBy: { name: "asc" } } } }),
    tdb.reclaimRule.findMany(),
  ]);
  const byApp = new Map(rules.map((r) => [r.appId, r]));
  const people = await tdb.person.findMany({ where: { id: { in: [...new Set(rules.flatMap((r) => r.exemptPersonIds))] } }, select: { id: true, displayName: true, email: true } });
  return apps.map((a) => {
    const r = byApp.get(a.id);
    return {
      appId: a.id, appName: a.name, externalAppId: a.externalAppId, roles: a.roles,
      rule: r ? {
        enabled: r.enabled, inactivityDays: r.inactivityDays, graceDays: r.graceDays,
        exemptRoleIds: r.exemptRoleIds, exemptPeople: people.filter((p) => r.exemptPersonIds.includes(p.id)),
        usageReadUntil: r.usageReadUntil, updatedBy: r.updatedBy, updatedAt: r.updatedAt,
      } : null,
      defaults: RECLAIM_DEFAULTS,
    };
  });
}

export async function listReclaimCases(tdb: TenantDb, input: { status: CaseStatus; limit: number }) {
  const cases = await tdb.reclaimCase.findMany({
    where: { status: input.status },
    orderBy: input.status === "NOTIFIED" ? { graceEndsAt: "asc" } : { updatedAt: "desc" },
    take: input.limit,
  });
  const ids = (f: (c: (typeof cases)[number]) => string | null) => [...new Set(cases.map(f).filter((x): x is string => !!x))];
  const [people, apps, roles] = await Promise.all([
    tdb.person.findMany({ where: { id: { in: [...ids((c) => c.personId), ...ids((c) => c.keptById)] } }, select: { id: true, displayName: true, email: true, connection: { select: { kind: true } } } }),
    tdb.app.findMany({ where: { id: { in: ids((c) => c.appId) } }, select: { id: true, name: true, externalAppId: true } }),
    tdb.role.findMany({ where: { id: { in: ids((c) => c.roleId) } }, select: { id: true, name: true } }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  return cases.map((c) => {
    const app = apps.find((a) => a.id === c.appId);
    return {
      id: c.id, grantId: c.grantId, status: c.status,
      personName: person.get(c.personId)?.displayName ?? "Unknown person", personEmail: person.get(c.personId)?.email ?? "",
      appName: app?.name ?? "Deleted app", roleName: roles.find((r) => r.id === c.roleId)?.name ?? "Deleted role",
      lastUsedAt: c.lastUsedAt, lastUseSource: c.lastUseSource, notifiedAt: c.notifiedAt, graceEndsAt: c.graceEndsAt,
      keptAt: c.keptAt, keptReason: c.keptReason, keptBy: c.keptById ? person.get(c.keptById)?.displayName ?? c.keptById : null,
      reclaimedAt: c.reclaimedAt, ticketKey: c.ticketKey, createdAt: c.createdAt,
      flaggedWhy: c.status === "FLAGGED" ? flaggedWhy(person.get(c.personId)?.connection.kind, !!app?.externalAppId) : null,
    };
  });
}

export async function reclaimCaseCounts(tdb: TenantDb) {
  const rows = await tdb.reclaimCase.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<CaseStatus, number> = { NOTIFIED: 0, KEPT: 0, RECLAIMED: 0, FLAGGED: 0, CLEARED: 0 };
  for (const r of rows) counts[r.status as CaseStatus] = r._count._all;
  return counts;
}

/** Licences recovered: reclaimed grants per app, this calendar month (UTC) and all time. */
export async function recoveredPerApp(tdb: TenantDb, now: Date) {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [all, month] = await Promise.all([
    tdb.reclaimCase.groupBy({ by: ["appId"], where: { status: "RECLAIMED" }, _count: { _all: true } }),
    tdb.reclaimCase.groupBy({ by: ["appId"], where: { status: "RECLAIMED", reclaimedAt: { gte: monthStart } }, _count: { _all: true } }),
  ]);
  const apps = await tdb.app.findMany({ where: { id: { in: all.map((r) => r.appId) } }, select: { id: true, name: true } });
  return all
    .map((r) => ({
      appId: r.appId, appName: apps.find((a) => a.id === r.appId)?.name ?? "Deleted app",
      allTime: r._count._all, thisMonth: month.find((m) => m.appId === r.appId)?._count._all ?? 0,
    }))
    .sort((a, b) => b.allTime - a.allTime || a.appName.localeCompare(b.appName));
}

/** The holder's open notices, for their inbox. */
export async function myReclaimNotices(tdb: TenantDb, personId: string | null) {
  if (!personId) return [];
  const cases = await tdb.reclaimCase.findMany({ where: { personId, status: "NOTIFIED" }, orderBy: { graceEndsAt: "asc" } });
  const [apps, roles] = await Promise.all([
    tdb.app.findMany({ where: { id: { in: cases.map((c) => c.appId) } }, select: { id: true, name: true } }),
    tdb.role.findMany({ where: { id: { in: cases.map((c) => c.roleId) } }, select: { id: true, name: true } }),
  ]);
  return cases.map((c) => ({
    id: c.id, grantId: c.grantId, appName: apps.find((a) => a.id === c.appId)?.name ?? "App", roleName: roles.find((r) => r.id === c.roleId)?.name ?? "Role",
    lastUsedAt: c.lastUsedAt, lastUseSource: c.lastUseSource, notifiedAt: c.notifiedAt, graceEndsAt: c.graceEndsAt,
  }));
}

/** The open case of a grant (a Slack "Keep it" button carries the grant id). */
export async function openCaseOfGrant(tdb: TenantDb, grantId: string) {
  return tdb.reclaimCase.findFirst({ where: { grantId, status: "NOTIFIED" }, select: { id: true, personId: true } });
}

/** Why a case has no usage data, in the words of the person's directory (only Okta has per-app sign-ins). */
function flaggedWhy(kind: string | undefined, hasAppId: boolean) {
  if (kind === "SCIM") return "No usage data: SCIM 2.0 reports no sign-ins, so last use is unknown";
  if (kind !== "OKTA") return `No usage data: the person has never signed in to ${kind && isDirectoryKind(kind) ? DIRECTORY_NAMES[kind] : "their directory"}`;
  return `No usage data: ${hasAppId ? "no sign-in found" : "the app has no Okta app id set"} and the person has never signed in to Okta`;
}
