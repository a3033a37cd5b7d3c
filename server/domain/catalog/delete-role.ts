import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export async function deleteRole(scope: TenantScope, input: { roleId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const role = await tx.role.findUnique({ where: { id: input.roleId } });
    if (!role) throw notFound("Role");
    const history = await tx.accessRequest.count({ where: { roleId: role.id } });
    if (history) throw conflict(`${role.name} has ${history} access request(s) on record; its history must stay traceable, so it cannot be deleted`);
    await tx.role.delete({ where: { id: role.id } });
    await recordAudit(tx, tenantId, actor, { action: "catalog.role.deleted", subjectType: "role", subjectId: role.id, data: { name: role.name, appId: role.appId } }, clock.now());
    return { id: role.id };
  });
}
