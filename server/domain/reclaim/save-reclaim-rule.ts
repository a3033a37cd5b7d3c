import { recordAudit } from "../audit.ts";
import { badRequest, notFound } from "../errors.ts";
import { requirePeople } from "../catalog/validate-references.ts";
import type { TenantScope } from "../services.ts";
import { saveReclaimRuleInput, type SaveReclaimRuleInput } from "./schemas.ts";

/** An admin turns Auto Reclaim on or off for one app and sets its threshold, grace period and exemptions. */
export async function saveReclaimRule(scope: TenantScope, raw: SaveReclaimRuleInput) {
  const input = saveReclaimRuleInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id: input.appId }, select: { id: true, name: true } });
    if (!app) throw notFound("App");
    const exemptRoleIds = [...new Set(input.exemptRoleIds)];
    const exemptPersonIds = [...new Set(input.exemptPersonIds)];
    if (exemptRoleIds.length) {
      const roles = await tx.role.count({ where: { id: { in: exemptRoleIds }, appId: app.id } });
      if (roles !== exemptRoleIds.length) throw badRequest(`Exempt roles must be roles of ${app.name}`, "exemptRoleIds");
    }
    await requirePeople(tx, exemptPersonIds, "exemptPersonIds");
    const data = { enabled: input.enabled, inactivityDays: input.inactivityDays, graceDays: input.graceDays, exemptRoleIds, exemptPersonIds, updatedBy: actor.label };
    const before = await tx.reclaimRule.findUnique({ where: { appId: app.id } });
    const rule = before
      ? await tx.reclaimRule.update({ where: { id: before.id }, data })
      : await tx.reclaimRule.create({ data: { ...data, appId: app.id } as never });
    await recordAudit(tx, tenantId, actor, {
      action: before ? "reclaim.rule.updated" : "reclaim.rule.created", subjectType: "app", subjectId: app.id,
      data: { enabled: data.enabled, inactivityDays: data.inactivityDays, graceDays: data.graceDays, exemptRoleIds, exemptPersonIds },
    }, clock.now());
    return rule;
  });
}
