// What applying the file would change: create / update / delete per app, role, bundle and reclaim rule,
// each with the fields that differ, readable as they are. Pure: no database.
import { describeRule } from "../bundles/bundle-rules.ts";
import { roleLabel, type Catalog, type CatalogApp, type CatalogBundle, type CatalogReclaim, type CatalogRole, type CatalogStep } from "./catalog-model.ts";
import { formatDuration } from "./durations.ts";


export type ChangeKind = "app" | "role" | "bundle" | "reclaim";

export interface CatalogChange {
  op: "create" | "update" | "delete";
  kind: ChangeKind;
  /** The app (app, role and reclaim changes), the role's name, or the bundle's name. */
  app?: string;
  role?: string;
  bundle?: string;
  label: string;
  details: string[];
}

export interface CatalogDiff {
  changes: CatalogChange[];
  /** In the catalog but not in the file, and left alone because the file does not say `prune: true`. */
  kept: { kind: ChangeKind; label: string }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (v === null || v === undefined || v === "" ? "(none)" : String(v));
const lowerEnum = (v: string) => v.toLowerCase();

function setChange(field: string, before: string[], after: string[]): string[] {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (!added.length && !removed.length) return [];
  return [`${field}: ${[...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`)].join(", ")}`];
}

function field(name: string, before: unknown, after: unknown, fmt: (v: unknown) => string = show): string[] {
  if (same(before, after)) return [];
  if (name === "description") return ["description changed"];
  return [`${name}: ${fmt(before)} → ${fmt(after)}`];
}

const stepText = (s: CatalogStep) =>
  `${lowerEnum(s.kind)}${s.mode === "ALL" ? " (all)" : ""}${s.approver ? ` ${s.approver}` : ""}`;
const durations = (v: unknown) => ((v as number[]).length ? (v as number[]).map(formatDuration).join(", ") : "(none)");

function appDetails(before: CatalogApp, after: CatalogApp): string[] {
  return [
    ...field("description", before.description, after.description),
    ...field("riskLevel", before.riskLevel, after.riskLevel, (v) => lowerEnum(String(v))),
    ...field("provisioningMode", before.provisioningMode, after.provisioningMode, (v) => lowerEnum(String(v))),
    ...field("logoUrl", before.logoUrl, after.logoUrl),
    ...field("externalAppId", before.externalAppId, after.externalAppId),
    ...setChange("owners", before.owners, after.owners),
  ];
}

function roleDetails(before: CatalogRole, after: CatalogRole, groupName: (id: string) => string): string[] {
  return [
    ...field("description", before.description, after.description),
    ...field("privileged", before.privileged, after.privileged),
    ...field("duration.required", before.durationRequired, after.durationRequired),
    ...field("duration.allowed", before.allowedDurations, after.allowedDurations, durations),
    ...field("duration.max", before.maxDurationMinutes, after.maxDurationMinutes, (v) => (v == null ? "(none)" : formatDuration(v as number))),
    ...setChange("groups", before.groupIds.map(groupName), after.groupIds.map(groupName)),
    ...field("approval", before.steps, after.steps, (v) => (v as CatalogStep[]).map(stepText).join(", ")),
  ];
}

function reclaimDetails(before: CatalogReclaim, after: CatalogReclaim): string[] {
  return [
    ...field("enabled", before.enabled, after.enabled),
    ...field("inactivityDays", before.inactivityDays, after.inactivityDays),
    ...field("graceDays", before.graceDays, after.graceDays),
    ...setChange("exemptRoles", before.exemptRoles, after.exemptRoles),
    ...setChange("exemptPeople", before.exemptPeople, after.exemptPeople),
  ];
}

const bundleRoles = (b: CatalogBundle) => b.roles.map((r) => roleLabel(r.app, r.role)).sort();

function bundleDetails(before: CatalogBundle, after: CatalogBundle): string[] {
  return [
    ...field("description", before.description, after.description),
    ...field("match", before.matchMode, after.matchMode, (v) => lowerEnum(String(v))),
    ...field("enabled", before.enabled, after.enabled),
    ...field("rules", before.rules, after.rules, (v) => (v as CatalogBundle["rules"]).map(describeRule).join("; ")),
    ...setChange("roles", bundleRoles(before), bundleRoles(after)),
  ];
}

export function diffCatalog(desired: Catalog, current: Catalog, opts: { prune: boolean; groupName: (id: string) => string }): CatalogDiff {
  const changes: CatalogChange[] = [];
  const kept: CatalogDiff["kept"] = [];
  const currentApps = new Map(current.apps.map((a) => [a.name, a]));
  const desiredApps = new Map(desired.apps.map((a) => [a.name, a]));
  const roleChanges: CatalogChange[] = [];
  const reclaimChanges: CatalogChange[] = [];

  for (const app of desired.apps) {
    const before = currentApps.get(app.name);
    if (!before) changes.push({ op: "create", kind: "app", app: app.name, label: `app ${app.name}`, details: [] });
    else {
      const details = appDetails(before, app);
      if (details.length) changes.push({ op: "update", kind: "app", app: app.name, label: `app ${app.name}`, details });
    }
    const beforeRoles = new Map((before?.roles ?? []).map((r) => [r.name, r]));
    for (const role of app.roles) {
      const label = `role ${roleLabel(app.name, role.name)}`;
      const old = beforeRoles.get(role.name);
      if (!old) roleChanges.push({ op: "create", kind: "role", app: app.name, role: role.name, label, details: [] });
      else {
        const details = roleDetails(old, role, opts.groupName);
        if (details.length) roleChanges.push({ op: "update", kind: "role", app: app.name, role: role.name, label, details });
      }
    }
    for (const old of before?.roles ?? []) {
      if (app.roles.some((r) => r.name === old.name)) continue;
      const label = `role ${roleLabel(app.name, old.name)}`;
      if (opts.prune) roleChanges.push({ op: "delete", kind: "role", app: app.name, role: old.name, label, details: [] });
      else kept.push({ kind: "role", label });
    }
    const label = `reclaim rule of ${app.name}`;
    if (app.reclaim && !before?.reclaim) reclaimChanges.push({ op: "create", kind: "reclaim", app: app.name, label, details: [] });
    else if (app.reclaim && before?.reclaim) {
      const details = reclaimDetails(before.reclaim, app.reclaim);
      if (details.length) reclaimChanges.push({ op: "update", kind: "reclaim", app: app.name, label, details });
    } else if (!app.reclaim && before?.reclaim) {
      if (opts.prune) reclaimChanges.push({ op: "delete", kind: "reclaim", app: app.name, label, details: [] });
      else kept.push({ kind: "reclaim", label });
    }
  }
  for (const old of current.apps) {
    if (desiredApps.has(old.name)) continue;
    if (!opts.prune) {
      kept.push({ kind: "app", label: `app ${old.name}` });
      continue;
    }
    changes.push({
      op: "delete", kind: "app", app: old.name, label: `app ${old.name}`,
      details: old.roles.length ? [`with its roles: ${old.roles.map((r) => r.name).join(", ")}`] : [],
    });
    if (old.reclaim) reclaimChanges.push({ op: "delete", kind: "reclaim", app: old.name, label: `reclaim rule of ${old.name}`, details: [] });
  }
  changes.push(...roleChanges, ...reclaimChanges);

  const currentBundles = new Map(current.bundles.map((b) => [b.name, b]));
  for (const bundle of desired.bundles) {
    const before = currentBundles.get(bundle.name);
    const label = `bundle ${bundle.name}`;
    if (!before) changes.push({ op: "create", kind: "bundle", bundle: bundle.name, label, details: [] });
    else {
      const details = bundleDetails(before, bundle);
      if (details.length) changes.push({ op: "update", kind: "bundle", bundle: bundle.name, label, details });
    }
  }
  for (const old of current.bundles) {
    if (desired.bundles.some((b) => b.name === old.name)) continue;
    const label = `bundle ${old.name}`;
    if (opts.prune) changes.push({ op: "delete", kind: "bundle", bundle: old.name, label, details: [] });
    else kept.push({ kind: "bundle", label });
  }
  return { changes, kept };
}

