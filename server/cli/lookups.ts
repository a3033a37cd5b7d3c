// Read-only look-ups that turn what an admin types (a slug, a connection name) into ids for the domain
// operations. No state changes here.
// TODO(domain): tenantBySlug/listTenants belong in server/domain/tenants/queries.ts once it exists.
import { DomainError } from "../domain/errors.ts";
import type { ConnectionDto } from "../domain/connections/queries.ts";
import type { Services } from "../domain/services.ts";
import { CliError, UsageError } from "./errors.ts";

export async function tenantBySlug(services: Services, slug: string) {
  const tenant = await services.db.tenant.findUnique({ where: { slug: slug.trim().toLowerCase() } });
  if (!tenant) throw new DomainError("NOT_FOUND", `Tenant ${slug} not found (see \`gatehouse tenant list\`)`);
  return tenant;
}

export async function listTenants(services: Services) {
  const rows = await services.db.tenant.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true, slug: true, name: true, isDemo: true, createdAt: true,
      _count: { select: { members: true, connections: true, people: true } },
    },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, members: _count.members, connections: _count.connections, people: _count.people }));
}

/** The connection an admin named (id or name), or the tenant's only one of that kind. */
export function pickConnection(connections: ConnectionDto[], tenantSlug: string, ref: string | undefined, kind: "OKTA" | "JIRA") {
  const label = kind === "OKTA" ? "directory (Okta)" : "Jira";
  if (ref) {
    const byId = connections.find((c) => c.id === ref);
    if (byId) return byId;
    const byName = connections.filter((c) => c.name.toLowerCase() === ref.trim().toLowerCase());
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UsageError(`several connections are named ${ref}; pass its id`, byName.map((c) => `${c.id}  ${c.kind}  ${c.name}`));
    throw new DomainError("NOT_FOUND", `Connection ${ref} not found in tenant ${tenantSlug}`);
  }
  const candidates = connections.filter((c) => c.kind === kind);
  if (candidates.length === 1) return candidates[0]!;
  if (!candidates.length) {
    throw new CliError(`Tenant ${tenantSlug} has no ${label} connection.\nAdd one with \`gatehouse connect ${kind.toLowerCase()} --tenant ${tenantSlug} …\`.`);
  }
  throw new UsageError(`tenant ${tenantSlug} has several ${label} connections; choose one with --connection <name or id>`,
    candidates.map((c) => `${c.id}  ${c.name}`));
}
