import { recordAudit } from "../audit.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export async function deleteApp(scope: TenantScope, input: { appId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id: input.appId } });
    if (!app) throw notFound("App");
    await tx.app.delete({ where: { id: app.id } });
    await recordAudit(tx, tenantId, actor, { action: "catalog.app.deleted", subjectType: "app", subjectId: app.id, data: { name: app.name } }, clock.now());
    return { id: app.id };
  });
}
