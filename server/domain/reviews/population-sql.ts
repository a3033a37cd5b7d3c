import { Prisma } from "../../db/generated/client.ts";
import type { CampaignScope } from "./schemas.ts";

/**
 * The SQL that snapshots a campaign's population in two INSERT … SELECT statements (grants, then
 * memberships no live grant explains), so launching over 100,000 grants never loads them into memory.
 * Recommendation and reviewer are computed in the same statement.
 */
export interface PopulationParams {
  tenantId: string;
  campaignId: string;
  scope: CampaignScope;
  reviewerMode: string;
  reviewerPersonIds: string[];
  fallbackReviewerId: string;
  inactivityDays: number;
  now: Date;
}

const isAll = (s: CampaignScope) => !s.appIds.length && !s.roleIds.length && !s.groupIds.length;

/** Roles picked directly (by app or role); with an empty scope, every role. */
function directRole(p: PopulationParams, role: Prisma.Sql) {
  if (isAll(p.scope)) return Prisma.sql`TRUE`;
  return Prisma.sql`(${role}."appId" = ANY(${p.scope.appIds}::text[]) OR ${role}.id = ANY(${p.scope.roleIds}::text[]))`;
}

function departmentFilter(p: PopulationParams) {
  return p.scope.departments.length ? Prisma.sql`p.department = ANY(${p.scope.departments}::text[])` : Prisma.sql`TRUE`;
}

/** Managed groups mapped to a catalog role and in scope (named, or mapped by a role in scope). */
export function scopedGroupsSql(p: PopulationParams) {
  return Prisma.sql`
    SELECT g.id FROM "Group" g
    WHERE g."tenantId" = ${p.tenantId} AND g.managed AND g."removedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "RoleGroup" rg JOIN "Role" r ON r.id = rg."roleId" WHERE rg."groupId" = g.id
        AND (${isAll(p.scope) ? Prisma.sql`TRUE` : Prisma.sql`g.id = ANY(${p.scope.groupIds}::text[]) OR ${directRole(p, Prisma.sql`r`)}`}))`;
}

/** Lookups computed once per launch (not per row): role → group names, app → owners, the admins, a group's first role. */
function lookups(p: PopulationParams) {
  return Prisma.sql`
    WITH role_groups AS (
      SELECT rg."roleId", array_agg(g.name ORDER BY g.name) AS names FROM "RoleGroup" rg JOIN "Group" g ON g.id = rg."groupId"
      WHERE rg."tenantId" = ${p.tenantId} GROUP BY rg."roleId"),
    owners AS (SELECT o."appId", min(o."personId") AS first, max(o."personId") AS last FROM "AppOwner" o WHERE o."tenantId" = ${p.tenantId} GROUP BY o."appId"),
    admins AS (
      SELECT min(tm."personId") AS first, max(tm."personId") AS last FROM "TenantMember" tm
      WHERE tm."tenantId" = ${p.tenantId} AND 'admin' = ANY(tm.roles) AND tm."personId" IS NOT NULL),
    first_role AS (SELECT DISTINCT ON (rg."groupId") rg."groupId", rg."roleId" FROM "RoleGroup" rg WHERE rg."tenantId" = ${p.tenantId} ORDER BY rg."groupId", rg."roleId")`;
}

/** The reviewer the campaign's rule picks, never the person: the manager, an app owner, or one of the named reviewers (spread by person). */
function candidate(p: PopulationParams) {
  if (p.reviewerMode === "manager") return Prisma.sql`NULLIF(p."managerId", p.id)`;
  if (p.reviewerMode === "app_owner") return Prisma.sql`CASE WHEN ow.first <> p.id THEN ow.first WHEN ow.last <> p.id THEN ow.last END`;
  const n = p.reviewerPersonIds.length;
  if (!n) return Prisma.sql`NULL::text`;
  const pick = (shift: number) => Prisma.sql`(${p.reviewerPersonIds}::text[])[1 + (abs(hashtext(p.id)::bigint) + ${shift}::int) % ${n}::int]`;
  return Prisma.sql`CASE WHEN ${pick(0)} <> p.id THEN ${pick(0)} WHEN ${n}::int > 1 THEN ${pick(1)} END`;
}

/** Recommendation first (left > never signed in > inactive > moved > unexplained > keep), then the reviewer. */
function lateralJudgement(p: PopulationParams, unexplained: boolean) {
  const cutoff = new Date(p.now.getTime() - p.inactivityDays * 86_400_000);
  return Prisma.sql`
    LEFT JOIN owners ow ON ow."appId" = a.id
    CROSS JOIN admins adm
    CROSS JOIN LATERAL (SELECT CASE
      WHEN p.status IN ('DEPROVISIONED', 'SUSPENDED') OR p."terminationDate" <= ${p.now} THEN 'left'
      WHEN p."lastLoginAt" IS NULL THEN 'never'
      WHEN p."lastLoginAt" < ${cutoff} THEN 'inactive'
      WHEN ${unexplained ? Prisma.sql`FALSE` : Prisma.sql`gr."departmentAtGrant" IS NOT NULL AND p.department IS DISTINCT FROM gr."departmentAtGrant"`} THEN 'moved'
      WHEN ${unexplained} THEN 'unexplained'
      ELSE 'keep' END AS code,
      ${candidate(p)} AS id) rc`;
}

