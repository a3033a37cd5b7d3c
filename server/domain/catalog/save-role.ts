import { recordAudit } from "../audit.ts";
import { badRequest, conflict, isUniqueViolation, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { roleInput, type RoleInput } from "./schemas.ts";
import { requireManagedGroups, requirePeople } from "./validate-references.ts";

/** Creates or updates a role with its group mapping and approval policy, in one transaction. */
export async function saveRole(scope: TenantScope, raw: RoleInput & { roleId?: string }) {
  const input = roleInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  try {
    return await tdb.$transaction(async (tx) => {
      const app = await tx.app.findUnique({ where: { id: input.appId } });
      if (!app) throw notFound("App");
      if (app.provisioningMode === "IDP_GROUPS" && input.groupIds.length === 0) {
        throw badRequest("Map the role to at least one IdP group", "groupIds");
      }
      if (app.provisioningMode === "MANUAL" && input.groupIds.length > 0) {
        throw badRequest("Roles of a manual app are granted by hand and map to no group", "groupIds");
      }
      await requireManagedGroups(tx, input.groupIds);
      await requirePeople(tx, input.steps.flatMap((s) => (s.approverPersonId ? [s.approverPersonId] : [])), "steps");
      const data = {
        name: input.name, description: input.description, privileged: input.privileged, durationRequired: input.durationRequired,
        allowedDurations: [...new Set(input.allowedDurations)].sort((a, b) => a - b), maxDurationMinutes: input.maxDurationMinutes ?? null,
      };
      let roleId = raw.roleId;
      if (roleId) {
        const existing = await tx.role.findUnique({ where: { id: roleId } });
        if (!existing || existing.appId !== app.id) throw notFound("Role");
        await tx.role.update({ where: { id: roleId }, data });
        await tx.roleGroup.deleteMany({ where: { roleId } });
        await tx.roleApprovalStep.deleteMany({ where: { roleId } });
      } else {
        roleId = (await tx.role.create({ data: { ...data, appId: app.id } as never })).id;
      }
      if (input.groupIds.length) await tx.roleGroup.createMany({ data: input.groupIds.map((groupId) => ({ roleId: roleId!, groupId })) as never });
      await tx.roleApprovalStep.createMany({
        data: input.steps.map((s, position) => ({
          roleId: roleId!, position, kind: s.kind, mode: s.mode, approverPersonId: s.kind === "NAMED" ? s.approverPersonId : null,
        })) as never,
      });
      await recordAudit(tx, tenantId, actor, {
        action: raw.roleId ? "catalog.role.updated" : "catalog.role.created", subjectType: "role", subjectId: roleId,
        data: { appId: app.id, ...data, groupIds: input.groupIds, steps: input.steps },
      }, clock.now());
      return tx.role.findUniqueOrThrow({ where: { id: roleId } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`This app already has a role named ${input.name}`, "name");
    throw e;
  }
}
