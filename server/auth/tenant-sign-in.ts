import type { Services } from "../domain/services.ts";

/**
 * Who may sign in through a tenant's SSO: an existing member, or a person the tenant's directory
 * knows by that email (they join as an employee). Everyone else is refused.
 */
export async function tenantSignIn(services: Services, slug: string, email: string, name: string): Promise<boolean> {
  const { db } = services;
  const normalized = email.trim().toLowerCase();
  if (!normalized) return false;
  const tenant = await db.tenant.findUnique({ where: { slug } });
  if (!tenant) return false;
  const person = await db.person.findFirst({
    where: { tenantId: tenant.id, email: { equals: normalized, mode: "insensitive" }, status: { not: "DEPROVISIONED" } },
  });
  const user = await db.user.findUnique({ where: { email: normalized }, include: { tenants: { where: { tenantId: tenant.id } } } });
  if (user?.tenants.length) return true;
  if (!person) return false;
  await db.$transaction(async (tx) => {
    const u = user ?? (await tx.user.create({ data: { email: normalized, name: name || person.displayName } }));
    await tx.tenantMember.create({ data: { tenantId: tenant.id, userId: u.id, roles: [], personId: person.id } });
  });
  return true;
}
