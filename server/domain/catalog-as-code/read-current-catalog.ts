// The tenant's catalog as it is now, in the file's terms (catalog-model.ts), with the ids behind each name.
import { parseRules } from "../bundles/bundle-rules.ts";
import type { TenantTx } from "../../db/tenant-db.ts";
import type { Catalog, CatalogApp, CatalogBundle } from "./catalog-model.ts";

export interface CurrentCatalog {
  catalog: Catalog;
  appId: Map<string, string>;
  /** By `roleKey(app, role)`. */
  roleId: Map<string, string>;
  bundleId: Map<string, string>;
}

export const roleKey = (app: string, role: string) => `${app}\u0000${role}`;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const lower = (email: string) => email.trim().toLowerCase();

export async function readCurrentCatalog(tdb: TenantTx): Promise<CurrentCatalog> {
  const [apps, bundles, rules] = await Promise.all([
    tdb.app.findMany({
      include: {
        owners: { include: { person: { select: { email: true } } } },
        roles: { include: { groups: { select: { groupId: true } }, steps: { orderBy: { position: "asc" }, include: { approver: { select: { email: true } } } } } },
      },
    }),
    tdb.bundle.findMany(),
    tdb.reclaimRule.findMany(),
  ]);
  const exemptIds = [...new Set(rules.flatMap((r) => r.exemptPersonIds))];
  const exemptPeople = exemptIds.length ? await tdb.person.findMany({ where: { id: { in: exemptIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(exemptPeople.map((p) => [p.id, lower(p.email)]));

  const appId = new Map<string, string>();
  const roleId = new Map<string, string>();
  const roleById = new Map<string, { app: string; role: string }>();
  const catalogApps: CatalogApp[] = apps.map((a) => {
    appId.set(a.name, a.id);
    for (const r of a.roles) {
      roleId.set(roleKey(a.name, r.name), r.id);
      roleById.set(r.id, { app: a.name, role: r.name });
    }
    const rule = rules.find((x) => x.appId === a.id);
    return {
      name: a.name, description: a.description, riskLevel: a.riskLevel, provisioningMode: a.provisioningMode,
      logoUrl: a.logoUrl, externalAppId: a.externalAppId,
      owners: [...new Set(a.owners.map((o) => lower(o.person.email)))].sort(),
      roles: a.roles
        .map((r) => ({
          name: r.name, description: r.description, privileged: r.privileged, durationRequired: r.durationRequired,
          allowedDurations: [...r.allowedDurations].sort((x, y) => x - y), maxDurationMinutes: r.maxDurationMinutes,
          groupIds: r.groups.map((g) => g.groupId).sort(),
          steps: r.steps.map((s) => ({ kind: s.kind, mode: s.mode, approver: s.approver ? lower(s.approver.email) : null })),
        }))
        .sort(byName),
      reclaim: rule
        ? {
            enabled: rule.enabled, inactivityDays: rule.inactivityDays, graceDays: rule.graceDays,
            exemptRoles: rule.exemptRoleIds.map((id) => roleById.get(id)?.role).filter((n): n is string => !!n).sort(),
            exemptPeople: [...new Set(rule.exemptPersonIds.map((id) => emailOf.get(id)).filter((e): e is string => !!e))].sort(),
          }
        : null,
    };
  });
  const bundleId = new Map<string, string>();
  const catalogBundles: CatalogBundle[] = bundles.map((b) => {
    bundleId.set(b.name, b.id);
    return {
      name: b.name, description: b.description, matchMode: b.matchMode === "ANY" ? "ANY" : "ALL", enabled: b.enabled,
      rules: parseRules(b.rules).map((r) => ({ field: r.field, op: r.op, value: r.value })),
      // A role deleted from the catalog since simply drops out, as on the Bundles page.
      roles: b.roleIds.map((id) => roleById.get(id)).filter((r): r is { app: string; role: string } => !!r),
    };
  });
  return { catalog: { apps: catalogApps.sort(byName), bundles: catalogBundles.sort(byName) }, appId, roleId, bundleId };
}
