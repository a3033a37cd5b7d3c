import { Prisma } from "../../db/generated/client.ts";
import { recordAudits } from "../audit.ts";
import { endGrants } from "../grants/end-grants.ts";
import { removeGrantAccess } from "../grants/remove-grant-access.ts";
import { adoptMemberships } from "../reviews/adopt-memberships.ts";
import type { TenantScope } from "../services.ts";
import { explainedBy } from "./drift-sql.ts";

const REMOVE_TX = { maxWait: 30_000, timeout: 120_000 };

type Claimed = { id: string; groupId: string; personId: string; roleId: string; groupName: string };

/**
 * Authoritative groups: each OPEN finding (still a member, still unexplained) is adopted as an "import"
 * grant (the observed membership as its add) and ended through endGrants + removeGrantAccess, so the removal
 * is read back and kept as evidence like any other. The finding becomes REMOVED with the grant; the
 * read-back is copied onto it once the grant has ENDED (confirm-drift-removals.ts). An IdP failure leaves
 * the grant ENDING; the removal job queued by endGrants retries it. Report-only groups are never touched.
 */
export async function removeDrift(scope: TenantScope, input: { connectionId?: string; groupIds?: string[] }) {
  const { tdb, tenantId, clock } = scope;
  const ended = await tdb.$transaction(async (tx) => {
    const now = clock.now();
    const connection = input.connectionId ? Prisma.sql`g."connectionId" = ${input.connectionId}` : Prisma.sql`TRUE`;
    const groups = input.groupIds ? Prisma.sql`g.id = ANY(${input.groupIds}::text[])` : Prisma.sql`TRUE`;
    // Claimed here (OPEN → REMOVED), so two runs never adopt the same membership twice.
    const claimed = await tx.$queryRaw<Claimed[]>`
      WITH first_role AS (
        SELECT DISTINCT ON (rg."groupId") rg."groupId", rg."roleId" FROM "RoleGroup" rg
        WHERE rg."tenantId" = ${tenantId} ORDER BY rg."groupId", rg."roleId")
      UPDATE "DriftFinding" f SET status = 'REMOVED'
      FROM "Group" g, first_role fr, "Membership" m
      WHERE f."tenantId" = ${tenantId} AND f.status = 'OPEN' AND g.id = f."groupId"
        AND g."tenantId" = ${tenantId} AND g.managed AND g.authoritative AND g."removedAt" IS NULL AND ${connection} AND ${groups}
        AND fr."groupId" = g.id AND m."groupId" = f."groupId" AND m."personId" = f."personId"
        AND NOT ${explainedBy(tenantId, Prisma.sql`f."groupId"`, Prisma.sql`f."personId"`)}
      RETURNING f.id, f."groupId", f."personId", fr."roleId", g.name AS "groupName"`;
    if (!claimed.length) return [];
    const grantOf = new Map<string, string>();
    for (const groupName of new Set(claimed.map((c) => c.groupName))) {
      const adopted = await adoptMemberships(tx, claimed.filter((c) => c.groupName === groupName), "import", groupName, now, "adopted to remove drift from the authoritative group");
      for (const [findingId, grantId] of adopted) grantOf.set(findingId, grantId);
    }
    const rows = claimed.map((c) => ({ id: c.id, grantId: grantOf.get(c.id)! }));
    await tx.$executeRaw`
      UPDATE "DriftFinding" AS f SET "grantId" = x."grantId"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "grantId" text)
      WHERE f.id = x.id AND f."tenantId" = ${tenantId}`;
    await recordAudits(tx, tenantId, scope.actor, claimed.map((c) => ({
      action: "drift.removing", subjectType: "drift_finding", subjectId: c.id,
      data: { groupId: c.groupId, group: c.groupName, personId: c.personId, grantId: grantOf.get(c.id)! },
    })), now);
    const grants = await endGrants(tx, scope, rows.map((r) => r.grantId), {
      reason: "revoked", note: "drift: not explained by any grant, and the group is authoritative", endedBy: "Gatehouse (authoritative group)",
    }, now, { removingNow: true });
    return grants.map((g) => g.id);
  }, REMOVE_TX);
  if (ended.length) {
    // Failures are retried by the removal job endGrants queued; the finding stays REMOVED without read-back until then.
    await removeGrantAccess(scope, { tenantId, grantIds: ended }).catch(() => undefined);
  }
  return { removing: ended.length };
}
