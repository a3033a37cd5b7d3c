// The auditor's four answers about one grant, from Gatehouse alone: who approved it, what exact role and
// group it gave, whether it was still needed after 30 days, and the proof it was removed.
import type { Prisma } from "../../db/generated/client.ts";
import { notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { namesOf, reviewReadBack } from "./list-review-evidence.ts";

/** The checkpoint of the third answer: was the access still held, and used, this long after it started? */
export const STILL_NEEDED_DAYS = 30;
const DAY_MS = 86_400_000;

const personSelect = { id: true, displayName: true, email: true, title: true, department: true } as const;

const requestInclude = {
  requester: { select: personSelect },
  steps: {
    orderBy: { position: "asc" },
    include: { decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: personSelect } } } },
  },
} satisfies Prisma.AccessRequestInclude;
type RequestRow = Prisma.AccessRequestGetPayload<{ include: typeof requestInclude }>;

// The connection's kind names the directory the group lives in (okta:, entra:, google:, scim:).
const groupSelect = { id: true, name: true, externalId: true, type: true, connection: { select: { kind: true } } } as const;

const grantInclude = {
  person: { select: { ...personSelect, status: true, lastLoginAt: true, terminationDate: true } },
  role: {
    select: {
      id: true, name: true, privileged: true,
      app: { select: { id: true, name: true, riskLevel: true, provisioningMode: true } },
      groups: { select: { group: { select: groupSelect } } },
    },
  },
  request: { include: requestInclude },
  extensions: { orderBy: { createdAt: "asc" }, include: requestInclude },
  actions: { orderBy: { createdAt: "asc" }, include: { group: { select: groupSelect } } },
} satisfies Prisma.GrantInclude;
type GrantRow = Prisma.GrantGetPayload<{ include: typeof grantInclude }>;
type ActionRow = GrantRow["actions"][number];

type ReadBack = { isMember: boolean | null; checkedAt: string | null; detail: string | null; kept: boolean };

function readBackOf(value: unknown): ReadBack | null {
  if (!value || typeof value !== "object") return null;
  const rb = value as { isMember?: unknown; checkedAt?: unknown; detail?: unknown; kept?: unknown };
  return {
    isMember: typeof rb.isMember === "boolean" ? rb.isMember : null,
    checkedAt: typeof rb.checkedAt === "string" ? rb.checkedAt : null,
    detail: typeof rb.detail === "string" ? rb.detail : null,
    kept: rb.kept === true,
  };
}

/** One identity action and the read-back that proves it (member after an add, gone after a removal). */
function toProof(a: ActionRow) {
  const readBack = readBackOf(a.readBack);
  const proves = !!readBack && !readBack.kept && readBack.isMember === (a.kind === "ADD_MEMBER");
  return {
    id: a.id, kind: a.kind, status: a.status, attempts: a.attempts, lastError: a.lastError,
    createdAt: a.createdAt, completedAt: a.completedAt, readBack, proves,
    group: a.group, groupExternalId: a.groupExternalId, personExternalId: a.personExternalId,
  };
}
export type ActionProof = ReturnType<typeof toProof>;

/** A request's approvals: every step, who could approve, who did (or denied), how, when and what they said. */
export function toApproval(r: RequestRow, approverNames: Map<string, string>) {
  const steps = r.steps.map((s) => ({
    position: s.position, kind: s.kind, mode: s.mode, status: s.status, fallback: s.fallback, decidedAt: s.decidedAt,
    approvers: s.approverPersonIds.map((id) => ({ id, displayName: approverNames.get(id) ?? "Unknown person" })),
    decisions: s.decisions.map((d) => ({ decision: d.decision, comment: d.comment, channel: d.channel, at: d.createdAt, decider: d.decider })),
  }));
  return {
    id: r.id, status: r.status, source: r.source, reason: r.reason, durationMinutes: r.durationMinutes,
    jiraIssueKey: r.jiraIssueKey, jiraIssueUrl: r.jiraIssueUrl, createdAt: r.createdAt, decidedAt: r.decidedAt, failureReason: r.failureReason,
    requester: r.requester, isExtension: !!r.extendsGrantId,
    // Every step automatic (or no step at all): the policy approved it, no person did.
    autoApproved: r.status === "APPROVED" && steps.every((s) => s.kind === "AUTO"),
    steps,
  };
}
export type RequestApproval = ReturnType<typeof toApproval>;

const withoutRequest: Record<string, string> = {
  import: "Imported: the access was already in the IdP when Gatehouse took it over; no request explains it.",
  kept: "Adopted: a membership no grant explained, kept by a decision and adopted as a grant; no request explains it.",
  bundle: "Birthright: granted by a bundle rule (department, title or location), with no request or approval.",
};

