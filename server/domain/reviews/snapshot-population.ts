import { directoryPrefix } from "../../connectors/directory-kinds.ts";
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
  /** The directory's prefix (okta, entra, google, scim); absent in snapshots taken before there were several. */
  source?: string;
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
  /** Accounts from a manual app's uploaded account list (absent in snapshots taken before imports existed). */
  importedItems?: number;
  groups: GroupSnapshot[];
}

type ScopedGroup = { id: string; name: string; externalId: string; connection: Parameters<typeof directoryFor>[1] & { id: string } };

export async function loadScopedGroups(tdb: TenantDb, p: PopulationParams): Promise<ScopedGroup[]> {
  const ids = (await tdb.$queryRaw<{ id: string }[]>(scopedGroupsSql(p))).map((r) => r.id);
  return tdb.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, externalId: true, connection: true }, orderBy: { name: "asc" } });
}

export type IdpComparison =
  | { idpMembers: number; gatehouseMembers: number; missingFromGatehouse: number; notInIdp: number }
  | { error: string; gatehouseMembers: number };

/**
 * Lists every scoped group's members in the IdP, a few groups at a time, and compares each listing with
 * the members Gatehouse holds: the counts auditors check completeness against. Only counts are kept, so
 * memory holds a few groups' member ids at a time, however large the population.
 */
export async function compareWithIdp(services: Services, tdb: TenantDb, groups: ScopedGroup[], connector?: DirectoryConnector) {
  const connectors = new Map<string, DirectoryConnector>();
  const result = new Map<string, IdpComparison>();
  await mapConcurrent(groups, 4, async (g) => {
    const c = connector ?? connectors.get(g.connection.id) ?? directoryFor(services.connectors, g.connection);
    connectors.set(g.connection.id, c);
    const ours = new Set((await tdb.$queryRaw<{ externalId: string }[]>`
      SELECT p."externalId" FROM "Membership" m JOIN "Person" p ON p.id = m."personId" WHERE m."groupId" = ${g.id}`).map((r) => r.externalId));
    try {
      const theirs = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<DirectoryConnector["listGroupMembers"]>> = await c.listGroupMembers(g.externalId, cursor);
        for (const id of page.items) theirs.add(id);
        cursor = page.next;
      } while (cursor);
      let missing = 0;
      for (const id of theirs) if (!ours.has(id)) missing++;
      let extra = 0;
      for (const id of ours) if (!theirs.has(id)) extra++;
      result.set(g.id, { idpMembers: theirs.size, gatehouseMembers: ours.size, missingFromGatehouse: missing, notInIdp: extra });
    } catch (e) {
      result.set(g.id, { error: (e as Error).message, gatehouseMembers: ours.size });
    }
  });
  return result;
}

/** Compares what the items cover with Gatehouse's memberships and with the IdP's own listing. */
export async function buildSnapshot(
  tx: TenantTx, p: PopulationParams, groups: ScopedGroup[], compared: Map<string, IdpComparison>, checkedAt: Date,
): Promise<PopulationSnapshot> {
  const ids = groups.map((g) => g.id);
  const dept = p.scope.departments.length ? Prisma.sql`p.department = ANY(${p.scope.departments}::text[])` : Prisma.sql`TRUE`;
  // Who each item covers, per group (hash-joined, not probed per membership: launches of 100,000 grants).
  const counts = await tx.$queryRaw<{ groupId: string; inScope: number; reviewed: number }[]>`
    WITH covered AS (
      SELECT ri."personId", ri."groupId" FROM "ReviewItem" ri WHERE ri."campaignId" = ${p.campaignId} AND ri."groupId" IS NOT NULL
      UNION
      SELECT ri."personId", rg."groupId" FROM "ReviewItem" ri JOIN "RoleGroup" rg ON rg."roleId" = ri."roleId"
      WHERE ri."campaignId" = ${p.campaignId} AND ri."grantId" IS NOT NULL
    )
    SELECT m."groupId", count(*) FILTER (WHERE ${dept})::int AS "inScope", count(c."personId") FILTER (WHERE ${dept})::int AS reviewed
    FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
    LEFT JOIN covered c ON c."personId" = m."personId" AND c."groupId" = m."groupId"
    WHERE m."tenantId" = ${p.tenantId} AND m."groupId" = ANY(${ids}::text[])
    GROUP BY m."groupId"`;
  const byGroup = new Map(counts.map((c) => [c.groupId, c]));
  const snapshots = groups.map((g): GroupSnapshot => {
    const idp = compared.get(g.id);
    const c = byGroup.get(g.id);
    const base = { groupId: g.id, name: g.name, externalId: g.externalId, source: directoryPrefix(g.connection.kind), gatehouseMembers: idp?.gatehouseMembers ?? 0, inScope: c?.inScope ?? 0, reviewed: c?.reviewed ?? 0 };
    if (!idp || "error" in idp) return { ...base, idpMembers: null, idpError: idp && "error" in idp ? idp.error : "not read", missingFromGatehouse: null, notInIdp: null };
    return { ...base, idpMembers: idp.idpMembers, missingFromGatehouse: idp.missingFromGatehouse, notInIdp: idp.notInIdp };
  });
  const kinds = await tx.reviewItem.groupBy({ by: ["howGranted"], where: { campaignId: p.campaignId }, _count: true });
  const unexplained = kinds.find((k) => k.howGranted === "unexplained")?._count ?? 0;
  // Accounts imported from a manual app's account list while the campaign was a draft.
  const imported = kinds.filter((k) => k.howGranted === "account_list" || k.howGranted === "orphan_account").reduce((n, k) => n + k._count, 0);
  const items = kinds.reduce((n, k) => n + k._count, 0);
  return {
    checkedAt: checkedAt.toISOString(),
    complete: snapshots.every((s) => s.missingFromGatehouse === 0 && s.notInIdp === 0 && s.inScope === s.reviewed),
    items, grantItems: items - unexplained - imported, unexplainedItems: unexplained, importedItems: imported, groups: snapshots,
  };
}
