import { z } from "zod";
import { DIRECTORY_NAMES, directoryPrefix, isDirectoryKind } from "../../connectors/directory-kinds.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import type { Membership } from "../../api/membership.ts";

const person = { select: { id: true, displayName: true, email: true, title: true, department: true } } as const;

const requestInclude = {
  requester: person,
  beneficiary: { select: { ...person.select, location: true, manager: person } },
  app: { select: { id: true, name: true, riskLevel: true, owners: { select: { personId: true } } } },
  role: { select: { id: true, name: true, privileged: true, groups: { select: { group: { select: { id: true, name: true, externalId: true, connection: { select: { kind: true } } } } } } } },
  steps: { orderBy: { position: "asc" }, include: { decisions: { orderBy: { createdAt: "asc" }, include: { decider: person } } } },
  grant: { include: { actions: { orderBy: { createdAt: "asc" }, include: { group: { select: { id: true, name: true, externalId: true, connection: { select: { kind: true } } } } } } } },
  ticketEvents: { orderBy: { seq: "asc" }, select: { seq: true, kind: true, status: true, attempts: true, lastError: true, deliveredAt: true, externalId: true } },
} satisfies Prisma.AccessRequestInclude;

type RequestRow = Prisma.AccessRequestGetPayload<{ include: typeof requestInclude }>;

/** A role's group as the pages show it, with the prefix of its directory (okta:, entra:, google:, scim:). */
const groupRef = ({ connection, ...g }: { id: string; name: string; externalId: string; connection: { kind: string } }) => ({ ...g, source: directoryPrefix(connection.kind) });

/** Who may see a request: the people in it, its approvers, and admins, auditors and security. */
export function canSee(r: Pick<RequestRow, "requesterPersonId" | "beneficiaryPersonId" | "steps">, m: Membership): boolean {
  if (m.roles.some((x) => x === "admin" || x === "auditor" || x === "security")) return true;
  const me = m.personId;
  if (!me) return false;
  return r.requesterPersonId === me || r.beneficiaryPersonId === me || r.steps.some((s) => s.approverPersonIds.includes(me));
}

async function peopleById(scope: TenantScope, ids: string[]) {
  const rows = await scope.tdb.person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true, email: true, title: true } });
  return new Map(rows.map((p) => [p.id, p]));
}

