import type { z } from "zod";
import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { revokeApiTokenInput } from "./schemas.ts";

/** Revokes a token for good: the next call with it is refused. */
export async function revokeApiToken(scope: TenantScope, raw: z.input<typeof revokeApiTokenInput>) {
  const input = revokeApiTokenInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  const now = clock.now();
  return tdb.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId } });
    if (!token) throw notFound("API token");
    // Conditional, so two admins revoking at once write one revocation and one audit event.
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now, revokedBy: actor.label } });
    if (count === 0) throw conflict("This token is already revoked");
    await recordAudit(tx, tenantId, actor, {
      action: "api_token.revoked", subjectType: "api_token", subjectId: token.id, data: { name: token.name, prefix: token.prefix },
    }, now);
    return { id: token.id, revokedAt: now };
  });
}
