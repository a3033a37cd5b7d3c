// Read-only look-ups that turn what an admin types (a slug, an email, "App/Role", a connection name)
// into the ids the domain operations take. No state changes here.
import { DomainError } from "../domain/errors.ts";
import { isDirectoryKind } from "../connectors/directory-kinds.ts";
import type { ConnectionDto } from "../domain/connections/queries.ts";
import type { Services, TenantScope } from "../domain/services.ts";
import { findTenantBySlug } from "../domain/tenants/queries.ts";
import { CliError, UsageError } from "./errors.ts";

/** The tenant an admin named with --tenant; NOT_FOUND (exit 1) with a pointer to `tenant list` otherwise. */
export async function tenantBySlug(services: Services, slug: string) {
  const tenant = await findTenantBySlug(services, slug);
  if (!tenant) throw new DomainError("NOT_FOUND", `Tenant ${slug} not found (see \`gatehouse tenant list\`)`);
  return tenant;
}

/** The directory person with this email in the tenant (an active one first, then the oldest record). */
export async function personByEmail(scope: TenantScope, email: string, flag: string) {
  const rows = await scope.tdb.person.findMany({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { id: true, displayName: true, email: true, status: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const person = rows.find((p) => p.status === "ACTIVE") ?? rows[0];
  if (!person) {
    throw new DomainError("NOT_FOUND", `${flag} ${email}: nobody with this email in the directory of tenant ${await slugOf(scope)} (sync it with \`gatehouse sync\`)`);
  }
  return person;
}

async function slugOf(scope: TenantScope) {
  return (await scope.db.tenant.findUnique({ where: { id: scope.tenantId }, select: { slug: true } }))?.slug ?? scope.tenantId;
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * A catalog role by "<App name>/<Role name>" (case-insensitive; an app or role name may itself contain
 * a slash) or by id. Unknown → NOT_FOUND (exit 1) listing what the tenant has.
 */
export async function roleByRef(scope: TenantScope, ref: { role?: string; roleId?: string }) {
  const roles = await scope.tdb.role.findMany({
    select: { id: true, name: true, allowedDurations: true, app: { select: { name: true } } },
    orderBy: [{ app: { name: "asc" } }, { name: "asc" }],
  });
  const label = (r: (typeof roles)[number]) => `${r.app.name}/${r.name}`;
  const roleId = ref.roleId?.trim();
  if (roleId !== undefined) {
    const role = roles.find((r) => r.id === roleId);
    if (!role) throw new DomainError("NOT_FOUND", `Role ${roleId} not found in tenant ${await slugOf(scope)}`);
    return { id: role.id, appName: role.app.name, name: role.name, allowedDurations: role.allowedDurations };
  }
  const wanted = ref.role!;
  const match = roles.find((r) => {
    // Try every split of the slash-separated name: "App/Role" where either side may contain "/".
    const parts = wanted.split("/");
    for (let i = 1; i < parts.length; i++) {
      if (norm(parts.slice(0, i).join("/")) === norm(r.app.name) && norm(parts.slice(i).join("/")) === norm(r.name)) return true;
    }
    return false;
  });
  if (match) return { id: match.id, appName: match.app.name, name: match.name, allowedDurations: match.allowedDurations };

  const slug = await slugOf(scope);
  if (!wanted.includes("/")) throw new UsageError(`--role: write it as "<App name>/<Role name>", e.g. "${roles[0] ? label(roles[0]) : "GitHub/Engineer"}"`);
  const sameApp = roles.filter((r) => wanted.split("/").some((_, i, parts) => i > 0 && norm(parts.slice(0, i).join("/")) === norm(r.app.name)));
  const candidates = sameApp.length ? sameApp : roles;
  const shown = candidates.slice(0, 25).map((r) => `  ${label(r)}`);
  const more = candidates.length > shown.length ? [`  … and ${candidates.length - shown.length} more`] : [];
  throw new CliError(
    [
      `Role "${wanted}" not found in tenant ${slug}.`,
      roles.length ? (sameApp.length ? `${sameApp[0]!.app.name} has these roles:` : "The catalog has these roles:") : "The tenant's catalog has no roles yet.",
      ...shown,
      ...more,
    ].join("\n"),
  );
}

/** The connection an admin named (id or name), or the tenant's only one of that kind. */
export function pickConnection(connections: ConnectionDto[], tenantSlug: string, ref: string | undefined, kind: "OKTA" | "JIRA") {
  // "OKTA" stands for any directory (Okta, Entra ID, Google Workspace, SCIM): all of them sync.
  const label = kind === "OKTA" ? "directory" : "Jira";
  if (ref) {
    const byId = connections.find((c) => c.id === ref);
    if (byId) return byId;
    const byName = connections.filter((c) => c.name.toLowerCase() === ref.trim().toLowerCase());
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UsageError(`several connections are named ${ref}; pass its id`, byName.map((c) => `${c.id}  ${c.kind}  ${c.name}`));
    throw new DomainError("NOT_FOUND", `Connection ${ref} not found in tenant ${tenantSlug}`);
  }
  const candidates = connections.filter((c) => (kind === "OKTA" ? isDirectoryKind(c.kind) : c.kind === kind));
  if (candidates.length === 1) return candidates[0]!;
  if (!candidates.length) {
    throw new CliError(`Tenant ${tenantSlug} has no ${label} connection.\nAdd one with \`gatehouse connect ${kind.toLowerCase()} --tenant ${tenantSlug} …\`.`);
  }
  throw new UsageError(`tenant ${tenantSlug} has several ${label} connections; choose one with --connection <name or id>`,
    candidates.map((c) => `${c.id}  ${c.name}`));
}