/** One request with its whole trail: trigger, steps and decisions, identity actions and read-backs, Jira, audit. */
export async function getRequest(scope: TenantScope, membership: Membership, requestId: string) {
  const r = await scope.tdb.accessRequest.findUnique({ where: { id: requestId }, include: requestInclude });
  if (!r || !canSee(r, membership)) throw notFound("Request");
  const approvers = await peopleById(scope, r.steps.flatMap((s) => s.approverPersonIds));
  const audit = await scope.tdb.auditEvent.findMany({
    where: { OR: [{ subjectType: "request", subjectId: r.id }, ...(r.grant ? [{ subjectType: "grant", subjectId: r.grant.id }] : [])] },
    orderBy: { seq: "asc" },
    select: { seq: true, at: true, action: true, actorType: true, actorLabel: true, data: true, hash: true },
  });
  const manualTasks = r.grant ? await grantTasks(scope, r.grant.id) : [];
  const me = membership.personId;
  const current = r.steps.find((s) => s.status === "PENDING");
  return {
    ...toSummary(r),
    reason: r.reason,
    failureReason: r.failureReason,
    jira: { key: r.jiraIssueKey, url: r.jiraIssueUrl, events: r.ticketEvents },
    beneficiary: r.beneficiary,
    role: { id: r.role.id, name: r.role.name, privileged: r.role.privileged, groups: r.role.groups.map((g) => groupRef(g.group)) },
    steps: r.steps.map((s) => ({
      id: s.id, position: s.position, kind: s.kind, mode: s.mode, status: s.status, fallback: s.fallback, decidedAt: s.decidedAt,
      approvers: s.approverPersonIds.map((id) => approvers.get(id)).filter((p) => !!p),
      decisions: s.decisions.map((d) => ({ decision: d.decision, comment: d.comment, channel: d.channel, at: d.createdAt, decider: d.decider })),
    })),
    grant: r.grant && {
      id: r.grant.id, status: r.grant.status, activatedAt: r.grant.activatedAt, expiresAt: r.grant.expiresAt, endedAt: r.grant.endedAt,
      endReason: r.grant.endReason, failureReason: r.grant.failureReason,
      durationMinutes: r.grant.durationMinutes, warnedAt: r.grant.warnedAt, endedBy: r.grant.endedBy,
      actions: r.grant.actions.map((a) => ({
        id: a.id, kind: a.kind, status: a.status, attempts: a.attempts, lastError: a.lastError, completedAt: a.completedAt,
        group: { id: a.group.id, name: a.group.name, externalId: a.group.externalId },
        // The directory the group lives in (Okta, Entra ID, Google Workspace, SCIM 2.0), as the trail names it.
        directory: isDirectoryKind(a.group.connection.kind) ? DIRECTORY_NAMES[a.group.connection.kind] : "the directory",
        source: directoryPrefix(a.group.connection.kind),
        groupExternalId: a.groupExternalId, personExternalId: a.personExternalId, readBack: a.readBack as null | { isMember: boolean; checkedAt: string; detail: string },
      })),
      manualTasks,
    },
    audit,
    viewer: {
      canDecide: !!me && r.status === "PENDING" && !!current?.approverPersonIds.includes(me) && !current.decisions.some((d) => d.deciderPersonId === me),
      canCancel: !!me && r.status === "PENDING" && (r.requesterPersonId === me || r.beneficiaryPersonId === me),
      canRetry: membership.roles.includes("admin") && r.grant?.status === "FAILED",
      // Mirrors revokeGrant: admins, or an owner of the app who is not the holder.
      canRevoke: !!r.grant && ["PENDING", "ACTIVE", "FAILED"].includes(r.grant.status) &&
        (membership.roles.includes("admin") || (!!me && me !== r.beneficiaryPersonId && r.app.owners.some((o) => o.personId === me))),
    },
  };
}
export type RequestDetail = Awaited<ReturnType<typeof getRequest>>;

/** A manual app's set-up and removal tasks for this grant, with who they are assigned to. */
async function grantTasks(scope: TenantScope, grantId: string) {
  const tasks = await scope.tdb.accessTask.findMany({ where: { grantId }, orderBy: { createdAt: "asc" } });
  const people = await peopleById(scope, tasks.flatMap((t) => t.assigneePersonIds));
  return tasks.map((t) => ({
    id: t.id, kind: t.kind as "grant" | "remove", status: t.status, title: t.title, dueAt: t.dueAt, escalatedAt: t.escalatedAt, createdAt: t.createdAt,
    assignees: t.assigneePersonIds.map((id) => people.get(id)?.displayName ?? "Someone"),
    completedAt: t.completedAt, completedByName: t.completedByName, note: t.note,
  }));
}

function toSummary(r: RequestRow) {
  return {
    id: r.id, status: r.status, createdAt: r.createdAt, decidedAt: r.decidedAt, durationMinutes: r.durationMinutes, source: r.source, extendsGrantId: r.extendsGrantId,
    requester: r.requester, beneficiaryName: r.beneficiary.displayName, beneficiaryId: r.beneficiary.id,
    app: { id: r.app.id, name: r.app.name, riskLevel: r.app.riskLevel }, roleName: r.role.name, jiraIssueKey: r.jiraIssueKey, grantStatus: r.grant?.status ?? null, expiresAt: r.grant?.expiresAt ?? null,
    currentStep: (() => {
      const s = r.steps.find((x) => x.status === "PENDING");
      return s ? { position: s.position, kind: s.kind, of: r.steps.length } : null;
    })(),
  };
}

