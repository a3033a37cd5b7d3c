// The tenant's catalog as a catalog file: apps (with roles and reclaim rules) and bundles, sorted by name,
// defaults left out, groups by name (by id where a name is ambiguous), people by email. Applying it
// changes nothing. No timestamp: the same catalog always exports to the same bytes (diffable in git).
import { Document, isScalar, visit } from "yaml";
import type { TenantScope } from "../services.ts";
import { roleLabel, type CatalogApp, type CatalogBundle, type CatalogRole } from "./catalog-model.ts";
import { formatDuration } from "./durations.ts";
import { readCurrentCatalog } from "./read-current-catalog.ts";
import { readDirectory, type Directory } from "./read-directory.ts";

const lower = (v: string) => v.toLowerCase();

function roleToFile(r: CatalogRole, directory: Directory) {
  const duration = r.durationRequired || r.allowedDurations.length || r.maxDurationMinutes != null
    ? {
        ...(r.durationRequired ? { required: true } : {}),
        ...(r.allowedDurations.length ? { allowed: r.allowedDurations.map(formatDuration) } : {}),
        ...(r.maxDurationMinutes != null ? { max: formatDuration(r.maxDurationMinutes) } : {}),
      }
    : undefined;
  return {
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    ...(r.privileged ? { privileged: true } : {}),
    ...(duration ? { duration } : {}),
    ...(r.groupIds.length ? { groups: r.groupIds.map((id) => directory.groupRef(id)).sort() } : {}),
    approval: r.steps.map((s) =>
      s.kind === "NAMED" ? { kind: "named", ...(s.mode === "ALL" ? { mode: "all" } : {}), approver: s.approver }
      : s.mode === "ALL" ? { kind: lower(s.kind), mode: "all" } : lower(s.kind)),
  };
}

function appToFile(a: CatalogApp, directory: Directory) {
  return {
    name: a.name,
    ...(a.description ? { description: a.description } : {}),
    riskLevel: lower(a.riskLevel),
    ...(a.provisioningMode !== "IDP_GROUPS" ? { provisioningMode: lower(a.provisioningMode) } : {}),
    ...(a.logoUrl ? { logoUrl: a.logoUrl } : {}),
    ...(a.externalAppId ? { externalAppId: a.externalAppId } : {}),
    owners: a.owners,
    roles: a.roles.map((r) => roleToFile(r, directory)),
    ...(a.reclaim
      ? {
          reclaim: {
            enabled: a.reclaim.enabled, inactivityDays: a.reclaim.inactivityDays, graceDays: a.reclaim.graceDays,
            ...(a.reclaim.exemptRoles.length ? { exemptRoles: a.reclaim.exemptRoles } : {}),
            ...(a.reclaim.exemptPeople.length ? { exemptPeople: a.reclaim.exemptPeople } : {}),
          },
        }
      : {}),
  };
}

function bundleToFile(b: CatalogBundle) {
  return {
    name: b.name,
    ...(b.description ? { description: b.description } : {}),
    match: lower(b.matchMode),
    ...(b.enabled ? {} : { enabled: false }),
    rules: b.rules,
    roles: b.roles.map((r) => roleLabel(r.app, r.role)).sort(),
  };
}

export interface CatalogExport {
  yaml: string;
  apps: number;
  roles: number;
  bundles: number;
  reclaimRules: number;
}

export async function exportCatalog(scope: TenantScope): Promise<CatalogExport> {
  const tenant = await scope.db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { slug: true, name: true } });
  const [current, directory] = await Promise.all([readCurrentCatalog(scope.tdb), readDirectory(scope.tdb)]);
  const { apps, bundles } = current.catalog;
  const doc = new Document({
    version: 1,
    tenant: tenant.slug,
    prune: false,
    apps: apps.map((a) => appToFile(a, directory)),
    bundles: bundles.map(bundleToFile),
  });
  // Short lists of names, approval steps and rules read best on one line.
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i)) && node.items.length <= 8) node.flow = true;
    },
    Map(_, node) {
      if (node.items.every((p) => isScalar(p.value)) && node.items.length <= 3 && !node.items.some((p) => isScalar(p.key) && p.key.value === "name")) {
        node.flow = true;
      }
    },
  });
  doc.commentBefore =
    ` Gatehouse catalog of tenant ${tenant.slug} (${tenant.name}).\n` +
    " Apply with: gatehouse catalog apply <this file> --tenant " + tenant.slug + " [--dry-run]\n" +
    " prune: true deletes apps, roles, bundles and reclaim rules that are not in this file.";
  return {
    yaml: doc.toString({ lineWidth: 0, flowCollectionPadding: false }),
    apps: apps.length,
    roles: apps.reduce((n, a) => n + a.roles.length, 0),
    bundles: bundles.length,
    reclaimRules: apps.filter((a) => a.reclaim).length,
  };
}
