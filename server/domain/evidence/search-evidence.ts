// The Evidence page's search: one box that finds requests (id, Jira key, person, app, role), grants,
// people and review campaigns of the tenant, each result leading to its trace.
import { z } from "zod";
import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";

export const evidenceSearchInput = z.object({
  q: z.string().trim().min(1, "Type at least one character").max(100, "Search for at most 100 characters"),
  /** Results per kind. */
  limit: z.number().int().min(1).max(25).default(8),
});
export type EvidenceSearchInput = z.input<typeof evidenceSearchInput>;

const ci = (value: string) => ({ contains: value, mode: "insensitive" as const });
const person = (t: string): Prisma.PersonWhereInput => ({ OR: [{ displayName: ci(t) }, { email: ci(t) }, { login: ci(t) }] });

/** Every word must match somewhere (so "dana figma" finds Dana's Figma requests); exact ids and keys too. */
const terms = (q: string) => [...new Set(q.split(/\s+/).filter(Boolean))].slice(0, 6);

/** Exact matches (the id or the Jira key typed in full) first, then newest first. */
function exactFirst<R extends { id: string }>(rows: R[], q: string, key?: (r: R) => string | null) {
  const exact = (r: R) => r.id === q || (!!key && key(r)?.toLowerCase() === q.toLowerCase());
  return [...rows.filter(exact), ...rows.filter((r) => !exact(r))];
}

/** What the search finds, per kind, with `more` when there are more than shown. */
export async function searchEvidence(scope: TenantScope, raw: EvidenceSearchInput) {
  const { q, limit } = evidenceSearchInput.parse(raw);
  const words = terms(q);
  const take = limit + 1;

  const requestWhere: Prisma.AccessRequestWhereInput = {
    AND: words.map((t) => ({
      OR: [
        { id: t }, { jiraIssueKey: ci(t) }, { beneficiary: person(t) }, { requester: person(t) },
        { app: { name: ci(t) } }, { role: { name: ci(t) } },
      ],
    })),
  };
  const grantWhere: Prisma.GrantWhereInput = {
    AND: words.map((t) => ({
      OR: [
        { id: t }, { requestId: t }, { request: { jiraIssueKey: ci(t) } }, { person: person(t) },
        { role: { name: ci(t) } }, { role: { app: { name: ci(t) } } }, { actions: { some: { group: { name: ci(t) } } } },
      ],
    })),
  };
  const personWhere: Prisma.PersonWhereInput = { AND: words.map((t) => ({ OR: [{ id: t }, ...person(t).OR!, { title: ci(t) }] })) };
  const campaignWhere: Prisma.ReviewCampaignWhereInput = { AND: words.map((t) => ({ OR: [{ id: t }, { name: ci(t) }] })) };

  const [requests, grants, people, campaigns] = await Promise.all([
    scope.tdb.accessRequest.findMany({
      where: requestWhere, take, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true, status: true, createdAt: true, jiraIssueKey: true, source: true,
        beneficiary: { select: { id: true, displayName: true, email: true } },
        app: { select: { name: true } }, role: { select: { name: true } },
        grant: { select: { id: true, status: true } }, extendsGrantId: true,
      },
    }),
    scope.tdb.grant.findMany({
      where: grantWhere, take, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true, status: true, source: true, createdAt: true, activatedAt: true, endedAt: true, expiresAt: true,
        person: { select: { id: true, displayName: true, email: true } },
        role: { select: { name: true, app: { select: { name: true } } } },
        request: { select: { id: true, jiraIssueKey: true } },
      },
    }),
    scope.tdb.person.findMany({
      where: personWhere, take, orderBy: [{ displayName: "asc" }, { id: "asc" }],
      select: { id: true, displayName: true, email: true, title: true, department: true, status: true, _count: { select: { grants: true } } },
    }),
    scope.tdb.reviewCampaign.findMany({
      where: campaignWhere, take, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, name: true, status: true, launchedAt: true, closedAt: true, dueAt: true, _count: { select: { items: true } } },
    }),
  ]);

  const page = <R>(rows: R[]) => ({ rows: rows.slice(0, limit), more: rows.length > limit });
  return {
    q,
    requests: page(exactFirst(requests, q, (r) => r.jiraIssueKey).map((r) => ({
      id: r.id, status: r.status, createdAt: r.createdAt, jiraIssueKey: r.jiraIssueKey, source: r.source,
      person: r.beneficiary, app: r.app.name, role: r.role.name,
      grantId: r.grant?.id ?? r.extendsGrantId ?? null, grantStatus: r.grant?.status ?? null, isExtension: !!r.extendsGrantId,
    }))),
    grants: page(exactFirst(grants, q, (g) => g.request?.jiraIssueKey ?? null).map((g) => ({
      id: g.id, status: g.status, source: g.source, createdAt: g.createdAt, activatedAt: g.activatedAt, endedAt: g.endedAt, expiresAt: g.expiresAt,
      person: g.person, app: g.role.app.name, role: g.role.name, requestId: g.request?.id ?? null, jiraIssueKey: g.request?.jiraIssueKey ?? null,
    }))),
    people: page(exactFirst(people, q).map(({ _count, ...p }) => ({ ...p, grantCount: _count.grants }))),
    campaigns: page(exactFirst(campaigns, q).map(({ _count, ...c }) => ({ ...c, itemCount: _count.items }))),
  };
}
export type EvidenceSearchResult = Awaited<ReturnType<typeof searchEvidence>>;