export const requestListInput = z.object({
  scope: z.enum(["mine", "all"]).default("mine"),
  status: z.enum(["PENDING", "APPROVED", "DENIED", "CANCELLED", "FAILED"]).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).nullish(),
});

/** Requests I made or that are for me; admins, auditors and security can list all. */
export async function listRequests(scope: TenantScope, membership: Membership, raw: z.input<typeof requestListInput>) {
  const input = requestListInput.parse(raw);
  const wide = input.scope === "all" && membership.roles.some((x) => x === "admin" || x === "auditor" || x === "security");
  const me = membership.personId ?? "-";
  const where: Prisma.AccessRequestWhereInput = {
    ...(wide ? {} : { OR: [{ requesterPersonId: me }, { beneficiaryPersonId: me }] }),
    ...(input.status ? { status: input.status } : {}),
  };
  const rows = await scope.tdb.accessRequest.findMany({
    where, include: requestInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { requests: page.map(toSummary), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null, total: await scope.tdb.accessRequest.count({ where }) };
}

/** What waits for my decision right now, with the context to decide without asking. */
export async function inbox(scope: TenantScope, membership: Membership) {
  const me = membership.personId;
  if (!me) return [];
  const rows = await scope.tdb.accessRequest.findMany({
    where: { status: "PENDING", steps: { some: { status: "PENDING", approverPersonIds: { has: me } } } },
    include: requestInclude,
    orderBy: { createdAt: "asc" },
  });
  const open = rows.filter((r) => !r.steps.find((s) => s.status === "PENDING")!.decisions.some((d) => d.deciderPersonId === me));
  const history = await scope.tdb.grant.findMany({
    where: { OR: open.map((r) => ({ personId: r.beneficiaryPersonId, roleId: r.roleId })) },
    select: { personId: true, roleId: true, status: true, activatedAt: true, endedAt: true },
  });
  return open.map((r) => ({
    ...toSummary(r),
    reason: r.reason,
    beneficiary: r.beneficiary,
    risk: r.app.riskLevel,
    privileged: r.role.privileged,
    groups: r.role.groups.map((g) => groupRef(g.group)),
    heldBefore: history.filter((h) => h.personId === r.beneficiaryPersonId && h.roleId === r.roleId && h.status === "ENDED").length,
    priorApprovals: r.steps.flatMap((s) => s.decisions.filter((d) => d.decision === "APPROVE").map((d) => ({ step: s.position + 1, by: d.decider.displayName, at: d.createdAt, comment: d.comment }))),
    step: (() => {
      const s = r.steps.find((x) => x.status === "PENDING")!;
      return { position: s.position, of: r.steps.length, kind: s.kind, mode: s.mode, fallback: s.fallback };
    })(),
  }));
}

/** My active and pending access, how it was granted and when it ends, and my open requests. */
export async function myAccess(scope: TenantScope, membership: Membership) {
  const me = membership.personId;
  if (!me) return { grants: [], openRequests: [] };
  const grants = await scope.tdb.grant.findMany({
    where: { personId: me, status: { in: ["PENDING", "ACTIVE", "ENDING", "FAILED"] } },
    include: { role: { select: { id: true, name: true, app: { select: { id: true, name: true, riskLevel: true } }, groups: { select: { group: { select: { name: true } } } } } }, request: { select: { id: true, jiraIssueKey: true, reason: true } } },
    orderBy: [{ status: "asc" }, { activatedAt: "desc" }],
  });
  const openRequests = await listRequests(scope, membership, { scope: "mine", status: "PENDING" });
  return {
    grants: grants.map((g) => ({
      id: g.id, status: g.status, source: g.source, activatedAt: g.activatedAt, expiresAt: g.expiresAt, failureReason: g.failureReason,
      app: g.role.app, roleName: g.role.name, roleId: g.role.id, groups: g.role.groups.map((x) => x.group.name), request: g.request,
    })),
    openRequests: openRequests.requests,
  };
}
