import type { TenantScope } from "../services.ts";
import { decideConfirmationInput, settleConfirmation, type DecideConfirmationInput } from "./decide-confirmation.ts";

/** The new manager confirms a mover keeps access they had asked for: the grant stays as it is. */
export async function confirmAccess(scope: TenantScope, raw: DecideConfirmationInput & { deciderPersonId: string | null }) {
  const input = decideConfirmationInput.parse(raw);
  return scope.tdb.$transaction(async (tx) => {
    const { confirmation } = await settleConfirmation(tx, scope, input, raw.deciderPersonId, "CONFIRMED", scope.clock.now());
    return { id: confirmation.id, status: "CONFIRMED" as const };
  });
}
