import { z } from "zod";
import { DIRECTORY_NAMES, directoryPrefix, isDirectoryKind } from "../../connectors/directory-kinds.ts";
import { notFound } from "../errors.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";

export const catalogSearch = z.object({ search: z.string().trim().max(100).optional() });

const personRef = { select: { id: true, displayName: true, email: true, title: true } } as const;
const appInclude = {
  owners: { include: { person: personRef } },
  roles: {
    orderBy: { name: "asc" },
    include: {
      groups: { include: { group: { select: { id: true, name: true, externalId: true, type: true, connection: { select: { kind: true } } } } } },
      steps: { orderBy: { position: "asc" }, include: { approver: personRef } },
    },
  },
} satisfies Prisma.AppInclude;

/** The catalog as employees see it: apps, their roles, what each role gives and how it is approved. */
export async function listCatalog(scope: TenantScope, input: z.infer<typeof catalogSearch> = {}) {
  const q = input.search?.trim();
  const apps = await scope.tdb.app.findMany({
    where: q
      ? { OR: [
          { name: { contains: q, mode: "insensitive" } },
          { description: { contains: q, mode: "insensitive" } },
          { roles: { some: { name: { contains: q, mode: "insensitive" } } } },
        ] }
      : undefined,
    orderBy: { name: "asc" },
    include: appInclude,
  });
  return apps.map(toAppDto);
}

export async function getApp(scope: TenantScope, appId: string) {
  const app = await scope.tdb.app.findUnique({ where: { id: appId }, include: appInclude });
  if (!app) throw notFound("App");
  return toAppDto(app);
}

function toAppDto(a: Prisma.AppGetPayload<{ include: typeof appInclude }>) {
  return {
    id: a.id, name: a.name, description: a.description, riskLevel: a.riskLevel, provisioningMode: a.provisioningMode,
    logoUrl: a.logoUrl, initials: initials(a.name), externalAppId: a.externalAppId,
    owners: a.owners.map((o) => o.person),
    // The directories the roles' groups live in (Okta, Entra ID, Google Workspace, SCIM 2.0), for the pages' wording.
    directories: [...new Set(a.roles.flatMap((r) => r.groups.map((g) => directoryName(g.group.connection.kind))))].sort(),
    roles: a.roles.map((r) => ({
      id: r.id, name: r.name, description: r.description, privileged: r.privileged, durationRequired: r.durationRequired,
      allowedDurations: r.allowedDurations, maxDurationMinutes: r.maxDurationMinutes,
      groups: r.groups.map(({ group: { connection, ...g } }) => ({ ...g, source: directoryPrefix(connection.kind) })),
      steps: r.steps.map((s) => ({ kind: s.kind, mode: s.mode, approver: s.approver })),
    })),
  };
}
export type AppDto = ReturnType<typeof toAppDto>;

const directoryName = (kind: string) => (isDirectoryKind(kind) ? DIRECTORY_NAMES[kind] : "the directory");

export function initials(name: string): string {
  const words = name.split(/[\s\-_.]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "") + (words[1]?.[0] ?? words[0]?.[1] ?? "")).toUpperCase();
}

export const groupSearch = z.object({
  search: z.string().trim().max(100).optional(),
  managedOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Groups to map roles to: the directory's groups, managed ones first. */
export async function searchGroups(scope: TenantScope, input: z.input<typeof groupSearch>) {
  const { search, managedOnly, limit } = groupSearch.parse(input);
  const groups = await scope.tdb.group.findMany({
    where: {
      removedAt: null,
      ...(managedOnly ? { managed: true } : {}),
      ...(search ? { name: { contains: search, mode: "insensitive" as const } } : {}),
    },
    orderBy: [{ managed: "desc" }, { name: "asc" }],
    take: limit,
    select: { id: true, name: true, externalId: true, type: true, managed: true, unmanagedReason: true, memberCount: true, connection: { select: { kind: true } } },
  });
  return groups.map(({ connection, ...g }) => ({ ...g, source: directoryPrefix(connection.kind) }));
}
