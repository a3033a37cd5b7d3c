// Everything `apply` knows before it writes: the file parsed and checked, its names resolved against the
// tenant's directory and catalog, the diff, and the problems that would make a change fail (a group that
// cannot be changed through the IdP, deleting a role that still grants access). Read-only; run once to
// show the plan and again inside the transaction that applies it.
import type { TenantTx } from "../../db/tenant-db.ts";
import type { CatalogProblem } from "./catalog-problems.ts";
import { checkCatalogRules } from "./check-catalog-rules.ts";
import { diffCatalog, type CatalogDiff } from "./diff-catalog.ts";
import { parseCatalogFile } from "./parse-catalog-file.ts";
import { readCurrentCatalog, roleKey, type CurrentCatalog } from "./read-current-catalog.ts";
import { readDirectory, type Directory } from "./read-directory.ts";
import { resolveCatalogReferences, type DesiredCatalog } from "./resolve-catalog-references.ts";

export interface CatalogPlan {
  problems: CatalogProblem[];
  diff: CatalogDiff;
  desired: DesiredCatalog;
  current: CurrentCatalog;
  directory: Directory;
}

const NOT_ENDED = ["PENDING", "ACTIVE", "ENDING", "FAILED"] as const;

export async function planCatalogApply(tdb: TenantTx, tenantSlug: string, text: string): Promise<CatalogPlan> {
  const parsed = parseCatalogFile(text);
  const { problems } = parsed;
  checkCatalogRules(parsed);
  if (parsed.top.tenant && parsed.top.tenant !== tenantSlug) {
    problems.add(["tenant"], `this file is the catalog of tenant ${parsed.top.tenant}, not ${tenantSlug}; change or remove this line to apply it to ${tenantSlug}`);
  }
  const [current, directory] = await Promise.all([readCurrentCatalog(tdb), readDirectory(tdb)]);
  const desired = resolveCatalogReferences(parsed, directory, current);
  const groupById = new Map(directory.groups.map((g) => [g.id, g]));
  const diff = diffCatalog(desired.catalog, current.catalog, { prune: desired.prune, groupName: (id) => groupById.get(id)?.name ?? id });

  // A role that is created or changed is saved with all its groups: each must be changeable through the IdP.
  for (const c of diff.changes) {
    if (c.kind !== "role" || c.op === "delete") continue;
    for (const ref of desired.groupPaths.get(roleKey(c.app!, c.role!)) ?? []) {
      const g = groupById.get(ref.groupId)!;
      if (!g.managed) problems.add(ref.path, `${g.name} cannot be changed through the IdP's API (${g.unmanagedReason ?? "unmanaged"}); map the role to a managed group`);
      else if (g.removed) problems.add(ref.path, `${g.name} no longer exists in the IdP`);
    }
  }

  // Deleting must not lose access that is still granted, nor the history auditors trace.
  const deletedRoleIds = (c: CatalogDiff["changes"][number]) =>
    c.kind === "role" ? [current.roleId.get(roleKey(c.app!, c.role!))!]
    : (current.catalog.apps.find((a) => a.name === c.app)?.roles ?? []).map((r) => current.roleId.get(roleKey(c.app!, r.name))!);
  for (const c of diff.changes) {
    if (c.op !== "delete") continue;
    if (c.kind === "role" || c.kind === "app") {
      const roleIds = deletedRoleIds(c);
      const [live, history, requests] = await Promise.all([
        tdb.grant.count({ where: { roleId: { in: roleIds }, status: { in: [...NOT_ENDED] } } }),
        tdb.grant.count({ where: { roleId: { in: roleIds } } }),
        tdb.accessRequest.count({ where: c.kind === "app" ? { appId: current.appId.get(c.app!)! } : { roleId: { in: roleIds } } }),
      ]);
      if (live) problems.add(["prune"], `cannot delete ${c.label}: it still grants access ${live} time${live === 1 ? "" : "s"}; revoke those grants first, or keep it in the file`);
      else if (history || requests) problems.add(["prune"], `cannot delete ${c.label}: it has access history (${requests} request(s), ${history} grant(s)) that must stay traceable; keep it in the file`);
    }
    if (c.kind === "bundle") {
      const live = await tdb.grant.count({ where: { bundleId: current.bundleId.get(c.bundle!)!, source: "bundle", status: { in: ["PENDING", "ACTIVE", "FAILED"] } } });
      if (live) problems.add(["prune"], `cannot delete ${c.label}: it still grants access ${live} time${live === 1 ? "" : "s"}; disable it (enabled: false) or end those grants on the Bundles page first`);
    }
  }
  return { problems: problems.sorted(), diff, desired, current, directory };
}
