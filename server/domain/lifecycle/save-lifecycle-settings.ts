import { z } from "zod";
import { recordAudit } from "../audit.ts";
import type { TenantScope } from "../services.ts";

export const lifecycleSettingsInput = z.object({
  suspendLeavers: z.boolean(),
  moverConfirmDays: z.number().int().min(1).max(90),
  // Left out: unchanged.
  manualTaskDueDays: z.number().int().min(1).max(30).optional(),
});

/**
 * Whether leavers are also suspended in the IdP, how long a new manager has to confirm a mover's access,
 * and how long an app owner has to do a manual app's task before it escalates.
 */
export async function saveLifecycleSettings(scope: TenantScope, raw: z.infer<typeof lifecycleSettingsInput>) {
  const input = lifecycleSettingsInput.parse(raw);
  return scope.db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { suspendLeavers: true, moverConfirmDays: true, manualTaskDueDays: true } });
    const after = await tx.tenant.update({ where: { id: scope.tenantId }, data: input, select: { suspendLeavers: true, moverConfirmDays: true, manualTaskDueDays: true } });
    await recordAudit(tx, scope.tenantId, scope.actor, {
      action: "tenant.lifecycle_settings_saved", subjectType: "tenant", subjectId: scope.tenantId, data: { before, after },
    }, scope.clock.now());
    return after;
  });
}
