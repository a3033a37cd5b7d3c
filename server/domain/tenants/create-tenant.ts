import type { z } from "zod";
import { recordAudit } from "../audit.ts";
import { conflict } from "../errors.ts";
import type { Actor } from "../actor.ts";
import type { Services } from "../services.ts";
import { createTenantInput } from "./schemas.ts";

/** A new tenant with its first admin; the audit chain starts with this event. */
export async function createTenant(services: Services, actor: Actor, raw: z.input<typeof createTenantInput> & { isDemo?: boolean }) {
  const input = createTenantInput.parse(raw);
  const { db, clock } = services;
  return db.$transaction(async (tx) => {
    if (await tx.tenant.findUnique({ where: { slug: input.slug } })) throw conflict(`A tenant with slug ${input.slug} already exists`, "slug");
    const tenant = await tx.tenant.create({ data: { slug: input.slug, name: input.name, isDemo: raw.isDemo ?? false } });
    const user = await tx.user.upsert({
      where: { email: input.adminEmail }, update: {}, create: { email: input.adminEmail, name: input.adminName ?? input.adminEmail },
    });
    await tx.tenantMember.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["admin"] } });
    await recordAudit(tx, tenant.id, actor, {
      action: "tenant.created", subjectType: "tenant", subjectId: tenant.id, data: { slug: tenant.slug, name: tenant.name, admin: input.adminEmail },
    }, clock.now());
    return tenant;
  });
}
