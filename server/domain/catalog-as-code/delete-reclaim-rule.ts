// Turning Auto Reclaim off for good: the app's rule is deleted (a catalog file with `prune: true` that no
// longer has it). Open reclaim cases keep their history; no new ones are opened without a rule.
import { recordAudit } from "../audit.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export async function deleteReclaimRule(scope: TenantScope, input: { appId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const rule = await tx.reclaimRule.findUnique({ where: { appId: input.appId } });
    if (!rule) throw notFound("Reclaim rule");
    await tx.reclaimRule.delete({ where: { id: rule.id } });
    await recordAudit(tx, tenantId, actor, {
      action: "reclaim.rule.deleted", subjectType: "app", subjectId: input.appId,
      data: { enabled: rule.enabled, inactivityDays: rule.inactivityDays, graceDays: rule.graceDays, exemptRoleIds: rule.exemptRoleIds, exemptPersonIds: rule.exemptPersonIds },
    }, clock.now());
    return { id: rule.id };
  });
}
