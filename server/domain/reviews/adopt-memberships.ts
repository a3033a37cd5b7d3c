import type { TenantTx } from "../../db/tenant-db.ts";

type Unexplained = { id: string; personId: string; groupId: string | null; roleId: string | null };

/**
 * Turns memberships no grant explained into grants, in the caller's transaction: "import" so that a
 * revocation ends them like any grant, or "kept" so that a reviewer's Keep explains them from now on.
 * The membership the sync saw is recorded as the grant's add, with that as its proof. Returns item → grant.
 */
export async function adoptMemberships(
  tx: TenantTx, items: Unexplained[], source: "import" | "kept", campaignName: string, now: Date,
  // Drift adopts through the same path, saying why in its own words (the name quoted after it).
  why = source === "kept" ? "kept by access review" : "adopted by access review",
) {
  const adopted = new Map<string, string>();
  if (!items.length) return adopted;
  const groups = await tx.group.findMany({ where: { id: { in: items.map((i) => i.groupId!) } } });
  const people = await tx.person.findMany({ where: { id: { in: items.map((i) => i.personId) } }, select: { id: true, externalId: true } });
  const grants = await tx.grant.createManyAndReturn({
    data: items.map((i) => ({ personId: i.personId, roleId: i.roleId!, source, status: "ACTIVE", activatedAt: now })) as never,
    select: { id: true },
  });
  await tx.identityAction.createMany({
    data: items.map((i, n) => {
      const g = groups.find((x) => x.id === i.groupId)!;
      adopted.set(i.id, grants[n]!.id);
      return {
        grantId: grants[n]!.id, kind: "ADD_MEMBER", connectionId: g.connectionId, groupId: g.id, groupExternalId: g.externalId,
        personExternalId: people.find((p) => p.id === i.personId)!.externalId, status: "SUCCEEDED", completedAt: now,
        readBack: { adopted: true, isMember: true, checkedAt: now.toISOString(), detail: `membership found by directory sync; ${why} “${campaignName}”` },
      };
    }) as never,
  });
  return adopted;
}
