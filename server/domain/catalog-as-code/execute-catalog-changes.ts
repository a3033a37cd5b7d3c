// Carries out a planned diff through the catalog's own operations (each checks its input and writes its
// audit event), in an order where every reference exists when it is needed: apps, then roles, then
// reclaim rules and bundles that name those roles; deletions of what depends on an app before the app.
import { deleteBundle } from "../bundles/delete-bundle.ts";
import { saveBundle } from "../bundles/save-bundle.ts";
import { deleteApp } from "../catalog/delete-app.ts";
import { deleteRole } from "../catalog/delete-role.ts";
import { saveApp } from "../catalog/save-app.ts";
import { saveRole } from "../catalog/save-role.ts";
import { saveReclaimRule } from "../reclaim/save-reclaim-rule.ts";
import type { TenantScope } from "../services.ts";
import type { CatalogChange } from "./diff-catalog.ts";
import { deleteReclaimRule } from "./delete-reclaim-rule.ts";
import type { CatalogPlan } from "./plan-catalog-apply.ts";
import { roleKey } from "./read-current-catalog.ts";

export async function executeCatalogChanges(scope: TenantScope, plan: CatalogPlan) {
  const { desired, current, directory, diff } = plan;
  const appIds = new Map(current.appId);
  const roleIds = new Map(current.roleId);
  const person = (email: string) => directory.personId(email)!;
  const app = (name: string) => desired.catalog.apps.find((a) => a.name === name)!;
  const pick = (kind: CatalogChange["kind"], ops: CatalogChange["op"][]) => diff.changes.filter((c) => c.kind === kind && ops.includes(c.op));

  for (const c of pick("app", ["create", "update"])) {
    const a = app(c.app!);
    const saved = await saveApp(scope, {
      appId: appIds.get(a.name), name: a.name, description: a.description, riskLevel: a.riskLevel, provisioningMode: a.provisioningMode,
      logoUrl: a.logoUrl, externalAppId: a.externalAppId, ownerPersonIds: a.owners.map(person),
    });
    appIds.set(a.name, saved.id);
  }
  for (const c of pick("bundle", ["delete"])) await deleteBundle(scope, { bundleId: current.bundleId.get(c.bundle!)! });
  for (const c of pick("role", ["delete"])) await deleteRole(scope, { roleId: roleIds.get(roleKey(c.app!, c.role!))! });
  for (const c of pick("role", ["create", "update"])) {
    const r = app(c.app!).roles.find((x) => x.name === c.role)!;
    const saved = await saveRole(scope, {
      roleId: roleIds.get(roleKey(c.app!, r.name)), appId: appIds.get(c.app!)!, name: r.name, description: r.description,
      privileged: r.privileged, durationRequired: r.durationRequired, allowedDurations: r.allowedDurations, maxDurationMinutes: r.maxDurationMinutes,
      groupIds: r.groupIds, steps: r.steps.map((s) => ({ kind: s.kind, mode: s.mode, approverPersonId: s.approver ? person(s.approver) : null })),
    });
    roleIds.set(roleKey(c.app!, r.name), saved.id);
  }
  for (const c of pick("reclaim", ["create", "update"])) {
    const rule = app(c.app!).reclaim!;
    await saveReclaimRule(scope, {
      appId: appIds.get(c.app!)!, enabled: rule.enabled, inactivityDays: rule.inactivityDays, graceDays: rule.graceDays,
      exemptRoleIds: rule.exemptRoles.map((name) => roleIds.get(roleKey(c.app!, name))!), exemptPersonIds: rule.exemptPeople.map(person),
    });
  }
  for (const c of pick("bundle", ["create", "update"])) {
    const b = desired.catalog.bundles.find((x) => x.name === c.bundle)!;
    await saveBundle(scope, {
      id: current.bundleId.get(b.name), name: b.name, description: b.description, matchMode: b.matchMode, enabled: b.enabled,
      rules: b.rules, roleIds: b.roles.map((r) => roleIds.get(roleKey(r.app, r.role))!),
    });
  }
  for (const c of pick("reclaim", ["delete"])) await deleteReclaimRule(scope, { appId: appIds.get(c.app!)! });
  for (const c of pick("app", ["delete"])) await deleteApp(scope, { appId: appIds.get(c.app!)! });
}
