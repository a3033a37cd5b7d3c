import { z } from "zod";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

export const peopleSearch = z.object({
  search: z.string().trim().max(100).optional(),
  department: z.string().trim().max(100).optional(),
  status: z.string().trim().max(30).optional(),
  cursor: z.string().max(64).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

const summary = {
  id: true, displayName: true, email: true, title: true, department: true, location: true, status: true, lastLoginAt: true,
  manager: { select: { id: true, displayName: true } },
  _count: { select: { memberships: true } },
} as const;

/** People from the directory, paged by id so the place is kept while filtering. */
export async function listPeople(scope: TenantScope, raw: z.input<typeof peopleSearch>) {
  const input = peopleSearch.parse(raw);
  const where = {
    ...(input.department ? { department: input.department } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.search
      ? { OR: [
          { displayName: { contains: input.search, mode: "insensitive" as const } },
          { email: { contains: input.search, mode: "insensitive" as const } },
          { title: { contains: input.search, mode: "insensitive" as const } },
        ] }
      : {}),
  };
  const [rows, total, departments] = await Promise.all([
    scope.tdb.person.findMany({
      where, select: summary, orderBy: [{ displayName: "asc" }, { id: "asc" }], take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    }),
    scope.tdb.person.count({ where }),
    scope.tdb.person.groupBy({ by: ["department"], _count: true, orderBy: { department: "asc" } }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    people: page.map(({ _count, ...p }) => ({ ...p, accessCount: _count.memberships })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
    total,
    departments: departments.filter((d) => d.department).map((d) => ({ name: d.department!, count: d._count })),
  };
}

/** One person: who they are, and what they can reach (each membership with the catalog roles it backs). */
export async function getPerson(scope: TenantScope, personId: string) {
  const person = await scope.tdb.person.findUnique({
    where: { id: personId },
    include: {
      manager: { select: { id: true, displayName: true, title: true } },
      reports: { select: { id: true, displayName: true, title: true }, orderBy: { displayName: "asc" } },
      connection: { select: { id: true, name: true, kind: true } },
      memberships: {
        orderBy: { group: { name: "asc" } },
        include: {
          group: {
            select: {
              id: true, name: true, externalId: true, type: true, managed: true, unmanagedReason: true,
              roles: { select: { role: { select: { id: true, name: true, app: { select: { id: true, name: true } } } } } },
            },
          },
        },
      },
    },
  });
  if (!person) throw notFound("Person");
  const { memberships, connection, ...profile } = person;
  return {
    ...profile,
    source: connection,
    access: memberships.map((m) => ({
      group: { id: m.group.id, name: m.group.name, externalId: m.group.externalId, type: m.group.type, managed: m.group.managed, unmanagedReason: m.group.unmanagedReason },
      observedAt: m.observedAt,
      roles: m.group.roles.map((r) => ({ roleId: r.role.id, roleName: r.role.name, appId: r.role.app.id, appName: r.role.app.name })),
    })),
  };
}
export type PersonDetail = Awaited<ReturnType<typeof getPerson>>;