/** A birthright grant's bundle and the rule that matched; the name comes from the audit log once the bundle is deleted. */
async function bundleOf(scope: TenantScope, g: { bundleId: string | null; bundleRule: string | null }) {
  if (!g.bundleId) return null;
  const bundle = await scope.tdb.bundle.findUnique({ where: { id: g.bundleId }, select: { name: true } });
  const last = bundle ? null : await scope.tdb.auditEvent.findFirst({ where: { subjectType: "bundle", subjectId: g.bundleId }, orderBy: { seq: "desc" } });
  const name = bundle?.name ?? ((last?.data as { name?: string } | null)?.name ?? null);
  return { id: g.bundleId, name, deleted: !bundle, rule: g.bundleRule };
}

/** The ids of every request in a grant's history: the one that created it and its extensions. */
const requestIdsOf = (g: GrantRow) => [g.requestId, ...g.extensions.map((e) => e.id)].filter((x): x is string => !!x);

async function auditOf(scope: TenantScope, g: GrantRow, reviewItemIds: string[]) {
  const requestIds = requestIdsOf(g);
  const rows = await scope.tdb.auditEvent.findMany({
    where: {
      OR: [
        { subjectType: "grant", subjectId: g.id },
        ...(requestIds.length ? [{ subjectType: "request", subjectId: { in: requestIds } }] : []),
        ...(reviewItemIds.length ? [{ subjectId: { in: reviewItemIds } }] : []),
      ],
    },
    orderBy: { seq: "asc" },
    take: 500,
  });
  return rows.map((e) => ({
    id: e.id, seq: e.seq, at: e.at, action: e.action, actorType: e.actorType, actorLabel: e.actorLabel,
    subjectType: e.subjectType, subjectId: e.subjectId, data: e.data as Record<string, unknown>, hash: e.hash, prevHash: e.prevHash,
  }));
}

