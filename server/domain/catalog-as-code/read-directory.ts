// The tenant's directory as the catalog file names it: groups by name or id, people by email. Another
// tenant's groups and people are never read (tenant-scoped client), so they cannot be named.
import type { TenantTx } from "../../db/tenant-db.ts";

export interface DirectoryGroup {
  id: string;
  name: string;
  externalId: string;
  managed: boolean;
  unmanagedReason: string | null;
  removed: boolean;
}

export type GroupLookup = { group: DirectoryGroup } | { error: string };

export interface Directory {
  groups: DirectoryGroup[];
  group(ref: string): GroupLookup;
  /** The person for an email: an active one first, then the oldest record. */
  personId(email: string): string | undefined;
  /** How the file names a group: its name when that finds it again, otherwise its id. */
  groupRef(id: string): string;
}

export async function readDirectory(tdb: TenantTx): Promise<Directory> {
  const [groupRows, people] = await Promise.all([
    tdb.group.findMany({ select: { id: true, name: true, externalId: true, managed: true, unmanagedReason: true, removedAt: true } }),
    tdb.person.findMany({ select: { id: true, email: true, status: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const groups: DirectoryGroup[] = groupRows.map((g) => ({
    id: g.id, name: g.name, externalId: g.externalId, managed: g.managed, unmanagedReason: g.unmanagedReason, removed: !!g.removedAt,
  }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const personByEmail = new Map<string, { id: string; active: boolean }>();
  for (const p of people) {
    const key = p.email.trim().toLowerCase();
    const chosen = personByEmail.get(key);
    if (!chosen || (!chosen.active && p.status === "ACTIVE")) personByEmail.set(key, { id: p.id, active: p.status === "ACTIVE" });
  }

  const group = (ref: string): GroupLookup => {
    const wanted = ref.trim();
    const exact = byId.get(wanted);
    if (exact) return { group: exact };
    const named = groups.filter((g) => g.name === wanted);
    const live = named.filter((g) => !g.removed);
    const pick = live.length ? live : named;
    if (pick.length === 1) return { group: pick[0]! };
    if (pick.length > 1) {
      return { error: `several groups are named "${wanted}": name one by its id (${pick.map((g) => g.id).join(", ")})` };
    }
    const external = groups.filter((g) => g.externalId === wanted);
    if (external.length === 1) return { group: external[0]! };
    const nearly = groups.find((g) => !g.removed && g.name.toLowerCase() === wanted.toLowerCase());
    return { error: `unknown group "${wanted}": no group of this tenant's directory has this name or id${nearly ? ` (did you mean "${nearly.name}"?)` : ""}` };
  };

  return {
    groups,
    group,
    personId: (email) => personByEmail.get(email.trim().toLowerCase())?.id,
    groupRef: (id) => {
      const g = byId.get(id);
      if (!g) return id;
      const back = group(g.name);
      return "group" in back && back.group.id === id ? g.name : id;
    },
  };
}
