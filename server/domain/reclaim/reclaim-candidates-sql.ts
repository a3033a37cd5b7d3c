import { Prisma } from "../../db/tenant-db.ts";

/** Usage read longer ago than this is stale: its absence of sign-ins proves nothing. */
export const USAGE_FRESH_MS = 36 * 60 * 60_000;

export interface ReclaimCandidate {
  grantId: string;
  personId: string;
  appId: string;
  roleId: string;
  appName: string;
  roleName: string;
  inactivityDays: number;
  graceDays: number;
  lastUsedAt: Date | null;
  lastUseSource: "system_log" | "last_login" | "none";
  verdict: "NOTIFIED" | "FLAGGED";
}

/**
 * The one query behind the scan (the benchmark times it alone as the floor): live grants of apps with an
 * enabled rule, minus exempt roles and people and grants with an open case, whose last use is older than
 * the threshold. Last use is the app's own sign-in (AppUsage), else the person's last IdP login. The clock
 * starts no earlier than the grant's activation or the last time it was kept. No data at all: FLAGGED.
 * App sign-ins come from Okta's System Log only, so an app id counts as a source of use only for people of
 * an Okta connection; for Entra, Google and SCIM people the directory's last sign-in is the one measure.
 */
export function reclaimCandidatesSql(tenantId: string, now: Date): Prisma.Sql {
  const nowIso = now.toISOString();
  const freshSince = new Date(now.getTime() - USAGE_FRESH_MS).toISOString();
  return Prisma.sql`
    WITH c AS (
      SELECT g.id AS "grantId", g."personId", ro."appId", g."roleId", a.name AS "appName", ro.name AS "roleName",
             rr."inactivityDays", rr."graceDays", u."lastUsedAt" AS usage_at, p."lastLoginAt" AS login_at,
             (a."externalAppId" IS NOT NULL AND pc.kind = 'OKTA') AS has_log,
             GREATEST(COALESCE(g."activatedAt", g."createdAt"), k.kept_at) AS clock_from
      FROM "Grant" g
      JOIN "Role" ro ON ro.id = g."roleId"
      JOIN "ReclaimRule" rr ON rr."appId" = ro."appId" AND rr."tenantId" = ${tenantId} AND rr.enabled
      JOIN "App" a ON a.id = ro."appId"
      JOIN "Person" p ON p.id = g."personId"
      JOIN "Connection" pc ON pc.id = p."connectionId"
      LEFT JOIN "AppUsage" u ON u."appId" = ro."appId" AND u."personId" = g."personId"
      -- The tenant's cases, once per grant (a hash join whatever the planner thinks the table holds).
      LEFT JOIN (
        SELECT kc."grantId", max(kc."keptAt") FILTER (WHERE kc.status = 'KEPT') AS kept_at,
               bool_or(kc.status IN ('NOTIFIED', 'FLAGGED')) AS open
        FROM "ReclaimCase" kc WHERE kc."tenantId" = ${tenantId} GROUP BY kc."grantId"
      ) k ON k."grantId" = g.id
      WHERE g."tenantId" = ${tenantId} AND g.status = 'ACTIVE'
        AND NOT (g."roleId" = ANY(rr."exemptRoleIds")) AND NOT (g."personId" = ANY(rr."exemptPersonIds"))
        AND (a."externalAppId" IS NULL OR pc.kind <> 'OKTA' OR rr."usageReadUntil" >= ${freshSince}::timestamp(3))
        AND k.open IS NOT TRUE
    )
    SELECT "grantId", "personId", "appId", "roleId", "appName", "roleName", "inactivityDays", "graceDays",
           COALESCE(usage_at, login_at) AS "lastUsedAt",
           CASE WHEN usage_at IS NOT NULL THEN 'system_log' WHEN login_at IS NOT NULL THEN 'last_login'
                WHEN has_log THEN 'system_log' ELSE 'none' END AS "lastUseSource",
           CASE WHEN usage_at IS NULL AND login_at IS NULL AND NOT has_log THEN 'FLAGGED' ELSE 'NOTIFIED' END AS verdict
    FROM c
    WHERE clock_from < ${nowIso}::timestamp(3) - make_interval(days => "inactivityDays")
      AND (COALESCE(usage_at, login_at) IS NULL OR COALESCE(usage_at, login_at) < ${nowIso}::timestamp(3) - make_interval(days => "inactivityDays"))
    ORDER BY "grantId"`;
}
