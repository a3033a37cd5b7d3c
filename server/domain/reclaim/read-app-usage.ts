import { directoryFor } from "../../connectors/factory.ts";
import type { AppSignIn, DirectoryConnector } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { USAGE_LOOKBACK_DAYS } from "./schemas.ts";

const DAY = 86_400_000;
/** A read stops after this many pages (1,000 events each) and resumes from where it got to next time. */
const MAX_PAGES_PER_APP = 200;

export const RECLAIM_ACTOR = { type: "job" as const, label: "Auto Reclaim" };

export interface UsageReadResult {
  appId: string;
  signIns: number;
  people: number;
  readUntil: Date | null;
  error?: string;
}

/**
 * Reads single sign-ons to each app with an enabled Reclaim rule from the directory's log (Okta System Log),
 * from where the last read stopped (or 90 days back) to now, always as a bounded window, and keeps the latest
 * use per person in AppUsage. One transaction per app; an app whose read fails keeps its old mark, and the
 * scan treats its data as stale rather than as proof of inactivity.
 */
export async function readAppUsage(services: Services, input: { tenantId: string }, opts: { connector?: DirectoryConnector } = {}): Promise<UsageReadResult[]> {
  const scope = forTenant(services, input.tenantId, RECLAIM_ACTOR);
  const { tdb } = scope;
  const rules = await tdb.reclaimRule.findMany({ where: { enabled: true } });
  if (!rules.length) return [];
  const apps = await tdb.app.findMany({ where: { id: { in: rules.map((r) => r.appId) }, externalAppId: { not: null } }, select: { id: true, externalAppId: true } });
  if (!apps.length) return [];
  const connection = await tdb.connection.findFirst({ where: { kind: "OKTA", enabled: true }, orderBy: { createdAt: "asc" } });
  if (!connection) return [];
  const directory = opts.connector ?? directoryFor(services.connectors, connection);
  if (!directory.listAppSignIns) return [];

  const results: UsageReadResult[] = [];
  for (const app of apps) {
    const rule = rules.find((r) => r.appId === app.id)!;
    const until = scope.clock.now();
    const since = rule.usageReadUntil ?? new Date(until.getTime() - USAGE_LOOKBACK_DAYS * DAY);
    if (since.getTime() >= until.getTime()) continue;
    try {
      const { latest, signIns, readUntil } = await readWindow(directory, app.externalAppId!, since, until);
      const people = await storeUsage(scope, connection.id, app.id, rule.id, latest, readUntil, signIns);
      results.push({ appId: app.id, signIns, people, readUntil });
    } catch (e) {
      results.push({ appId: app.id, signIns: 0, people: 0, readUntil: rule.usageReadUntil, error: (e as Error).message });
    }
  }
  return results;
}

/** The latest sign-in per person in [since, until). A read cut short stops at its last event's time. */
async function readWindow(directory: DirectoryConnector, appExternalId: string, since: Date, until: Date) {
  const latest = new Map<string, Date>();
  let cursor: string | null = null;
  let pages = 0;
  let signIns = 0;
  let last: AppSignIn | undefined;
  do {
    const page = await directory.listAppSignIns!({ appExternalId, since, until }, cursor);
    for (const s of page.items) {
      signIns++;
      last = s;
      const seen = latest.get(s.personExternalId);
      if (!seen || seen < s.at) latest.set(s.personExternalId, s.at);
    }
    cursor = page.next;
  } while (cursor && ++pages < MAX_PAGES_PER_APP);
  // Events come oldest first; when cut short, resume just after the last one read (never past until).
  const readUntil = cursor && last ? new Date(Math.min(last.at.getTime() + 1, until.getTime())) : until;
  return { latest, signIns, readUntil };
}

async function storeUsage(
  scope: ReturnType<typeof forTenant>, connectionId: string, appId: string, ruleId: string,
  latest: Map<string, Date>, readUntil: Date, signIns: number,
) {
  const { tdb, tenantId, actor, clock } = scope;
  return tdb.$transaction(async (tx) => {
    const people = latest.size
      ? await tx.person.findMany({ where: { connectionId, externalId: { in: [...latest.keys()] } }, select: { id: true, externalId: true } })
      : [];
    const now = clock.now();
    if (people.length) {
      const personIds = people.map((p) => p.id);
      const usedAt = people.map((p) => latest.get(p.externalId)!.toISOString());
      // One statement for the whole app; an older sign-in never moves lastUsedAt back.
      await tx.$executeRaw`
        INSERT INTO "AppUsage" ("tenantId", "appId", "personId", "lastUsedAt", source, "observedAt")
        SELECT ${tenantId}, ${appId}, u.person_id, u.used_at::timestamp(3), 'system_log', ${now}
        FROM unnest(${personIds}::text[], ${usedAt}::text[]) AS u(person_id, used_at)
        ON CONFLICT ("appId", "personId") DO UPDATE
          SET "lastUsedAt" = GREATEST("AppUsage"."lastUsedAt", EXCLUDED."lastUsedAt"), "observedAt" = EXCLUDED."observedAt"
        WHERE "AppUsage"."tenantId" = ${tenantId}`;
    }
    await tx.reclaimRule.update({ where: { id: ruleId }, data: { usageReadUntil: readUntil } });
    await recordAudit(tx, tenantId, actor, {
      action: "reclaim.usage_read", subjectType: "app", subjectId: appId,
      data: { readUntil: readUntil.toISOString(), signIns, people: people.length, unknownPeople: latest.size - people.length },
    }, now);
    return people.length;
  });
}
