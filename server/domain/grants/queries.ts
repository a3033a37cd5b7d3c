import { directoryPrefix } from "../../connectors/directory-kinds.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import type { Membership } from "../../api/membership.ts";

const LIVE = ["PENDING", "ACTIVE", "ENDING", "FAILED"] as const;
const HISTORY_LIMIT = 50;

const grantInclude = {
  role: {
    select: {
      id: true, name: true, allowedDurations: true, maxDurationMinutes: true, durationRequired: true,
      app: { select: { id: true, name: true, riskLevel: true, provisioningMode: true, owners: { select: { personId: true } } } },
      groups: { select: { group: { select: { name: true, connection: { select: { kind: true } } } } } },
    },
  },
  request: { select: { id: true, jiraIssueKey: true, reason: true } },
  extensions: { where: { status: "PENDING" }, select: { id: true, durationMinutes: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.GrantInclude;
type GrantRow = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;

const isAdmin = (m: Membership) => m.roles.includes("admin");

/** What a page shows of one grant, and what the viewer may do with it. */
function toGrantView(g: GrantRow, m: Membership, bundleNames: Map<string, string> = new Map()) {
  const holder = !!m.personId && g.personId === m.personId;
  const owner = !!m.personId && g.role.app.owners.some((o) => o.personId === m.personId);
  const live = g.status === "ACTIVE" || g.status === "PENDING" || g.status === "FAILED";
  return {
    id: g.id, status: g.status, source: g.source, durationMinutes: g.durationMinutes,
    activatedAt: g.activatedAt, expiresAt: g.expiresAt, warnedAt: g.warnedAt, endedAt: g.endedAt, endReason: g.endReason, endedBy: g.endedBy,
    failureReason: g.failureReason,
    app: { id: g.role.app.id, name: g.role.app.name, riskLevel: g.role.app.riskLevel },
    // Set up and removed by the app's owners, by hand: changes wait on a person, not a job.
    manual: g.role.app.provisioningMode === "MANUAL",
    role: { id: g.role.id, name: g.role.name, allowedDurations: g.role.allowedDurations, maxDurationMinutes: g.role.maxDurationMinutes },
    // As the pages show them: the directory's prefix and the group's name (okta:figma-editors, entra:Power BI Pro).
    groups: g.role.groups.map((x) => `${directoryPrefix(x.group.connection.kind)}:${x.group.name}`),
    request: g.request,
    // Birthright: which bundle granted it and the rule that matched (the name is gone once the bundle is deleted).
    bundle: g.bundleId ? { id: g.bundleId, name: bundleNames.get(g.bundleId) ?? null, rule: g.bundleRule } : null,
    pendingExtension: g.extensions[0] ?? null,
    viewer: {
      canRevoke: live && (isAdmin(m) || (owner && !holder)),
      canGiveBack: live && holder,
      canExtend: holder && g.status === "ACTIVE" && !!g.expiresAt && !g.extensions.length,
    },
  };
}
export type GrantView = ReturnType<typeof toGrantView>;

async function bundleNamesOf(scope: TenantScope, rows: { bundleId: string | null }[]) {
  const ids = [...new Set(rows.map((g) => g.bundleId).filter((x): x is string => !!x))];
  if (!ids.length) return new Map<string, string>();
  return new Map((await scope.tdb.bundle.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((b) => [b.id, b.name]));
}

/** My grants: what I hold now (with what I may do with each) and what I held before, newest first. */
export async function myGrants(scope: TenantScope, membership: Membership) {
  const me = membership.personId;
  if (!me) return { current: [], history: [] };
  const [current, history] = await Promise.all([
    scope.tdb.grant.findMany({ where: { personId: me, status: { in: [...LIVE] } }, include: grantInclude, orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }] }),
    scope.tdb.grant.findMany({ where: { personId: me, status: "ENDED" }, include: grantInclude, orderBy: { endedAt: "desc" }, take: HISTORY_LIMIT }),
  ]);
  const names = await bundleNamesOf(scope, [...current, ...history]);
  return { current: current.map((g) => toGrantView(g, membership, names)), history: history.map((g) => toGrantView(g, membership, names)) };
}

/** Who may see a person's Gatehouse grants: whoever may see the person (directory readers, themselves, their manager). */
async function assertCanSeePerson(scope: TenantScope, m: Membership, personId: string) {
  const person = await scope.tdb.person.findUnique({ where: { id: personId }, select: { id: true, managerId: true } });
  const wide = m.roles.some((r) => r === "admin" || r === "auditor" || r === "security");
  if (!person || (!wide && person.id !== m.personId && person.managerId !== m.personId)) throw notFound("Person");
}

/** A person's live Gatehouse grants (pending, active, being removed, failed), soonest expiry first. */
export async function personGrants(scope: TenantScope, membership: Membership, personId: string) {
  await assertCanSeePerson(scope, membership, personId);
  const rows = await scope.tdb.grant.findMany({
    where: { personId, status: { in: [...LIVE] } }, include: grantInclude,
    orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
  });
  const names = await bundleNamesOf(scope, rows);
  return rows.map((g) => toGrantView(g, membership, names));
}
