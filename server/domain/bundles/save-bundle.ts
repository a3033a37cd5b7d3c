import { recordAudit } from "../audit.ts";
import { badRequest, conflict, isUniqueViolation, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { summarizeRules } from "./bundle-rules.ts";
import { BUNDLE_APPLY_JOB } from "./jobs.ts";
import { bundleDraftInput, type BundleDraftInput } from "./schemas.ts";

/**
 * Creates or replaces a bundle, and queues applying it to everyone at once (the preview shows what that
 * does). Every role must be this tenant's. The audit event and the job commit with the change.
 */
export async function saveBundle(scope: TenantScope, raw: BundleDraftInput) {
  const input = bundleDraftInput.parse(raw);
  const { tdb, tenantId, actor, clock, jobs } = scope;
  const now = clock.now();
  const roleIds = [...new Set(input.roleIds)];
  return tdb.$transaction(async (tx) => {
    const roles = await tx.role.findMany({ where: { id: { in: roleIds } }, select: { id: true, name: true, app: { select: { name: true } } } });
    if (roles.length !== roleIds.length) throw badRequest("A role was not found in this workspace", "roleIds");
    const rules = input.rules.map((r) => ({ field: r.field, op: r.op, value: r.value }));
    const data = { name: input.name, description: input.description, matchMode: input.matchMode, rules, roleIds, enabled: input.enabled };
    const before = input.id ? await tx.bundle.findUnique({ where: { id: input.id } }) : null;
    if (input.id && !before) throw notFound("Bundle");
    const sameName = await tx.bundle.findFirst({ where: { name: input.name, ...(before ? { id: { not: before.id } } : {}) }, select: { id: true } });
    if (sameName) throw conflict(`A bundle named “${input.name}” already exists`, "name");
    try {
      const bundle = before
        ? await tx.bundle.update({ where: { id: before.id }, data })
        : await tx.bundle.create({ data: { ...data, createdBy: actor.label } as never });
      await recordAudit(tx, tenantId, actor, {
        action: before ? "bundle.updated" : "bundle.created", subjectType: "bundle", subjectId: bundle.id,
        data: {
          name: bundle.name, matchMode: bundle.matchMode, rules, rulesSummary: summarizeRules({ matchMode: bundle.matchMode, rules }),
          roles: roles.map((r) => `${r.app.name} · ${r.name}`), roleIds, enabled: bundle.enabled,
          ...(before ? { before: { name: before.name, matchMode: before.matchMode, rules: before.rules, roleIds: before.roleIds, enabled: before.enabled } } : {}),
        },
      }, now);
      await jobs.enqueue(BUNDLE_APPLY_JOB, { tenantId, bundleId: bundle.id }, { tx: tx as never, tenantId });
      return bundle;
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`A bundle named “${input.name}” already exists`, "name");
      throw e;
    }
  });
}
