// Only the input schema is imported up front: invalid input is reported before Prisma and the
// database are loaded.
import { createTenantInput } from "../../domain/tenants/schemas.ts";
import { table, type Output } from "../output.ts";

export interface TenantCreateOptions {
  slug: string;
  name: string;
  adminEmail: string;
  adminName?: string;
}

/** `gatehouse tenant create`: a new tenant and its first admin (who signs in with that email). */
export async function tenantCreateCommand(out: Output, opts: TenantCreateOptions) {
  // Validated before the database is opened, with the operation's own schema (as a tRPC procedure does).
  const input = createTenantInput.parse({ slug: opts.slug, name: opts.name, adminEmail: opts.adminEmail, adminName: opts.adminName });
  const [{ withServices }, { createTenant }] = await Promise.all([import("../context.ts"), import("../../domain/tenants/create-tenant.ts")]);
  await withServices(out, { connectors: false }, async ({ services, actor }) => {
    const tenant = await createTenant(services, actor, input);
    out.result(
      [`Created tenant ${tenant.slug} (${tenant.name}), id ${tenant.id}.`, `  Admin: ${input.adminEmail}`],
      { id: tenant.id, slug: tenant.slug, name: tenant.name, isDemo: tenant.isDemo, createdAt: tenant.createdAt, admin: input.adminEmail },
    );
  });
}

/** `gatehouse tenant list`. */
export async function tenantListCommand(out: Output) {
  const [{ withServices }, { listTenants }] = await Promise.all([import("../context.ts"), import("../../domain/tenants/queries.ts")]);
  await withServices(out, { connectors: false }, async ({ services }) => {
    const tenants = await listTenants(services);
    out.result(
      tenants.length
        ? table(
            ["SLUG", "NAME", "MEMBERS", "CONNECTIONS", "PEOPLE", "CREATED", "ID"],
            tenants.map((t) => [
              t.slug + (t.isDemo ? " (demo)" : ""), t.name, String(t.members), String(t.connections), String(t.people),
              t.createdAt.toISOString().slice(0, 10), t.id,
            ]),
          )
        : "No tenants yet. Create one with `gatehouse tenant create --slug … --name … --admin-email …`.",
      tenants,
    );
  });
}
