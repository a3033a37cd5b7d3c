// Read-only look-ups of tenants across the installation (the CLI, operators' tools). Never the SSO
// client secret: only what identifies a tenant.
import type { Services } from "../services.ts";

const tenantSummary = { id: true, slug: true, name: true, isDemo: true, createdAt: true } as const;

/** The tenant with this slug (case and surrounding spaces ignored), or null. */
export async function findTenantBySlug(services: Pick<Services, "db">, slug: string) {
  return services.db.tenant.findUnique({ where: { slug: slug.trim().toLowerCase() }, select: tenantSummary });
}

/** Every tenant, oldest first, with how many members, connections and directory people it has. */
export async function listTenants(services: Pick<Services, "db">) {
  const rows = await services.db.tenant.findMany({
    orderBy: { createdAt: "asc" },
    select: { ...tenantSummary, _count: { select: { members: true, connections: true, people: true } } },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, members: _count.members, connections: _count.connections, people: _count.people }));
}
export type TenantSummary = NonNullable<Awaited<ReturnType<typeof findTenantBySlug>>>;
