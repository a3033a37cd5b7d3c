// A person as the auditor looks them up: every grant they ever held through Gatehouse (each leading to
// its trace), the requests that led to nothing, and the reviews of their access.
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";

const HISTORY_LIMIT = 500;

export async function personEvidence(scope: TenantScope, personId: string) {
  const person = await scope.tdb.person.findUnique({
    where: { id: personId },
    select: {
      id: true, displayName: true, email: true, title: true, department: true, status: true, lastLoginAt: true,
      startDate: true, terminationDate: true, manager: { select: { id: true, displayName: true } },
    },
  });
  if (!person) throw notFound("Person");
  const [grants, grantCount, requests, reviewCount] = await Promise.all([
    scope.tdb.grant.findMany({
      where: { personId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      select: {
        id: true, status: true, source: true, createdAt: true, activatedAt: true, expiresAt: true, endedAt: true, endReason: true, endedBy: true,
        role: { select: { name: true, app: { select: { name: true } } } },
        request: { select: { id: true, jiraIssueKey: true } },
        actions: { where: { kind: "ADD_MEMBER" }, select: { group: { select: { name: true } } } },
      },
    }),
    scope.tdb.grant.count({ where: { personId } }),
    // Requests for this person that created no grant of their own (denied, cancelled, pending, failed, extensions).
    scope.tdb.accessRequest.findMany({
      where: { beneficiaryPersonId: personId, grant: { is: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      select: {
        id: true, status: true, createdAt: true, decidedAt: true, jiraIssueKey: true, extendsGrantId: true,
        app: { select: { name: true } }, role: { select: { name: true } },
      },
    }),
    scope.tdb.reviewItem.count({ where: { personId } }),
  ]);
  return {
    person,
    grants: grants.map((g) => ({
      id: g.id, status: g.status, source: g.source, createdAt: g.createdAt, activatedAt: g.activatedAt, expiresAt: g.expiresAt,
      endedAt: g.endedAt, endReason: g.endReason, endedBy: g.endedBy, app: g.role.app.name, role: g.role.name,
      groups: [...new Set(g.actions.map((a) => a.group.name))], requestId: g.request?.id ?? null, jiraIssueKey: g.request?.jiraIssueKey ?? null,
    })),
    grantCount,
    otherRequests: requests.map((r) => ({
      id: r.id, status: r.status, createdAt: r.createdAt, decidedAt: r.decidedAt, jiraIssueKey: r.jiraIssueKey,
      app: r.app.name, role: r.role.name, extendsGrantId: r.extendsGrantId,
    })),
    reviewCount,
    limit: HISTORY_LIMIT,
  };
}
export type PersonEvidence = Awaited<ReturnType<typeof personEvidence>>;
