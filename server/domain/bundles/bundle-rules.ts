/** Birthright rules: pure matching of a person's directory attributes against a bundle's rules. */

export const RULE_FIELDS = ["department", "title", "location", "employmentType"] as const;
export const RULE_OPS = ["equals", "startsWith"] as const;
export const MATCH_MODES = ["ALL", "ANY"] as const;

export type RuleField = (typeof RULE_FIELDS)[number];
export type RuleOp = (typeof RULE_OPS)[number];
export type MatchMode = (typeof MATCH_MODES)[number];

export interface BundleRule {
  field: RuleField;
  op: RuleOp;
  value: string;
}

export type PersonAttributes = Partial<Record<RuleField, string | null>>;

/** Directory statuses that still hold access; SUSPENDED, DEPROVISIONED (and anything unknown) do not. */
export const ACTIVE_PERSON_STATUSES = ["ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"] as const;

export function isActivePerson(status: string): boolean {
  return (ACTIVE_PERSON_STATUSES as readonly string[]).includes(status.toUpperCase());
}

const normalize = (s: string) => s.trim().toLowerCase();

export function ruleMatches(rule: BundleRule, person: PersonAttributes): boolean {
  const actual = person[rule.field];
  if (actual == null) return false;
  const have = normalize(actual);
  const want = normalize(rule.value);
  if (!want) return false;
  return rule.op === "equals" ? have === want : have.startsWith(want);
}

export function describeRule(rule: BundleRule): string {
  const op = rule.op === "equals" ? "equals" : "starts with";
  return `${rule.field} ${op} "${rule.value.trim()}"`;
}

/**
 * Whether the bundle applies to the person and, if so, the rule(s) that made it apply, as the evidence
 * shows them (ALL: every rule joined by "and"; ANY: the ones that matched, joined by "or"). Null: no match.
 * A bundle without rules matches nobody, so an empty draft never grants everyone by accident.
 */
export function matchBundle(bundle: { matchMode: string; rules: readonly BundleRule[] }, person: PersonAttributes): string | null {
  if (!bundle.rules.length) return null;
  const matched = bundle.rules.filter((r) => ruleMatches(r, person));
  if (bundle.matchMode === "ANY") return matched.length ? matched.map(describeRule).join(" or ") : null;
  return matched.length === bundle.rules.length ? matched.map(describeRule).join(" and ") : null;
}

/** A human summary of all the rules, for lists: `department equals "Engineering" and title starts with "Sr"`. */
export function summarizeRules(bundle: { matchMode: string; rules: readonly BundleRule[] }): string {
  return bundle.rules.map(describeRule).join(bundle.matchMode === "ANY" ? " or " : " and ");
}

/** The stored JSON, read defensively: rows that are not rules are dropped. */
export function parseRules(json: unknown): BundleRule[] {
  if (!Array.isArray(json)) return [];
  return json.filter((r): r is BundleRule =>
    !!r && typeof r === "object" &&
    (RULE_FIELDS as readonly string[]).includes((r as BundleRule).field) &&
    (RULE_OPS as readonly string[]).includes((r as BundleRule).op) &&
    typeof (r as BundleRule).value === "string");
}

export interface DesiredBundleGrant {
  bundleId: string;
  roleId: string;
  rule: string;
}

/**
 * Every (bundle, role) pair the person should hold by birthright: enabled bundles whose rules match.
 * Inactive people hold none.
 */
export function desiredBundleGrants(
  person: PersonAttributes & { status: string },
  bundles: readonly { id: string; enabled: boolean; matchMode: string; rules: readonly BundleRule[]; roleIds: readonly string[] }[],
): DesiredBundleGrant[] {
  if (!isActivePerson(person.status)) return [];
  return bundles.flatMap((b) => {
    if (!b.enabled) return [];
    const rule = matchBundle(b, person);
    return rule ? [...new Set(b.roleIds)].map((roleId) => ({ bundleId: b.id, roleId, rule })) : [];
  });
}
