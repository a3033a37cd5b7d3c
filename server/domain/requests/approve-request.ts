import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { conflict } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { createGrant } from "../grants/create-grant.ts";
import { extendGrant } from "../grants/extend-grant.ts";

/** The last step is approved: the request is APPROVED and its grant starts provisioning (or, for an extension, moves its expiry). Caller's transaction. */
export async function approveRequest(tx: TenantTx, scope: TenantScope, requestId: string, now: Date) {
  const request = await tx.accessRequest.update({ where: { id: requestId }, data: { status: "APPROVED", decidedAt: now } });
  await recordAudit(tx, scope.tenantId, scope.actor, { action: "request.approved", subjectType: "request", subjectId: requestId, data: {} }, now);
  if (request.extendsGrantId && request.durationMinutes) {
    const extended = await extendGrant(tx, scope, { id: request.id, extendsGrantId: request.extendsGrantId, durationMinutes: request.durationMinutes }, now);
    // Approval never re-grants access that ended (revoked, given back) while the extension waited.
    if (!extended) throw conflict("The access this extension would extend has ended; ask for it again instead");
    return extended;
  }
  return createGrant(tx, scope, {
    personId: request.beneficiaryPersonId, roleId: request.roleId, requestId, source: "request", durationMinutes: request.durationMinutes,
  }, now);
}
