import { recordAudit } from "../audit.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { adoptMemberships } from "../reviews/adopt-memberships.ts";
import type { TenantScope } from "../services.ts";
import { adoptDriftFindingInput, type AdoptDriftFindingInput } from "./schemas.ts";

/**
 * An admin keeps an unexplained membership: it becomes a "kept" grant of the group's role (the observed
 * membership as its add), so it is explained from now on and ends like any grant. The finding is EXPLAINED.
 */
export async function adoptDriftFinding(scope: TenantScope, raw: AdoptDriftFindingInput) {
  const input = adoptDriftFindingInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const finding = await tx.driftFinding.findFirst({ where: { id: input.findingId } });
    if (!finding) throw notFound("Drift finding");
    if (finding.status !== "OPEN") throw conflict(`This finding is already ${finding.status.toLowerCase()}`);
    const group = await tx.group.findFirst({ where: { id: finding.groupId }, include: { roles: { orderBy: { roleId: "asc" }, take: 1 } } });
    const role = group?.roles[0];
    if (!group?.managed || !role) throw badRequest("Only a member of a managed group mapped to a catalog role can be kept as a grant");
    const now = clock.now();
    const claimed = await tx.driftFinding.updateMany({ where: { id: finding.id, status: "OPEN" }, data: { status: "EXPLAINED", resolvedAt: now } });
    if (!claimed.count) throw conflict("This finding changed meanwhile: reload and try again");
    const adopted = await adoptMemberships(tx, [{ id: finding.id, personId: finding.personId, groupId: group.id, roleId: role.roleId }], "kept", group.name, now, "kept by an admin from the Drift page in");
    const grantId = adopted.get(finding.id)!;
    await tx.driftFinding.update({ where: { id: finding.id }, data: { grantId } });
    await recordAudit(tx, tenantId, actor, {
      action: "drift.adopted", subjectType: "drift_finding", subjectId: finding.id,
      data: { groupId: group.id, group: group.name, personId: finding.personId, grantId, roleId: role.roleId, reason: input.reason },
    }, now);
    return { findingId: finding.id, grantId };
  });
}
