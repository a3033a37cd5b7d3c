import { Prisma } from "../../db/generated/client.ts";

/** Grant states that explain a membership: being added, held, or being removed. ENDED never does. */
export const LIVE_GRANT = Prisma.sql`('PENDING', 'ACTIVE', 'ENDING')`;

/** A live grant of this person whose role maps to this group (the membership is explained). */
export function explainedBy(tenantId: string, groupId: Prisma.Sql, personId: Prisma.Sql) {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Grant" gr JOIN "RoleGroup" rg ON rg."roleId" = gr."roleId"
    WHERE gr."tenantId" = ${tenantId} AND rg."groupId" = ${groupId} AND gr."personId" = ${personId}
      AND gr.status::text IN ${LIVE_GRANT})`;
}

/**
 * Groups drift looks at: managed (Gatehouse may change them), still in the IdP, and mapped to a catalog
 * role (so a grant can explain a member, and a removal can go through a grant). Unmanaged groups never.
 */
export function watchedGroup(tenantId: string, g: Prisma.Sql) {
  return Prisma.sql`${g}."tenantId" = ${tenantId} AND ${g}.managed AND ${g}."removedAt" IS NULL
    AND EXISTS (SELECT 1 FROM "RoleGroup" rg WHERE rg."groupId" = ${g}.id)`;
}

/** The memberships of a connection's watched groups that no live grant explains. */
export function unexplainedMembershipsSql(tenantId: string, connectionId: string) {
  return Prisma.sql`
    SELECT m."groupId", m."personId" FROM "Membership" m JOIN "Group" g ON g.id = m."groupId"
    WHERE m."tenantId" = ${tenantId} AND g."connectionId" = ${connectionId} AND ${watchedGroup(tenantId, Prisma.sql`g`)}
      AND NOT ${explainedBy(tenantId, Prisma.sql`m."groupId"`, Prisma.sql`m."personId"`)}`;
}
