import { directoryFor } from "../../connectors/factory.ts";
import type { DirectoryConnector, MembershipAdd } from "../../connectors/types.ts";
import { mapConcurrent } from "../../lib/map-concurrent.ts";
import { logger } from "../../lib/logger.ts";
import type { TenantScope } from "../services.ts";
import { ADDED_BY_LOOKBACK_DAYS } from "./jobs.ts";

/** Groups whose log is read at the same time. */
const LOOKUP_CONCURRENCY = 4;

/**
 * Fills addedBy/addedAt of new findings from the IdP's log: one bounded query per group (never per
 * finding), within the log's retention. Best effort: a connector without a log, or a failed query, leaves
 * them empty ("unknown") and never fails the detection. Returns how many findings were attributed.
 */
export async function lookUpWhoAdded(
  scope: TenantScope, connectionId: string, opened: { id: string; groupId: string; personId: string }[], given?: DirectoryConnector,
) {
  if (!opened.length) return 0;
  const { tdb, clock, tenantId } = scope;
  const connection = await tdb.connection.findFirst({ where: { id: connectionId } });
  if (!connection) return 0;
  let connector: DirectoryConnector;
  try {
    connector = given ?? directoryFor(scope.connectors, connection);
  } catch (err) {
    logger.warn({ err, tenantId, connectionId }, "drift: no directory connector for the who-added lookup");
    return 0;
  }
  if (!connector.findMembershipAdds) return 0;
  const [groups, people] = await Promise.all([
    tdb.group.findMany({ where: { id: { in: [...new Set(opened.map((o) => o.groupId))] } }, select: { id: true, externalId: true } }),
    tdb.person.findMany({ where: { id: { in: [...new Set(opened.map((o) => o.personId))] } }, select: { id: true, externalId: true } }),
  ]);
  const personExternal = new Map(people.map((p) => [p.id, p.externalId]));
  const until = clock.now();
  const since = new Date(until.getTime() - ADDED_BY_LOOKBACK_DAYS * 86_400_000);
  const perGroup = await mapConcurrent(groups, LOOKUP_CONCURRENCY, async (g) => {
    try {
      return { groupId: g.id, adds: await connector.findMembershipAdds!({ groupExternalId: g.externalId, since, until }) };
    } catch (err) {
      logger.warn({ err, tenantId, groupId: g.id }, "drift: could not read who added members; left unknown");
      return { groupId: g.id, adds: [] as MembershipAdd[] };
    }
  });
  // The latest add of each member is the one that explains the membership seen now.
  const latest = new Map<string, MembershipAdd>();
  for (const { groupId, adds } of perGroup) {
    for (const a of adds) {
      const key = `${groupId}:${a.personExternalId}`;
      if (!latest.has(key) || latest.get(key)!.at < a.at) latest.set(key, a);
    }
  }
  const rows = opened.flatMap((o) => {
    const add = latest.get(`${o.groupId}:${personExternal.get(o.personId)}`);
    if (!add) return [];
    const who = add.actor.displayName && add.actor.login && add.actor.displayName !== add.actor.login
      ? `${add.actor.displayName} (${add.actor.login})` : add.actor.displayName ?? add.actor.login ?? add.actor.id;
    return [{ id: o.id, addedBy: who || "unknown actor", addedAt: add.at.toISOString() }];
  });
  if (!rows.length) return 0;
  return tdb.$executeRaw`
    UPDATE "DriftFinding" AS f SET "addedBy" = x."addedBy", "addedAt" = (x."addedAt"::timestamptz AT TIME ZONE 'UTC')
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "addedBy" text, "addedAt" text)
    WHERE f.id = x.id AND f."tenantId" = ${tenantId} AND f."addedBy" IS NULL`;
}
