import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudits } from "../audit.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEventsMany, type TicketEventPayload } from "../tickets/ticket-events.ts";
import { cancelExpiry } from "./grant-timer.ts";
import { DEPROVISION_JOB } from "./jobs.ts";
import { isManual, openManualTasks, type ManualGrant } from "../tasks/open-manual-tasks.ts";

export type EndReason = "expired" | "revoked" | "given_back";

const ENDABLE = ["PENDING", "ACTIVE", "FAILED"] as const;
const SAFETY_NET_DELAY_MS = 60_000;

const describe: Record<EndReason, string> = { expired: "expired", revoked: "revoked", given_back: "given back" };
const endWords = (end: { reason: EndReason; endedBy: string }) => `${describe[end.reason]}${end.reason === "expired" ? "" : ` by ${end.endedBy}`}`;

/**
 * The desired state becomes "no access" for these grants, in the caller's transaction: each is marked
 * ENDING with who and why, gets one REMOVE_MEMBER action per group it added, and a removal job. A group
 * the person still holds through another live grant is kept (recorded as such), since removing it would
 * take away access that is still granted. Grants already ending or ended are left alone (idempotent).
 */
export async function endGrants(
  tx: TenantTx,
  scope: TenantScope,
  grantIds: string[],
  end: { reason: EndReason; note?: string | null; endedBy: string },
  now: Date,
  opts: { removingNow?: boolean } = {},
) {
  let grants = await tx.grant.findMany({
    where: { id: { in: grantIds }, status: { in: [...ENDABLE] } },
    include: { actions: { where: { kind: "ADD_MEMBER" }, include: { group: true } }, person: true, role: { include: { app: true } } },
  });
  // Only the grants this transaction moves to ENDING go on: a concurrent end of the same grant wins once.
  const moved = new Set((await tx.grant.updateManyAndReturn({
    where: { id: { in: grants.map((g) => g.id) }, status: { in: [...ENDABLE] } },
    data: { status: "ENDING", endReason: end.note ? `${end.reason}: ${end.note}` : end.reason, endedBy: end.endedBy, leaseUntil: null },
    select: { id: true },
  })).map((g) => g.id));
  grants = grants.filter((g) => moved.has(g.id));
  if (!grants.length) return [];
  const ids = grants.map((g) => g.id);
  const stillGranted = await tx.identityAction.findMany({
    where: {
      kind: "ADD_MEMBER", groupId: { in: [...new Set(grants.flatMap((g) => g.actions.map((a) => a.groupId)))] },
      grant: { personId: { in: grants.map((g) => g.personId) }, status: { in: ["PENDING", "ACTIVE"] }, id: { notIn: ids } },
    },
    select: { groupId: true, grantId: true, grant: { select: { personId: true } } },
  });
  const keptBy = new Map(stillGranted.map((a) => [`${a.grant.personId}:${a.groupId}`, a.grantId]));

  const removals = grants.flatMap((g) => g.actions.map((a) => {
    const keeper = keptBy.get(`${g.personId}:${a.groupId}`);
    return {
      grantId: g.id, kind: "REMOVE_MEMBER" as const, connectionId: a.connectionId, groupId: a.groupId,
      groupExternalId: a.groupExternalId, personExternalId: a.personExternalId,
      ...(keeper ? { status: "SUCCEEDED" as const, completedAt: now, readBack: { kept: true, detail: `kept: still granted by grant ${keeper}` } } : {}),
    };
  }));
  if (removals.length) await tx.identityAction.createMany({ data: removals as never, skipDuplicates: true });
  for (const g of grants) await cancelExpiry(tx, scope.jobs, g);
  await endManualAccess(tx, scope, grants, end, now);
  // An extension still waiting for approval has nothing left to extend.
  const extensions = await tx.accessRequest.updateManyAndReturn({
    where: { extendsGrantId: { in: ids }, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: now, failureReason: "The access it would extend has ended" },
    select: { id: true },
  });
  await tx.approvalStep.updateMany({ where: { requestId: { in: extensions.map((r) => r.id) }, status: { in: ["PENDING", "WAITING"] } }, data: { status: "SKIPPED" } });

  await recordAudits(tx, scope.tenantId, scope.actor, grants.map((g) => ({
    action: "grant.ending", subjectType: "grant", subjectId: g.id,
    data: { reason: end.reason, note: end.note ?? null, endedBy: end.endedBy, requestId: g.requestId, expiresAt: g.expiresAt?.toISOString() ?? null, groups: g.actions.map((a) => a.group.name) },
  })), now);
  await recordTicketEventsMany(tx, scope.jobs, scope.tenantId, extensions.map((r) => ({
    requestId: r.id,
    events: [{ kind: "comment", text: "Cancelled: the access this extension would extend has ended.", facts: [] }, { kind: "transition", name: "Decline" }] satisfies TicketEventPayload[],
  })));
  await recordTicketEventsMany(tx, scope.jobs, scope.tenantId, grants.filter((g) => g.requestId).map((g) => ({
    requestId: g.requestId!,
    events: [{
      kind: "comment",
      text: `Access ${endWords(end)}${end.note ? ` — “${end.note}”` : ""}.${g.actions.length ? ` Removing ${g.person.displayName} from ${g.actions.map((a) => a.group.name).join(", ")}.` : ""}`,
      facts: [],
    }] satisfies TicketEventPayload[],
  })));
  // One removal job for the batch. A caller that removes right away still queues it, later, as the
  // safety net that finishes the work if this process stops half-way.
  await scope.jobs.enqueue(DEPROVISION_JOB, { tenantId: scope.tenantId, grantIds: ids }, {
    tx: tx as never, tenantId: scope.tenantId, runAt: opts.removingNow ? new Date(now.getTime() + SAFETY_NET_DELAY_MS) : now,
  });
  return grants;
}

/**
 * A manual app's access is removed by its owners: a removal task for each grant that was set up, while a
 * grant still waiting to be set up just has its set-up task cancelled (there is nothing to remove).
 */
async function endManualAccess(
  tx: TenantTx, scope: TenantScope, grants: (ManualGrant & { status: string })[], end: { reason: EndReason; endedBy: string; note?: string | null }, now: Date,
) {
  const manual = grants.filter(isManual);
  if (!manual.length) return;
  const neverActive = manual.filter((g) => g.status === "PENDING").map((g) => g.id);
  if (neverActive.length) {
    await tx.accessTask.updateMany({
      where: { kind: "grant", grantId: { in: neverActive }, status: "OPEN" },
      data: { status: "CANCELLED", completedAt: now, note: `Not needed: the access was ${endWords(end)} before it was set up` },
    });
  }
  await openManualTasks(tx, scope, "remove", manual.filter((g) => g.status !== "PENDING"), now, `the access was ${endWords(end)}${end.note ? ` (${end.note})` : ""}`);
}
