// Turns the parsed file into the desired catalog: groups to ids, people checked against the directory,
// bundle roles ("App / Role") against the roles the catalog will have. Every name that finds nothing is
// a problem at its line; all of them are reported together.
import type { Catalog, CatalogApp, CatalogBundle, CatalogBundleRole } from "./catalog-model.ts";
import type { CatalogPath } from "./catalog-problems.ts";
import type { ParsedCatalogFile } from "./parse-catalog-file.ts";
import type { Directory } from "./read-directory.ts";
import { roleKey, type CurrentCatalog } from "./read-current-catalog.ts";

export interface DesiredCatalog {
  catalog: Catalog;
  prune: boolean;
  /** Where each group of a role is named, by `roleKey(app, role)`: to point at an unusable group later. */
  groupPaths: Map<string, { groupId: string; path: CatalogPath }[]>;
  rolePath: Map<string, CatalogPath>;
  appPath: Map<string, CatalogPath>;
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** "App / Role", where either name may itself contain a slash: every split is tried. */
function findRole(ref: string, roles: CatalogBundleRole[]): CatalogBundleRole[] {
  const parts = ref.split("/");
  const found: CatalogBundleRole[] = [];
  for (let i = 1; i < parts.length; i++) {
    const app = norm(parts.slice(0, i).join("/"));
    const role = norm(parts.slice(i).join("/"));
    found.push(...roles.filter((r) => norm(r.app) === app && norm(r.role) === role));
  }
  return [...new Set(found)];
}

export function resolveCatalogReferences(parsed: ParsedCatalogFile, directory: Directory, current: CurrentCatalog): DesiredCatalog {
  const { problems } = parsed;
  const prune = parsed.top.prune;
  const groupPaths = new Map<string, { groupId: string; path: CatalogPath }[]>();
  const rolePath = new Map<string, CatalogPath>();
  const appPath = new Map<string, CatalogPath>();
  const person = (email: string, path: CatalogPath) => {
    if (!directory.personId(email)) problems.add(path, `unknown person ${email}: nobody with this email in this tenant's directory`);
    return email;
  };

  const apps: CatalogApp[] = parsed.apps.map(({ path, file: a, roles, reclaim }) => {
    appPath.set(a.name, path);
    return {
      name: a.name, description: a.description, riskLevel: a.riskLevel, provisioningMode: a.provisioningMode,
      logoUrl: a.logoUrl || null, externalAppId: a.externalAppId || null,
      owners: [...new Set(a.owners.map((e, i) => person(e, [...path, "owners", i])))].sort(),
      roles: roles.map(({ path: rp, file: r, allowedMinutes, maxMinutes }) => {
        rolePath.set(roleKey(a.name, r.name), rp);
        const refs: { groupId: string; path: CatalogPath }[] = [];
        r.groups.forEach((ref, i) => {
          const found = directory.group(ref);
          if ("error" in found) problems.add([...rp, "groups", i], found.error);
          else refs.push({ groupId: found.group.id, path: [...rp, "groups", i] });
        });
        groupPaths.set(roleKey(a.name, r.name), refs);
        return {
          name: r.name, description: r.description, privileged: r.privileged,
          durationRequired: r.duration?.required ?? false,
          allowedDurations: [...new Set(allowedMinutes)].sort((x, y) => x - y),
          maxDurationMinutes: maxMinutes,
          groupIds: [...new Set(refs.map((g) => g.groupId))].sort(),
          steps: r.approval.map((s, i) => ({
            kind: s.kind, mode: s.mode,
            approver: s.kind === "NAMED" && s.approver ? person(s.approver, [...rp, "approval", i, "approver"]) : null,
          })),
        };
      }).sort((x, y) => (x.name < y.name ? -1 : 1)),
      reclaim: reclaim
        ? {
            enabled: reclaim.enabled, inactivityDays: reclaim.inactivityDays ?? 30, graceDays: reclaim.graceDays ?? 7,
            exemptRoles: [...new Set(reclaim.exemptRoles)].sort(),
            exemptPeople: [...new Set(reclaim.exemptPeople.map((e, i) => person(e, [...path, "reclaim", "exemptPeople", i])))].sort(),
          }
        : null,
    };
  });

  // The roles the catalog will have: the file's, and (without prune) those it leaves alone.
  const inFile = new Set(apps.flatMap((a) => a.roles.map((r) => roleKey(a.name, r.name))));
  const available: CatalogBundleRole[] = apps.flatMap((a) => a.roles.map((r) => ({ app: a.name, role: r.name })));
  if (!prune) {
    for (const a of current.catalog.apps) {
      for (const r of a.roles) if (!inFile.has(roleKey(a.name, r.name))) available.push({ app: a.name, role: r.name });
    }
  }
  const bundles: CatalogBundle[] = parsed.bundles.map(({ path, file: b }) => ({
    name: b.name, description: b.description, matchMode: b.match, enabled: b.enabled,
    rules: b.rules.map((r) => ({ field: r.field, op: r.op, value: r.value })),
    roles: b.roles.flatMap((ref, i) => {
      const found = findRole(ref, available);
      if (found.length === 1) return found;
      problems.add([...path, "roles", i], found.length
        ? `"${ref}" names more than one role`
        : ref.includes("/")
          ? `unknown role "${ref}": no such role in the file${prune ? "" : " or the catalog"}`
          : `write a bundle's role as "App / Role", e.g. "${available[0] ? `${available[0].app} / ${available[0].role}` : "GitHub / Engineer"}"`);
      return [];
    }),
  }));

  return {
    catalog: { apps: apps.sort((x, y) => (x.name < y.name ? -1 : 1)), bundles: bundles.sort((x, y) => (x.name < y.name ? -1 : 1)) },
    prune, groupPaths, rolePath, appPath,
  };
}
