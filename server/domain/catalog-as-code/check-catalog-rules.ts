// What the file must satisfy on its own, before any look-up: unique names, and the rules the admin forms
// enforce (the domain's own schemas, so the file and the forms never disagree), each at its line.
import { bundleDraftInput } from "../bundles/schemas.ts";
import { appInput, roleInput } from "../catalog/schemas.ts";
import { saveReclaimRuleInput } from "../reclaim/schemas.ts";
import type { CatalogPath, ProblemList } from "./catalog-problems.ts";
import type { ParsedCatalogFile } from "./parse-catalog-file.ts";

type Mapper = (field: string, rest: (string | number)[]) => CatalogPath;

function report(problems: ProblemList, base: CatalogPath, issues: { path: PropertyKey[]; message: string }[], map: Mapper) {
  for (const issue of issues) {
    const [field, ...rest] = issue.path as (string | number)[];
    problems.add([...base, ...map(String(field ?? ""), rest)], issue.message);
  }
}

function duplicates(names: { name: string; path: CatalogPath }[], what: string, problems: ProblemList) {
  const seen = new Map<string, CatalogPath>();
  for (const n of names) {
    const key = n.name;
    if (seen.has(key)) problems.add([...n.path, "name"], `${what} "${n.name}" appears twice in the file`);
    else seen.set(key, n.path);
  }
}

/** Adds the file's internal problems to its list. */
export function checkCatalogRules(parsed: ParsedCatalogFile) {
  const { problems } = parsed;
  // Over every entity written, parsed or not: a duplicate is a problem even next to a broken twin.
  const named = (list: unknown[], key: string) => list.flatMap((v, i) => {
    const name = v && typeof v === "object" ? (v as { name?: unknown }).name : undefined;
    return typeof name === "string" ? [{ name: name.trim(), path: [key, i] }] : [];
  });
  duplicates(named(parsed.top.apps, "apps"), "app", problems);
  duplicates(named(parsed.top.bundles, "bundles"), "bundle", problems);

  for (const app of parsed.apps) {
    const a = app.file;
    const appCheck = appInput.safeParse({
      name: a.name, description: a.description, riskLevel: a.riskLevel, provisioningMode: a.provisioningMode,
      logoUrl: a.logoUrl, externalAppId: a.externalAppId, ownerPersonIds: a.owners.map((_, i) => `owner-${i}`),
    });
    if (!appCheck.success) report(problems, app.path, appCheck.error.issues, (f, rest) => [f === "ownerPersonIds" ? "owners" : f, ...rest]);
    duplicates(app.roles.map((r) => ({ name: r.file.name, path: r.path })), `role of ${a.name}`, problems);

    for (const role of app.roles) {
      const r = role.file;
      r.approval.forEach((s, i) => {
        if (s.kind !== "NAMED" && s.approver) problems.add([...role.path, "approval", i, "approver"], "only a named step has an approver");
      });
      const roleCheck = roleInput.safeParse({
        appId: "app", name: r.name, description: r.description, privileged: r.privileged,
        durationRequired: r.duration?.required ?? false, allowedDurations: role.allowedMinutes, maxDurationMinutes: role.maxMinutes,
        groupIds: r.groups, steps: r.approval.map((s) => ({ kind: s.kind, mode: s.mode, approverPersonId: s.approver ?? null })),
      });
      if (!roleCheck.success) {
        report(problems, role.path, roleCheck.error.issues, (f, rest) => {
          if (f === "durationRequired") return r.duration ? ["duration", "required"] : ["privileged"];
          if (f === "allowedDurations") return ["duration", "allowed", ...rest];
          if (f === "maxDurationMinutes") return ["duration", "max"];
          if (f === "groupIds") return ["groups", ...rest];
          if (f === "steps") return ["approval", ...rest.map((x) => (x === "approverPersonId" ? "approver" : x))];
          return [f, ...rest];
        });
      }
      if (a.provisioningMode === "IDP_GROUPS" && r.groups.length === 0) {
        problems.add([...role.path, "groups"], "map the role to at least one IdP group (or make the app provisioningMode: manual)");
      }
      if (a.provisioningMode === "MANUAL" && r.groups.length > 0) {
        problems.add([...role.path, "groups"], "roles of a manual app are granted by hand and map to no group");
      }
    }

    if (app.reclaim) {
      const c = app.reclaim;
      const reclaimCheck = saveReclaimRuleInput.safeParse({
        appId: "app", enabled: c.enabled, inactivityDays: c.inactivityDays, graceDays: c.graceDays,
        exemptRoleIds: c.exemptRoles, exemptPersonIds: c.exemptPeople.map((_, i) => `person-${i}`),
      });
      const base = [...app.path, "reclaim"];
      if (!reclaimCheck.success) {
        report(problems, base, reclaimCheck.error.issues, (f, rest) => [f === "exemptRoleIds" ? "exemptRoles" : f === "exemptPersonIds" ? "exemptPeople" : f, ...rest]);
      }
      const roleNames = new Set(app.roles.map((r) => r.file.name));
      c.exemptRoles.forEach((name, i) => {
        if (!roleNames.has(name) && !app.incomplete) problems.add([...base, "exemptRoles", i], `"${name}" is not a role of ${a.name} in this file`);
      });
    }
  }

  for (const bundle of parsed.bundles) {
    const b = bundle.file;
    const bundleCheck = bundleDraftInput.safeParse({
      name: b.name, description: b.description, matchMode: b.match, rules: b.rules, roleIds: b.roles.map((_, i) => `role-${i}`), enabled: b.enabled,
    });
    if (!bundleCheck.success) report(problems, bundle.path, bundleCheck.error.issues, (f, rest) => [f === "roleIds" ? "roles" : f === "matchMode" ? "match" : f, ...rest]);
  }
}
