import type { TenantDb } from "../../db/tenant-db.ts";
import { notFound } from "../errors.ts";
import { parseRules, summarizeRules, type BundleRule } from "./bundle-rules.ts";

const LIVE = ["PENDING", "ACTIVE", "FAILED"] as const;

export interface BundleRoleDto { id: string; name: string; appName: string }
export interface BundleDto {
  id: string;
  name: string;
  description: string;
  matchMode: "ALL" | "ANY";
  rules: BundleRule[];
  rulesSummary: string;
  roles: BundleRoleDto[];
  enabled: boolean;
  /** People holding at least one live grant from this bundle. */
  members: number;
  liveGrants: number;
  createdBy: string;
  updatedAt: string;
}

async function toDtos(tdb: TenantDb, bundles: Awaited<ReturnType<TenantDb["bundle"]["findMany"]>>): Promise<BundleDto[]> {
  const ids = bundles.map((b) => b.id);
  const [roles, grants] = await Promise.all([
    tdb.role.findMany({ where: { id: { in: [...new Set(bundles.flatMap((b) => b.roleIds))] } }, select: { id: true, name: true, app: { select: { name: true } } } }),
    tdb.grant.groupBy({ by: ["bundleId", "personId"], where: { bundleId: { in: ids }, source: "bundle", status: { in: [...LIVE] } }, _count: { _all: true } }),
  ]);
  const roleById = new Map(roles.map((r) => [r.id, { id: r.id, name: r.name, appName: r.app.name }]));
  return bundles.map((b) => {
    const rules = parseRules(b.rules);
    const mine = grants.filter((g) => g.bundleId === b.id);
    return {
      id: b.id, name: b.name, description: b.description, matchMode: b.matchMode === "ANY" ? "ANY" : "ALL",
      rules, rulesSummary: summarizeRules({ matchMode: b.matchMode, rules }),
      // A role deleted from the catalog since simply drops out of the list.
      roles: b.roleIds.map((id) => roleById.get(id)).filter((r): r is BundleRoleDto => !!r),
      enabled: b.enabled, members: mine.length, liveGrants: mine.reduce((n, g) => n + g._count._all, 0),
      createdBy: b.createdBy, updatedAt: b.updatedAt.toISOString(),
    };
  });
}

export async function listBundles(tdb: TenantDb): Promise<BundleDto[]> {
  return toDtos(tdb, await tdb.bundle.findMany({ orderBy: { name: "asc" } }));
}

export async function getBundle(tdb: TenantDb, bundleId: string): Promise<BundleDto> {
  const bundle = await tdb.bundle.findUnique({ where: { id: bundleId } });
  if (!bundle) throw notFound("Bundle");
  return (await toDtos(tdb, [bundle]))[0]!;
}