async function reviewsOf(scope: TenantScope, grantId: string) {
  const items = await scope.tdb.reviewItem.findMany({
    where: { OR: [{ grantId }, { revocationGrantId: grantId }] },
    include: { campaign: { select: { id: true, name: true, status: true, launchedAt: true, closedAt: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const reviewers = await namesOf(scope, items.map((i) => i.reviewerPersonId));
  return items.map((i) => ({
    id: i.id,
    campaign: i.campaign,
    // Reviewed as this grant, or a membership no grant explained that this grant was adopted for.
    via: i.grantId === grantId ? ("reviewed" as const) : ("adopted" as const),
    accessLabel: i.accessLabel,
    groupNames: i.groupNames,
    recommendation: i.recommendation,
    recommendationReason: i.recommendationReason,
    reviewer: reviewers.get(i.reviewerPersonId) ?? null,
    decision: i.decision,
    decidedBy: i.deciderName,
    comment: i.comment,
    decidedAt: i.decidedAt,
    lastLoginAt: i.lastLoginAt,
    lastUsedAt: i.lastUsedAt,
    revocation: i.revocation,
    revocationCompletedAt: i.revocationCompletedAt,
    readBack: reviewReadBack(i.readBack),
  }));
}

/** Answer 3: still held at activation + 30 days? Last sign-in, last use, and every review the grant went through. */
function stillNeeded(g: GrantRow, reviews: Awaited<ReturnType<typeof reviewsOf>>, now: Date) {
  const checkpointAt = g.activatedAt ? new Date(g.activatedAt.getTime() + STILL_NEEDED_DAYS * DAY_MS) : null;
  const verdict: "never-active" | "not-yet" | "ended-before" | "held" =
    !checkpointAt ? "never-active"
      : g.endedAt && g.endedAt.getTime() <= checkpointAt.getTime() ? "ended-before"
        : now.getTime() < checkpointAt.getTime() ? "not-yet"
          : "held";
  const used = reviews.filter((r) => r.lastUsedAt).sort((a, b) => b.lastUsedAt!.getTime() - a.lastUsedAt!.getTime())[0];
  return {
    days: STILL_NEEDED_DAYS,
    activatedAt: g.activatedAt,
    checkpointAt,
    verdict,
    endedAt: g.endedAt,
    daysActive: g.activatedAt ? Math.floor(((g.endedAt ?? now).getTime() - g.activatedAt.getTime()) / DAY_MS) : null,
    holderLastLoginAt: g.person.lastLoginAt,
    signedInSinceGrant: !!(g.person.lastLoginAt && g.activatedAt && g.person.lastLoginAt.getTime() >= g.activatedAt.getTime()),
    // Per-app last use is known only where a review captured it from the IdP.
    lastUsed: used ? { at: used.lastUsedAt!, campaign: used.campaign.name } : null,
    reviews,
  };
}

/** Every fact of one grant an auditor needs, in four answers, then its audit events. Another tenant's id: not found. */
export async function traceGrant(scope: TenantScope, grantId: string) {
  const g = await scope.tdb.grant.findUnique({ where: { id: grantId }, include: grantInclude });
  if (!g) throw notFound("Grant");
  const requests = [g.request, ...g.extensions].filter((r): r is RequestRow => !!r);
  const approverNames = await namesOf(scope, requests.flatMap((r) => r.steps.flatMap((s) => s.approverPersonIds)));
  const reviews = await reviewsOf(scope, g.id);
  const now = scope.clock.now();
  const adds = g.actions.filter((a) => a.kind === "ADD_MEMBER").map(toProof);
  const removes = g.actions.filter((a) => a.kind === "REMOVE_MEMBER").map(toProof);
  const added = new Set(adds.map((a) => a.group.id));
  const audit = await auditOf(scope, g, reviews.map((r) => r.id));
  const endingAt = [...audit].reverse().find((e) => e.subjectType === "grant" && e.action === "grant.ending")?.at ?? null;
  const bundle = await bundleOf(scope, g);
  return {
    grant: {
      id: g.id, status: g.status, source: g.source, createdAt: g.createdAt, activatedAt: g.activatedAt, expiresAt: g.expiresAt,
      endedAt: g.endedAt, endReason: g.endReason, endedBy: g.endedBy, durationMinutes: g.durationMinutes, failureReason: g.failureReason,
      departmentAtGrant: g.departmentAtGrant,
    },
    holder: g.person,
    app: g.role.app,
    role: { id: g.role.id, name: g.role.name, privileged: g.role.privileged },
    approval: {
      request: g.request ? toApproval(g.request, approverNames) : null,
      extensions: g.extensions.map((e) => toApproval(e, approverNames)),
      withoutRequest: g.request ? null
        : bundle ? `Birthright: granted by bundle “${bundle.name ?? bundle.id}”${bundle.deleted ? " (since deleted)" : ""} because ${bundle.rule ?? "its rules matched"}, with no request or approval.`
        : (withoutRequest[g.source] ?? `No request explains this access (source: ${g.source}).`),
      bundle,
    },
    granted: {
      adds,
      // Groups the role maps to that this grant has no add for (not provisioned yet, or mapped after it was granted).
      notAdded: g.role.groups.map((x) => x.group).filter((x) => !added.has(x.id)),
    },
    stillNeeded: stillNeeded(g, reviews, now),
    removal: {
      status: g.status, endReason: g.endReason, endedBy: g.endedBy, endingAt, endedAt: g.endedAt, expiresAt: g.expiresAt,
      removes,
      allProven: removes.length > 0 && removes.every((r) => r.proves || r.readBack?.kept),
    },
    audit,
    asOf: now,
  };
}
export type GrantTrace = Awaited<ReturnType<typeof traceGrant>>;

/**
 * A request as the auditor looks it up: its grant's trace when it led to one (an extension leads to the
 * grant it extends), otherwise the request and its approvals alone (denied, cancelled, pending, failed).
 */
export async function traceRequest(scope: TenantScope, requestId: string) {
  const r = await scope.tdb.accessRequest.findUnique({
    where: { id: requestId },
    include: {
      ...requestInclude,
      beneficiary: { select: { ...personSelect, status: true, lastLoginAt: true } },
      app: { select: { id: true, name: true, riskLevel: true } },
      role: { select: { id: true, name: true, privileged: true, groups: { select: { group: { select: groupSelect } } } } },
      grant: { select: { id: true } },
    },
  });
  if (!r) throw notFound("Request");
  const grantId = r.grant?.id ?? r.extendsGrantId ?? null;
  const approverNames = await namesOf(scope, r.steps.flatMap((s) => s.approverPersonIds));
  const audit = await scope.tdb.auditEvent.findMany({ where: { subjectType: "request", subjectId: r.id }, orderBy: { seq: "asc" }, take: 500 });
  return {
    requestId: r.id,
    grantId,
    beneficiary: r.beneficiary,
    app: r.app,
    role: { id: r.role.id, name: r.role.name, privileged: r.role.privileged, groups: r.role.groups.map((x) => x.group) },
    approval: toApproval(r, approverNames),
    audit: audit.map((e) => ({
      id: e.id, seq: e.seq, at: e.at, action: e.action, actorType: e.actorType, actorLabel: e.actorLabel,
      subjectType: e.subjectType, subjectId: e.subjectId, data: e.data as Record<string, unknown>, hash: e.hash, prevHash: e.prevHash,
    })),
    asOf: scope.clock.now(),
  };
}
export type RequestTrace = Awaited<ReturnType<typeof traceRequest>>;
