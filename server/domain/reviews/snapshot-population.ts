import { Prisma } from "../../db/generated/client.ts";
import type { TenantDb, TenantTx } from "../../db/tenant-db.ts";
import { directoryFor } from "../../connectors/factory.ts";
import type { DirectoryConnector } from "../../connectors/types.ts";
import { mapConcurrent } from "../../lib/map-concurrent.ts";
import type { Services } from "../services.ts";
import { scopedGroupsSql, type PopulationParams } from "./population-sql.ts";

export interface GroupSnapshot {
  groupId: string;
  name: string;
  externalId: string;
  /** Members the IdP lists right now (null when it could not be read). */
  idpMembers: number | null;
  idpError?: string;
  /** Members Gatehouse holds from its last sync. */
  gatehouseMembers: number;
  /** In the IdP but not in Gatehouse, and the reverse: both 0 when the population is complete. */
  missingFromGatehouse: number | null;
  notInIdp: number | null;
  /** Members inside the campaign's department filter, and how many of them an item covers. */
  inScope: number;
  reviewed: number;
}

export interface PopulationSnapshot {
  checkedAt: string;
  complete: boolean;
  items: number;
  grantItems: number;
  unexplainedItems: number;
  groups: GroupSnapshot[];
}

type ScopedGroup = { id: string; name: string; externalId: string; connection: Parameters<typeof directoryFor>[1] & { id: string } };

export async function loadScopedGroups(tdb: TenantDb, p: PopulationParams): Promise<ScopedGroup[]> {
  const ids = (await tdb.$queryRaw<{ id: string }[]>(scopedGroupsSql(p))).map((r) => r.id);
  return tdb.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, externalId: true, connection: true }, orderBy: { name: "asc" } });
}

/** Lists every scoped group's members in the IdP, a few groups at a time: the count auditors compare against. */
export async function readIdpMembers(services: Services, groups: ScopedGroup[], connector?: DirectoryConnector) {
  const connectors = new Map<string, DirectoryConnector>();
  const result = new Map<string, Set<string> | { error: string }>();
  await mapConcurrent(groups, 4, async (g) => {
    const c = connector ?? connectors.get(g.connection.id) ?? directoryFor(services.connectors, g.connection);
    connectors.set(g.connection.id, c);
    try {
      const members = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<DirectoryConnector["listGroupMembers"]>> = await c.listGroupMembers(g.externalId, cursor);
        for (const id of page.items) members.add(id);
        cursor = page.next;
      } while (cursor);
      result.set(g.id, members);
    } catch (e) {
      result.set(g.id, { error: (e as Error).message });
    }
  });
  return result;
}

/** Compares what the items cover with Gatehouse's memberships and with the IdP's own listing. */
export async function buildSnapshot(
  tx: TenantTx, p: PopulationParams, groups: ScopedGroup[], idp: Map<string, Set<string> | { error: string }>, checkedAt: Date,
): Promise<PopulationSnapshot> {
  const ids = groups.map((g) => g.id);
  const dept = p.scope.departments.length ? Prisma.sql`p.department = ANY(${p.scope.departments}::text[])` : Prisma.sql`TRUE`;
  const counts = await tx.$queryRaw<{ groupId: string; inScope: number; reviewed: number }[]>`
    SELECT m."groupId", count(*) FILTER (WHERE ${dept})::int AS "inScope",
      count(*) FILTER (WHERE ${dept} AND EXISTS (
        SELECT 1 FROM "ReviewItem" ri WHERE ri."campaignId" = ${p.campaignId} AND ri."personId" = m."personId"
          AND (ri."groupId" = m."groupId" OR (ri."grantId" IS NOT NULL AND ri."roleId" IN (SELECT rg."roleId" FROM "RoleGroup" rg WHERE rg."groupId" = m."groupId")))))::int AS reviewed
    FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
    WHERE m."tenantId" = ${p.tenantId} AND m."groupId" = ANY(${ids}::text[])
    GROUP BY m."groupId"`;
  const members = await tx.$queryRaw<{ groupId: string; externalId: string }[]>`
    SELECT m."groupId", p."externalId" FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
    WHERE m."tenantId" = ${p.tenantId} AND m."groupId" = ANY(${ids}::text[])`;
  const held = new Map<string, Set<string>>();
  for (const m of members) (held.get(m.groupId) ?? held.set(m.groupId, new Set()).get(m.groupId)!).add(m.externalId);
  const byGroup = new Map(counts.map((c) => [c.groupId, c]));
  const snapshots = groups.map((g): GroupSnapshot => {
    const ours = held.get(g.id) ?? new Set<string>();
    const theirs = idp.get(g.id);
    const c = byGroup.get(g.id);
    const base = { groupId: g.id, name: g.name, externalId: g.externalId, gatehouseMembers: ours.size, inScope: c?.inScope ?? 0, reviewed: c?.reviewed ?? 0 };
    if (!theirs || !(theirs instanceof Set)) return { ...base, idpMembers: null, idpError: theirs?.error ?? "not read", missingFromGatehouse: null, notInIdp: null };
    let missing = 0;
    for (const id of theirs) if (!ours.has(id)) missing++;
    let extra = 0;
    for (const id of ours) if (!theirs.has(id)) extra++;
    return { ...base, idpMembers: theirs.size, missingFromGatehouse: missing, notInIdp: extra };
  });
  const kinds = await tx.reviewItem.groupBy({ by: ["howGranted"], where: { campaignId: p.campaignId }, _count: true });
  const unexplained = kinds.find((k) => k.howGranted === "unexplained")?._count ?? 0;
  const items = kinds.reduce((n, k) => n + k._count, 0);
  return {
    checkedAt: checkedAt.toISOString(),
    complete: snapshots.every((s) => s.missingFromGatehouse === 0 && s.notInIdp === 0 && s.inScope === s.reviewed),
    items, grantItems: items - unexplained, unexplainedItems: unexplained, groups: snapshots,
  };
}
