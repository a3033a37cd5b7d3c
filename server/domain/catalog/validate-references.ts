import { badRequest } from "../errors.ts";
import type { TenantTx } from "../../db/tenant-db.ts";

/** Every id in the input must name a row of this tenant; otherwise nothing is written. */
export async function requirePeople(tx: TenantTx, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await tx.person.count({ where: { id: { in: unique } } });
  if (found !== unique.length) throw badRequest("One or more people were not found in this directory", field);
}

export async function requireManagedGroups(tx: TenantTx, ids: string[]) {
  if (!ids.length) return;
  const groups = await tx.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, managed: true, removedAt: true, unmanagedReason: true } });
  if (groups.length !== ids.length) throw badRequest("One or more groups were not found in this directory", "groupIds");
  const unmanaged = groups.find((g) => !g.managed);
  if (unmanaged) {
    throw badRequest(`${unmanaged.name} cannot be changed through the IdP's API (${unmanaged.unmanagedReason ?? "unmanaged"}); map the role to a managed group`, "groupIds");
  }
  const removed = groups.find((g) => g.removedAt);
  if (removed) throw badRequest(`${removed.name} no longer exists in the IdP`, "groupIds");
}
