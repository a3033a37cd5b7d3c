import type { Prisma } from "../../db/generated/client.ts";
import type { TenantScope } from "../services.ts";
import { pageOrder, pageWhere, toPage, type EvidenceQuery } from "./evidence-query.ts";

const include = {
  person: { select: { email: true } },
  role: { select: { name: true, app: { select: { name: true } }, groups: { select: { group: { select: { name: true } } } } } },
  actions: {
    orderBy: { createdAt: "asc" },
    select: { kind: true, status: true, completedAt: true, lastError: true, readBack: true, groupExternalId: true, group: { select: { name: true } } },
  },
} satisfies Prisma.GrantInclude;
type Row = Prisma.GrantGetPayload<{ include: typeof include }>;
type Action = Row["actions"][number];

/** The identity action and the read-back that proved it (is the person a member of the group afterwards?). */
function readBack(a: Action) {
  const rb = (a.readBack ?? null) as null | { isMember?: boolean; checkedAt?: string; detail?: string };
  return {
    group: a.group.name, groupExternalId: a.groupExternalId, status: a.status, completedAt: a.completedAt, lastError: a.lastError,
    isMember: rb?.isMember ?? null, checkedAt: rb?.checkedAt ?? null, detail: rb?.detail ?? null,
  };
}

function toEvidence(g: Row) {
  const adds = g.actions.filter((a) => a.kind === "ADD_MEMBER");
  return {
    id: g.id,
    createdAt: g.createdAt,
    personEmail: g.person.email,
    app: g.role.app.name,
    role: g.role.name,
    // The groups this grant added; before provisioning, the groups its role maps to.
    groups: adds.length ? [...new Set(adds.map((a) => a.group.name))] : g.role.groups.map((x) => x.group.name),
    source: g.source,
    status: g.status,
    activatedAt: g.activatedAt,
    expiresAt: g.expiresAt,
    endedAt: g.endedAt,
    endReason: g.endReason,
    endedBy: g.endedBy,
    requestId: g.requestId,
    added: adds.map(readBack),
    removed: g.actions.filter((a) => a.kind === "REMOVE_MEMBER").map(readBack),
  };
}
export type GrantEvidence = ReturnType<typeof toEvidence>;

/** One page of the tenant's grants created in the window, oldest first, with the read-backs of every add and removal. */
export async function listGrantEvidence(scope: TenantScope, q: EvidenceQuery) {
  const rows = await scope.tdb.grant.findMany({ where: pageWhere(q), orderBy: pageOrder, take: q.limit + 1, include });
  return toPage("grants", rows, q.limit, toEvidence);
}
