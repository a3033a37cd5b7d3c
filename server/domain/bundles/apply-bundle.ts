import type { Services } from "../services.ts";
import { forTenant } from "../services.ts";
import { applyBirthright } from "./apply-birthright.ts";
import { ACTIVE_PERSON_STATUSES, matchBundle, parseRules } from "./bundle-rules.ts";

const BATCH = 50;
const LIVE_BUNDLE_GRANT = ["PENDING", "ACTIVE", "FAILED"] as const;

/**
 * Applies a saved (or deleted) bundle to everyone it touches: the active people its rules match and the
 * holders of its live grants. Each batch of people is one transaction; applyBirthright is idempotent, so
 * a retry after a failure half-way redoes nothing that already happened.
 */
export async function applyBundle(services: Services, input: { tenantId: string; bundleId: string }) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Birthright bundles" });
  const { tdb, clock } = scope;
  const bundle = await tdb.bundle.findUnique({ where: { id: input.bundleId } });
  const holders = await tdb.grant.findMany({
    where: { bundleId: input.bundleId, source: "bundle", status: { in: [...LIVE_BUNDLE_GRANT] } },
    select: { personId: true }, distinct: ["personId"],
  });
  const affected = new Set(holders.map((h) => h.personId));
  if (bundle?.enabled) {
    const rules = parseRules(bundle.rules);
    const people = await tdb.person.findMany({
      where: { status: { in: [...ACTIVE_PERSON_STATUSES] } },
      select: { id: true, department: true, title: true, location: true, employmentType: true },
    });
    for (const p of people) if (matchBundle({ matchMode: bundle.matchMode, rules }, p)) affected.add(p.id);
  }
  const ids = [...affected].sort();
  let added = 0;
  let ended = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await tdb.$transaction(async (tx) => {
      for (const personId of batch) {
        const outcome = await applyBirthright(tx, scope, personId, clock.now());
        added += outcome.added.length;
        ended += outcome.ended.length;
      }
    }, { timeout: 60_000 });
  }
  return { people: ids.length, added, ended };
}
