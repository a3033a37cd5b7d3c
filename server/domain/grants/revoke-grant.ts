import { conflict, forbidden, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { endGrants } from "./end-grants.ts";
import { revokeGrantInput, type RevokeGrantInput } from "./schemas.ts";

/**
 * An admin or an owner of the app takes access away before it would end, with a reason, from the web,
 * a Jira transition or the CLI. Removal from the IdP follows in a job; revoking twice is harmless.
 */
export async function revokeGrant(
  scope: TenantScope,
  raw: RevokeGrantInput & { channel: "web" | "jira" | "cli"; revokerPersonId?: string | null; asAdmin: boolean },
) {
  const input = revokeGrantInput.parse(raw);
  const { tdb, tenantId, clock, actor } = scope;
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Grant" WHERE id = ${input.grantId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const grant = await tx.grant.findUnique({ where: { id: input.grantId }, include: { role: { include: { app: { include: { owners: true } } } } } });
    if (!grant) throw notFound("Grant");
    if (!raw.asAdmin) {
      const owner = raw.revokerPersonId && grant.role.app.owners.some((o) => o.personId === raw.revokerPersonId);
      if (!owner) throw forbidden(`Only an admin or an owner of ${grant.role.app.name} can revoke this access`);
      if (raw.revokerPersonId === grant.personId) throw forbidden("Give your own access back from My access instead");
    }
    if (grant.status === "ENDING" || grant.status === "ENDED") return { grantId: grant.id, status: grant.status, alreadyEnded: true };
    if (grant.status !== "ACTIVE" && grant.status !== "PENDING" && grant.status !== "FAILED") throw conflict(`This grant is ${String(grant.status).toLowerCase()}`);
    await endGrants(tx, scope, [grant.id], { reason: "revoked", note: input.reason, endedBy: `${actor.label} (via ${raw.channel})` }, clock.now());
    return { grantId: grant.id, status: "ENDING" as const, alreadyEnded: false };
  });
}
