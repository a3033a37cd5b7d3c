import { z } from "zod";
import { recordAudit } from "../audit.ts";
import type { TenantScope } from "../services.ts";

export const lifecycleSettingsInput = z.object({
  suspendLeavers: z.boolean(),
  moverConfirmDays: z.number().int().min(1).max(90),
});

/** Whether leavers are also suspended in the IdP, and how long a new manager has to confirm a mover's access. */
export async function saveLifecycleSettings(scope: TenantScope, raw: z.infer<typeof lifecycleSettingsInput>) {
  const input = lifecycleSettingsInput.parse(raw);
  return scope.db.$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { suspendLeavers: true, moverConfirmDays: true } });
    const after = await tx.tenant.update({ where: { id: scope.tenantId }, data: input, select: { suspendLeavers: true, moverConfirmDays: true } });
    await recordAudit(tx, scope.tenantId, scope.actor, {
      action: "tenant.lifecycle_settings_saved", subjectType: "tenant", subjectId: scope.tenantId, data: { before, after },
    }, scope.clock.now());
    return after;
  });
}
