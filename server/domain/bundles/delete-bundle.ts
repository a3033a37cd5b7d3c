import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";
import { endGrants } from "../grants/end-grants.ts";
import type { TenantScope } from "../services.ts";
import { deleteBundleInput, type DeleteBundleInput } from "./schemas.ts";

const LIVE = ["PENDING", "ACTIVE", "FAILED"] as const;

/**
 * Deletes a bundle. While it still holds live grants this is refused unless the admin explicitly chooses
 * to end them (revoked, with removal and read-back like any revocation); the grants keep the bundle's id
 * and matched rule as evidence either way.
 */
export async function deleteBundle(scope: TenantScope, raw: DeleteBundleInput) {
  const input = deleteBundleInput.parse(raw);
  const { tdb, tenantId, actor, clock } = scope;
  const now = clock.now();
  return tdb.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Bundle" WHERE id = ${input.bundleId} AND "tenantId" = ${tenantId} FOR UPDATE`;
    const bundle = await tx.bundle.findUnique({ where: { id: input.bundleId } });
    if (!bundle) throw notFound("Bundle");
    const live = await tx.grant.findMany({ where: { bundleId: bundle.id, source: "bundle", status: { in: [...LIVE] } }, select: { id: true } });
    if (live.length && !input.endGrants) {
      throw conflict(`“${bundle.name}” still grants access ${live.length} time${live.length === 1 ? "" : "s"}: choose to end those grants to delete it`, "endGrants");
    }
    const ended = live.length
      ? await endGrants(tx, scope, live.map((g) => g.id), { reason: "revoked", note: `bundle “${bundle.name}” deleted`, endedBy: actor.label }, now)
      : [];
    await tx.bundle.delete({ where: { id: bundle.id } });
    await recordAudit(tx, tenantId, actor, {
      action: "bundle.deleted", subjectType: "bundle", subjectId: bundle.id,
      data: { name: bundle.name, matchMode: bundle.matchMode, rules: bundle.rules, roleIds: bundle.roleIds, endedGrantIds: ended.map((g) => g.id) },
    }, now);
    return { deleted: true as const, endedGrants: ended.length };
  });
}
