import { DIRECTORY_NAMES, isDirectoryKind } from "../../connectors/directory-kinds.ts";
import type { TenantDb } from "../../db/tenant-db.ts";
import { listDriftFindingsInput, type ListDriftFindingsInput } from "./schemas.ts";

/** The groups drift looks at (managed, mapped to a role) with their mode and findings; the unmanaged ones it never looks at. */
export async function listDriftGroups(tdb: TenantDb) {
  const [groups, unmanaged] = await Promise.all([
    tdb.group.findMany({
      where: { removedAt: null, managed: true, roles: { some: {} } },
      select: { id: true, name: true, externalId: true, authoritative: true, memberCount: true, connection: { select: { kind: true } } },
      orderBy: { name: "asc" },
    }),
    tdb.group.findMany({ where: { removedAt: null, managed: false }, select: { id: true, name: true, type: true, unmanagedReason: true }, orderBy: { name: "asc" } }),
  ]);
  const counts = await tdb.driftFinding.groupBy({ by: ["groupId", "status"], _count: { _all: true }, where: { groupId: { in: groups.map((g) => g.id) } } });
  const countOf = (groupId: string, status: string) => counts.find((c) => c.groupId === groupId && c.status === status)?._count._all ?? 0;
  const managed = groups.map(({ connection, ...g }) => ({
    ...g, directory: isDirectoryKind(connection.kind) ? DIRECTORY_NAMES[connection.kind] : "the directory",
    open: countOf(g.id, "OPEN"), removed: countOf(g.id, "REMOVED"), explained: countOf(g.id, "EXPLAINED"),
  }));
  return { managed: managed.sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)), unmanaged };
}

/** Findings, newest first, with the person and group named; counts per status for the filter chips. */
export async function listDriftFindings(tdb: TenantDb, raw: ListDriftFindingsInput) {
  const input = listDriftFindingsInput.parse(raw);
  const where = { ...(input.groupId ? { groupId: input.groupId } : {}) };
  const [findings, counts] = await Promise.all([
    tdb.driftFinding.findMany({ where: { ...where, ...(input.status ? { status: input.status } : {}) }, orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }], take: input.limit }),
    tdb.driftFinding.groupBy({ by: ["status"], _count: { _all: true }, where }),
  ]);
  const [people, groups] = await Promise.all([
    tdb.person.findMany({ where: { id: { in: [...new Set(findings.map((f) => f.personId))] } }, select: { id: true, displayName: true, email: true, status: true } }),
    tdb.group.findMany({ where: { id: { in: [...new Set(findings.map((f) => f.groupId))] } }, select: { id: true, name: true, authoritative: true } }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const group = new Map(groups.map((g) => [g.id, g]));
  const total = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
  return {
    counts: { OPEN: total("OPEN"), REMOVED: total("REMOVED"), EXPLAINED: total("EXPLAINED") },
    findings: findings.map((f) => ({
      id: f.id, status: f.status, firstSeenAt: f.firstSeenAt, lastSeenAt: f.lastSeenAt, resolvedAt: f.resolvedAt,
      addedBy: f.addedBy, addedAt: f.addedAt, grantId: f.grantId,
      readBack: f.readBack as { group: string; groupId: string; readBack: { isMember?: boolean; detail?: string; checkedAt?: string } | null } | null,
      person: { id: f.personId, name: person.get(f.personId)?.displayName ?? "Unknown person", email: person.get(f.personId)?.email ?? null, status: person.get(f.personId)?.status ?? null },
      group: { id: f.groupId, name: group.get(f.groupId)?.name ?? "Deleted group", authoritative: group.get(f.groupId)?.authoritative ?? false },
    })),
  };
}
