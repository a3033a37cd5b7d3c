import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export async function deleteApp(scope: TenantScope, input: { appId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id: input.appId } });
    if (!app) throw notFound("App");
    const history = await tx.accessRequest.count({ where: { appId: app.id } });
    if (history) throw conflict(`${app.name} has ${history} access request(s) on record; its history must stay traceable, so it cannot be deleted`);
    await tx.app.delete({ where: { id: app.id } });
    await recordAudit(tx, tenantId, actor, { action: "catalog.app.deleted", subjectType: "app", subjectId: app.id, data: { name: app.name } }, clock.now());
    return { id: app.id };
  });
}
