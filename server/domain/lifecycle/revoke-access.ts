import { endGrants } from "../grants/end-grants.ts";
import { removeGrantAccess } from "../grants/remove-grant-access.ts";
import type { TenantScope } from "../services.ts";
import { decideConfirmationInput, settleConfirmation, type DecideConfirmationInput } from "./decide-confirmation.ts";

/** The new manager says a mover no longer needs access they had asked for: the grant ends (removal, read-back). */
export async function revokeAccess(scope: TenantScope, raw: DecideConfirmationInput & { deciderPersonId: string | null }) {
  const input = decideConfirmationInput.parse(raw);
  const result = await scope.tdb.$transaction(async (tx) => {
    const now = scope.clock.now();
    const { confirmation, deciderName } = await settleConfirmation(tx, scope, input, raw.deciderPersonId, "REVOKED", now);
    const ending = await endGrants(tx, scope, [confirmation.grantId], {
      reason: "revoked", note: input.note ? `not confirmed after a move: ${input.note}` : "not confirmed after a move", endedBy: `${deciderName} (mover confirmation)`,
    }, now, { removingNow: true });
    return { id: confirmation.id, removeNow: ending.map((g) => g.id) };
  });
  if (result.removeNow.length) await removeGrantAccess(scope, { tenantId: scope.tenantId, grantIds: result.removeNow }).catch(() => undefined);
  return { id: result.id, status: "REVOKED" as const };
}
