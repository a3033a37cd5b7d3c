import type { DirectoryConnector } from "../../connectors/types.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { unexplainedMembershipsSql } from "./drift-sql.ts";
import { lookUpWhoAdded } from "./look-up-who-added.ts";

const DETECT_TX = { maxWait: 30_000, timeout: 120_000 };

type Opened = { id: string; groupId: string; personId: string };

/**
 * Compares what the IdP says (the memberships the sync wrote) with the grants that explain them, for the
 * connection's managed groups, in set-based SQL: a finding opens for each new unexplained membership, stays
 * open (lastSeenAt) while it is there, and is marked EXPLAINED once the membership is gone or a grant
 * explains it. Then, for new findings only, the IdP's log says who added the member and when (best effort).
 * Never adds anyone anywhere: drift only reports, and removes where a group is authoritative (remove-drift.ts).
 */
export async function detectDrift(
  services: Services,
  input: { tenantId: string; connectionId: string; syncRunId?: string },
  opts: { connector?: DirectoryConnector } = {},
) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Drift detection" });
  const { tenantId, connectionId } = input;
  const counts = await scope.tdb.$transaction(async (tx) => {
    const now = scope.clock.now();
    // One detection at a time per connection: two runs must not open the same finding twice.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`drift:${connectionId}`}))`;
    const unexplained = unexplainedMembershipsSql(tenantId, connectionId);
    const explained = await tx.$queryRaw<{ id: string }[]>`
      WITH u AS (${unexplained})
      UPDATE "DriftFinding" f SET status = 'EXPLAINED', "resolvedAt" = ${now}
      FROM "Group" g
      WHERE f."tenantId" = ${tenantId} AND f.status = 'OPEN' AND g.id = f."groupId" AND g."connectionId" = ${connectionId}
        AND NOT EXISTS (SELECT 1 FROM u WHERE u."groupId" = f."groupId" AND u."personId" = f."personId")
      RETURNING f.id`;
    const stillOpen = await tx.$executeRaw`
      WITH u AS (${unexplained})
      UPDATE "DriftFinding" f SET "lastSeenAt" = ${now}
      FROM u WHERE f."tenantId" = ${tenantId} AND f.status = 'OPEN' AND f."groupId" = u."groupId" AND f."personId" = u."personId"`;
    const opened = await tx.$queryRaw<Opened[]>`
      WITH u AS (${unexplained})
      INSERT INTO "DriftFinding" (id, "tenantId", "groupId", "personId", status, "firstSeenAt", "lastSeenAt")
      SELECT 'drf_' || md5(u."groupId" || ':' || u."personId" || ':' || ${now.toISOString()}), ${tenantId}, u."groupId", u."personId", 'OPEN', ${now}, ${now}
      FROM u
      WHERE NOT EXISTS (SELECT 1 FROM "DriftFinding" f WHERE f."groupId" = u."groupId" AND f."personId" = u."personId" AND f.status = 'OPEN')
      ON CONFLICT DO NOTHING
      RETURNING id, "groupId", "personId"`;
    if (opened.length || explained.length) {
      await recordAudit(tx, tenantId, scope.actor, {
        action: "drift.detected", subjectType: "connection", subjectId: connectionId,
        data: {
          syncRunId: input.syncRunId ?? null, opened: opened.length, stillOpen, explained: explained.length,
          openedIds: opened.slice(0, 100).map((o) => o.id), explainedIds: explained.slice(0, 100).map((e) => e.id),
        },
      }, now);
    }
    return { opened, explained: explained.length, stillOpen };
  }, DETECT_TX);

  const attributed = await lookUpWhoAdded(scope, connectionId, counts.opened, opts.connector);
  return { opened: counts.opened.length, stillOpen: counts.stillOpen, explained: counts.explained, attributed };
}
