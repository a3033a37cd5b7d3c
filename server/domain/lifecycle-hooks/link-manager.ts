import type { TenantTx } from "../../db/tenant-db.ts";

/**
 * Points one person's managerId at the person their IdP record names as manager, by the same rule as the
 * sync's finalize (external id, else login, else email; the lowest id on a tie), or at no one.
 */
export async function linkManagerOf(tx: TenantTx, tenantId: string, connectionId: string, personId: string): Promise<{ changed: boolean }> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { managerExternalId: true, managerId: true } });
  const ref = person.managerExternalId;
  let managerId: string | null = null;
  if (ref !== null) {
    for (const field of ["externalId", "login", "email"] as const) {
      const hit = await tx.person.findFirst({ where: { tenantId, connectionId, [field]: ref }, orderBy: { id: "asc" }, select: { id: true } });
      if (hit) {
        managerId = hit.id;
        break;
      }
    }
  }
  if (managerId === person.managerId) return { changed: false };
  await tx.person.update({ where: { id: personId }, data: { managerId } });
  return { changed: true };
}