/** The columns every item shares: the person as they are now, the recommendation and the reviewer. */
function judgedColumns(p: PopulationParams, unexplained: boolean) {
  const moved = unexplained ? Prisma.sql`NULL` : Prisma.sql`'Changed department: ' || gr."departmentAtGrant" || ' → ' || COALESCE(p.department, 'none')`;
  const keep = unexplained ? Prisma.sql`NULL` : Prisma.sql`'Active, and granted by ' || CASE gr.source WHEN 'request' THEN 'an approved request' WHEN 'bundle' THEN 'a birthright bundle' WHEN 'kept' THEN 'an earlier review' ELSE 'an import' END`;
  const who = { manager: "manager", app_owner: "app owner", named: "named reviewer" }[p.reviewerMode] ?? "reviewer";
  return Prisma.sql`
    p."displayName", p.email, p.title, p.department, p.status, mgr."displayName", p."lastLoginAt",
    (CASE WHEN rc.code = 'keep' THEN 'KEEP' ELSE 'REVOKE' END)::"ReviewDecision",
    CASE rc.code
      WHEN 'left' THEN 'Left the company (' || lower(p.status) || CASE WHEN p."terminationDate" <= ${p.now} THEN ', terminated ' || to_char(p."terminationDate", 'YYYY-MM-DD') ELSE '' END || ')'
      WHEN 'never' THEN 'Inactive: no sign-in on record'
      WHEN 'inactive' THEN 'Inactive: last sign-in ' || (${p.now}::date - p."lastLoginAt"::date) || ' days ago (threshold ' || ${p.inactivityDays}::int || ' days)'
      WHEN 'moved' THEN ${moved}
      WHEN 'unexplained' THEN 'Unexplained: no request or bundle grants this access'
      ELSE ${keep} END,
    COALESCE(rc.id, NULLIF(${p.fallbackReviewerId}, p.id), CASE WHEN adm.first <> p.id THEN adm.first WHEN adm.last <> p.id THEN adm.last END, ''),
    CASE WHEN rc.id IS NOT NULL THEN NULL
      WHEN ${p.fallbackReviewerId} <> p.id THEN ${`Fallback reviewer: no ${who} other than the person`}
      ELSE 'An admin: the fallback reviewer cannot review their own access' END`;
}

/** Last use of the app, as Auto Reclaim read it from the IdP's log (AppUsage); NULL when never seen. */
const lastUsedSql = Prisma.sql`(SELECT u."lastUsedAt" FROM "AppUsage" u WHERE u."appId" = a.id AND u."personId" = p.id)`;

const columns = Prisma.sql`(id, "tenantId", "campaignId", "personId", "grantId", "appId", "roleId", "groupId", "accessLabel", "groupNames",
  "howGranted", "requestId", "grantedAt", "expiresAt", "departmentAtGrant", "lastUsedAt",
  "personName", "personEmail", "personTitle", "personDepartment", "personStatus", "managerName", "lastLoginAt",
  recommendation, "recommendationReason", "reviewerPersonId", "reviewerNote", "createdAt")`;

/** One item per active grant in scope: its role's groups, how it was granted, the grant's dates. */
export function insertGrantItemsSql(p: PopulationParams) {
  return Prisma.sql`
    ${lookups(p)}
    INSERT INTO "ReviewItem" ${columns}
    SELECT ${p.campaignId} || ':' || gr.id, ${p.tenantId}, ${p.campaignId}, p.id, gr.id, a.id, r.id, NULL,
      a.name || ' · ' || r.name, COALESCE(rgn.names, '{}'),
      gr.source, gr."requestId", COALESCE(gr."activatedAt", gr."createdAt"), gr."expiresAt", gr."departmentAtGrant", ${lastUsedSql},
      ${judgedColumns(p, false)}, ${p.now}
    FROM "Grant" gr
    JOIN "Person" p ON p.id = gr."personId"
    JOIN "Role" r ON r.id = gr."roleId"
    JOIN "App" a ON a.id = r."appId"
    LEFT JOIN role_groups rgn ON rgn."roleId" = r.id
    LEFT JOIN "Person" mgr ON mgr.id = p."managerId"
    ${lateralJudgement(p, false)}
    WHERE gr."tenantId" = ${p.tenantId} AND gr.status = 'ACTIVE' AND ${departmentFilter(p)}
      AND (${directRole(p, Prisma.sql`r`)} OR EXISTS (SELECT 1 FROM "RoleGroup" rg WHERE rg."roleId" = r.id AND rg."groupId" = ANY(${p.scope.groupIds}::text[])))`;
}

/** One item per membership of a scoped group that no live grant of the person explains. */
export function insertUnexplainedItemsSql(p: PopulationParams) {
  return Prisma.sql`
    ${lookups(p)}
    INSERT INTO "ReviewItem" ${columns}
    SELECT ${p.campaignId} || ':' || g.id || ':' || p.id, ${p.tenantId}, ${p.campaignId}, p.id, NULL, a.id, r.id, g.id,
      g.name || ' (' || a.name || ' · ' || r.name || ')', ARRAY[g.name],
      'unexplained', NULL, m."observedAt", NULL, NULL, ${lastUsedSql},
      ${judgedColumns(p, true)}, ${p.now}
    FROM "Membership" m
    JOIN "Group" g ON g.id = m."groupId"
    JOIN "Person" p ON p.id = m."personId"
    JOIN first_role fr ON fr."groupId" = g.id
    JOIN "Role" r ON r.id = fr."roleId"
    JOIN "App" a ON a.id = r."appId"
    LEFT JOIN "Person" mgr ON mgr.id = p."managerId"
    ${lateralJudgement(p, true)}
    WHERE m."tenantId" = ${p.tenantId} AND g.id IN (${scopedGroupsSql(p)}) AND ${departmentFilter(p)}
      AND NOT EXISTS (
        SELECT 1 FROM "Grant" gr JOIN "RoleGroup" rg ON rg."roleId" = gr."roleId"
        WHERE gr."personId" = p.id AND rg."groupId" = g.id AND gr.status IN ('PENDING', 'ACTIVE', 'ENDING'))`;
}
