import { recordAudit } from "../audit.ts";
import { badRequest, DomainError, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { removeDrift } from "./remove-drift.ts";
import { setGroupDriftModeInput, type SetGroupDriftModeInput } from "./schemas.ts";

/**
 * An admin chooses per managed group: report only (default), or authoritative, where members no grant
 * explains are removed. Turning authoritative on removes the group's open findings right away, so the
 * admin must confirm how many; an unmanaged group is refused (Gatehouse never changes it).
 */
export async function setGroupDriftMode(scope: TenantScope, raw: SetGroupDriftModeInput) {
  const input = setGroupDriftModeInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  const changed = await tdb.$transaction(async (tx) => {
    const group = await tx.group.findFirst({ where: { id: input.groupId }, include: { _count: { select: { roles: true } } } });
    if (!group) throw notFound("Group");
    if (!group.managed) {
      throw badRequest(`${group.name} is not managed by Gatehouse${group.unmanagedReason ? ` (${group.unmanagedReason})` : ""}: its members are never changed, so drift does not apply to it`, "groupId");
    }
    if (group.removedAt) throw badRequest(`${group.name} no longer exists in the directory`, "groupId");
    if (input.authoritative && !group._count.roles) {
      throw badRequest(`Map ${group.name} to a role in the catalog first: drift removals go through a grant of that role`, "groupId");
    }
    const open = await tx.driftFinding.count({ where: { groupId: group.id, status: "OPEN" } });
    if (input.authoritative && !group.authoritative && open > 0 && input.confirmRemovals !== open) {
      throw new DomainError("PRECONDITION_FAILED", `Making ${group.name} authoritative removes ${open} unexplained member${open === 1 ? "" : "s"} now: confirm ${open} removal${open === 1 ? "" : "s"} to go ahead`);
    }
    if (group.authoritative === input.authoritative) return { group, open, changed: false };
    const now = clock.now();
    await tx.group.update({ where: { id: group.id }, data: { authoritative: input.authoritative } });
    await recordAudit(tx, tenantId, actor, {
      action: "drift.mode_changed", subjectType: "group", subjectId: group.id,
      data: { group: group.name, groupId: group.externalId, mode: input.authoritative ? "authoritative" : "report", openFindings: open },
    }, now);
    return { group, open, changed: true };
  });
  const removal = input.authoritative ? await removeDrift(scope, { groupIds: [changed.group.id] }) : { removing: 0 };
  return { groupId: changed.group.id, authoritative: input.authoritative, changed: changed.changed, removing: removal.removing };
}
