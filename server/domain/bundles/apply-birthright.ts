import type { TenantTx } from "../../db/tenant-db.ts";
import { createGrant } from "../grants/create-grant.ts";
import { endGrants } from "../grants/end-grants.ts";
import type { TenantScope } from "../services.ts";
import { desiredBundleGrants, isActivePerson, parseRules } from "./bundle-rules.ts";

/** Bundle grants that still stand for access (ENDING/ENDED are on their way out). */
const LIVE_BUNDLE_GRANT = ["PENDING", "ACTIVE", "FAILED"] as const;
/** Grants from elsewhere that already give the role: a bundle grant beside them would be a duplicate. */
const HELD_ELSEWHERE = ["PENDING", "ACTIVE"] as const;

export interface BirthrightOutcome {
  added: { grantId: string; roleId: string; bundleId: string; rule: string }[];
  ended: { grantId: string; roleId: string; bundleId: string }[];
  /** Roles a bundle asks for that cannot be granted to this person (no account in the group's directory). */
  skipped: { roleId: string; bundleId: string; reason: string }[];
}

/**
 * Brings one person's birthright grants to what the enabled bundles say, in the caller's transaction:
 * missing ones are created (source "bundle", with the bundle and matched rule as evidence) and bundle
 * grants whose bundle no longer matches, no longer lists the role, is disabled or gone are ended.
 * Idempotent: a second call with nothing changed does nothing. Inactive people keep no bundle grants.
 */
export async function applyBirthright(tx: TenantTx, scope: TenantScope, personId: string, now: Date): Promise<BirthrightOutcome> {
  const outcome: BirthrightOutcome = { added: [], ended: [], skipped: [] };
  // Two applies for the same person (hook and sync at once) must not both create the same grant.
  await tx.$executeRaw`SELECT 1 FROM "Person" WHERE id = ${personId} AND "tenantId" = ${scope.tenantId} FOR UPDATE`;
  const person = await tx.person.findUnique({ where: { id: personId } });
  if (!person) return outcome;

  const bundles = (await tx.bundle.findMany({ where: { enabled: true }, orderBy: { name: "asc" } }))
    .map((b) => ({ ...b, rules: parseRules(b.rules) }));
  const bundleNames = new Map(bundles.map((b) => [b.id, b.name]));
  const desired = desiredBundleGrants(person, bundles);
  const desiredKeys = new Set(desired.map((d) => `${d.bundleId}:${d.roleId}`));

  const held = await tx.grant.findMany({
    where: { personId, OR: [
      { source: "bundle", status: { in: [...LIVE_BUNDLE_GRANT] } },
      { source: { not: "bundle" }, status: { in: [...HELD_ELSEWHERE] } },
    ] },
    select: { id: true, roleId: true, source: true, bundleId: true },
  });
  const bundleGrants = held.filter((g) => g.source === "bundle");
  const stale = bundleGrants.filter((g) => !desiredKeys.has(`${g.bundleId}:${g.roleId}`));
  // A grant about to end does not count as holding the role: another matching bundle then takes it over.
  const rolesHeld = new Set(held.filter((g) => !stale.includes(g)).map((g) => g.roleId));

  // Create before ending: a group another bundle still grants is then kept, not removed and re-added.
  const roles = !desired.length ? [] : await tx.role.findMany({
    where: { id: { in: [...new Set(desired.map((d) => d.roleId))] } },
    include: { groups: { include: { group: { select: { connectionId: true } } } } },
  });
  const roleById = new Map(roles.map((r) => [r.id, r]));
  for (const want of desired) {
    if (rolesHeld.has(want.roleId)) continue;
    const role = roleById.get(want.roleId);
    if (!role) {
      outcome.skipped.push({ roleId: want.roleId, bundleId: want.bundleId, reason: "the role no longer exists" });
      continue;
    }
    const missing = await missingDirectory(tx, person, role.groups.map((g) => g.group.connectionId));
    if (missing) {
      outcome.skipped.push({ roleId: want.roleId, bundleId: want.bundleId, reason: `${person.displayName} has no account in that directory` });
      continue;
    }
    const grant = await createGrant(tx, scope, {
      personId, roleId: want.roleId, source: "bundle", durationMinutes: null, bundleId: want.bundleId, bundleRule: want.rule,
    }, now);
    rolesHeld.add(want.roleId);
    outcome.added.push({ grantId: grant.id, roleId: want.roleId, bundleId: want.bundleId, rule: want.rule });
  }

  // One endGrants call per reason, so the note on each grant says why it ended.
  const byNote = new Map<string, typeof stale>();
  for (const g of stale) {
    const name = g.bundleId ? bundleNames.get(g.bundleId) : undefined;
    const note = !isActivePerson(person.status) ? `${person.displayName} is no longer active`
      : name ? `no longer matches bundle "${name}"`
      : "its bundle was disabled or deleted";
    byNote.set(note, [...(byNote.get(note) ?? []), g]);
  }
  for (const [note, grants] of byNote) {
    const endedGrants = await endGrants(tx, scope, grants.map((g) => g.id), { reason: "revoked", note, endedBy: scope.actor.label }, now);
    const endedIds = new Set(endedGrants.map((g) => g.id));
    for (const g of grants) if (endedIds.has(g.id)) outcome.ended.push({ grantId: g.id, roleId: g.roleId, bundleId: g.bundleId ?? "" });
  }
  return outcome;
}

/** Whether any of the role's groups lives in a directory where the person has no account (createGrant would refuse). */
async function missingDirectory(tx: TenantTx, person: { connectionId: string; email: string }, connectionIds: string[]) {
  for (const connectionId of new Set(connectionIds)) {
    if (connectionId === person.connectionId) continue;
    const identity = await tx.person.findFirst({ where: { connectionId, email: { equals: person.email, mode: "insensitive" } }, select: { id: true } });
    if (!identity) return true;
  }
  return false;
}
