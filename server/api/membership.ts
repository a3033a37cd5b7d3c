import type { Db } from "../db/client.ts";
import type { TenantRole } from "../domain/tenants/schemas.ts";

export interface Membership {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  isDemo: boolean;
  roles: TenantRole[];
  personId: string | null;
  /** Derived from the directory and the catalog, not assigned. */
  isManager: boolean;
  isAppOwner: boolean;
}

/** The caller's membership of the requested tenant, or of their first tenant when none is named. */
export async function resolveMembership(db: Db, userId: string, tenantSlug: string | null): Promise<Membership | null> {
  const member = await db.tenantMember.findFirst({
    where: { userId, ...(tenantSlug ? { tenant: { slug: tenantSlug } } : {}) },
    orderBy: { createdAt: "asc" },
    include: {
      tenant: { select: { slug: true, name: true, isDemo: true } },
      person: { select: { _count: { select: { reports: true, ownedApps: true } } } },
    },
  });
  if (!member) return null;
  return {
    tenantId: member.tenantId,
    tenantSlug: member.tenant.slug,
    tenantName: member.tenant.name,
    isDemo: member.tenant.isDemo,
    roles: member.roles as TenantRole[],
    personId: member.personId,
    isManager: (member.person?._count.reports ?? 0) > 0,
    isAppOwner: (member.person?._count.ownedApps ?? 0) > 0,
  };
}

export async function listMemberships(db: Db, userId: string) {
  const rows = await db.tenantMember.findMany({ where: { userId }, include: { tenant: { select: { slug: true, name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ slug: r.tenant.slug, name: r.tenant.name, roles: r.roles }));
}
