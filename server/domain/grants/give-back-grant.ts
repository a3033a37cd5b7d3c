import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { endGrants } from "./end-grants.ts";
import { giveBackGrantInput, type GiveBackGrantInput } from "./schemas.ts";

/** The holder no longer needs the access and ends it early; the expiry timer is cancelled. */
export async function giveBackGrant(scope: TenantScope, raw: GiveBackGrantInput & { holderPersonId: string }) {
  const input = giveBackGrantInput.parse(raw);
  const { tdb, tenantId, clock, actor } = scope;
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Grant" WHERE id = ${input.grantId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const grant = await tx.grant.findUnique({ where: { id: input.grantId } });
    // Someone else's grant is "not found" to the caller: its existence is not theirs to learn.
    if (!grant || grant.personId !== raw.holderPersonId) throw notFound("Grant");
    if (grant.status === "ENDING" || grant.status === "ENDED") return { grantId: grant.id, status: grant.status, alreadyEnded: true };
    await endGrants(tx, scope, [grant.id], { reason: "given_back", note: input.note || null, endedBy: actor.label }, clock.now());
    return { grantId: grant.id, status: "ENDING" as const, alreadyEnded: false };
  });
}
