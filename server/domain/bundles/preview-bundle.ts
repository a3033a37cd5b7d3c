import { badRequest, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { ACTIVE_PERSON_STATUSES, isActivePerson, matchBundle } from "./bundle-rules.ts";
import { previewBundleInput, type PreviewBundleInput } from "./schemas.ts";

const SHOWN = 50;
const LIVE_BUNDLE_GRANT = ["PENDING", "ACTIVE", "FAILED"] as const;
const HELD_ELSEWHERE = ["PENDING", "ACTIVE"] as const;

export interface PreviewPerson {
  personId: string;
  name: string;
  email: string;
  department: string | null;
  title: string | null;
  /** Roles that would be granted (add) or ended (remove), as "App · Role". */
  roles: string[];
  /** Why: the rule that matched (add), or why the grant no longer stands (remove). */
  reason: string;
}

export interface BundlePreview {
  add: { count: number; people: PreviewPerson[] };
  remove: { count: number; people: PreviewPerson[] };
  /** Active people the rules match, whether or not they already hold the roles. */
  matching: number;
}

/**
 * What saving this draft would do, without doing it: who gains which roles (active people the rules match
 * who hold no live grant of the role yet) and who loses which (holders of the bundle's live grants who no
 * longer match, or whose role left the bundle). The same decisions applyBirthright makes.
 */
export async function previewBundle(scope: TenantScope, raw: PreviewBundleInput): Promise<BundlePreview> {
  const input = previewBundleInput.parse(raw);
  const { tdb } = scope;
  const roleIds = [...new Set(input.roleIds)];
  if (input.id && !(await tdb.bundle.count({ where: { id: input.id } }))) throw notFound("Bundle");
  const roles = await tdb.role.findMany({ where: { id: { in: roleIds } }, select: { id: true, name: true, app: { select: { name: true } } } });
  if (roles.length !== roleIds.length) throw badRequest("A role was not found in this workspace", "roleIds");
  const draft = { matchMode: input.matchMode, rules: input.rules };

  const [people, held, bundleGrants] = await Promise.all([
    tdb.person.findMany({
      where: { status: { in: [...ACTIVE_PERSON_STATUSES] } },
      select: { id: true, displayName: true, email: true, department: true, title: true, location: true, employmentType: true, status: true },
      orderBy: { displayName: "asc" },
    }),
    tdb.grant.findMany({
      where: { roleId: { in: roleIds }, OR: [
        { source: "bundle", status: { in: [...LIVE_BUNDLE_GRANT] } },
        { source: { not: "bundle" }, status: { in: [...HELD_ELSEWHERE] } },
      ] },
      select: { personId: true, roleId: true },
    }),
    input.id
      ? tdb.grant.findMany({
        where: { bundleId: input.id, source: "bundle", status: { in: [...LIVE_BUNDLE_GRANT] } },
        select: { roleId: true, person: { select: { id: true, displayName: true, email: true, department: true, title: true, location: true, employmentType: true, status: true } }, role: { select: { name: true, app: { select: { name: true } } } } },
        orderBy: { person: { displayName: "asc" } },
      })
      : Promise.resolve([]),
  ]);
  const label = (r: { name: string; app: { name: string } }) => `${r.app.name} · ${r.name}`;
  const roleLabel = new Map(roles.map((r) => [r.id, label(r)]));
  const holds = new Set(held.map((g) => `${g.personId}:${g.roleId}`));

  const add: PreviewPerson[] = [];
  let matching = 0;
  for (const p of input.enabled ? people : []) {
    const rule = matchBundle(draft, p);
    if (!rule) continue;
    matching++;
    const missing = roleIds.filter((r) => !holds.has(`${p.id}:${r}`));
    if (missing.length) add.push(previewPerson(p, missing.map((r) => roleLabel.get(r)!), rule));
  }

  const draftRoles = new Set(roleIds);
  const removeByPerson = new Map<string, PreviewPerson>();
  for (const g of bundleGrants) {
    const p = g.person;
    const reason = !isActivePerson(p.status) ? "no longer active"
      : !input.enabled ? "bundle disabled"
      : !matchBundle(draft, p) ? "no longer matches the rules"
      : !draftRoles.has(g.roleId) ? "role removed from the bundle"
      : null;
    if (!reason) continue;
    const entry = removeByPerson.get(p.id) ?? previewPerson(p, [], reason);
    entry.roles.push(label(g.role));
    removeByPerson.set(p.id, entry);
  }
  const remove = [...removeByPerson.values()];
  return {
    add: { count: add.length, people: add.slice(0, SHOWN) },
    remove: { count: remove.length, people: remove.slice(0, SHOWN) },
    matching,
  };
}

function previewPerson(p: { id: string; displayName: string; email: string; department: string | null; title: string | null }, roles: string[], reason: string): PreviewPerson {
  return { personId: p.id, name: p.displayName, email: p.email, department: p.department, title: p.title, roles, reason };
}
