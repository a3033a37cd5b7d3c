import type { ReadBack } from "../../connectors/types.ts";
import { recordAudits } from "../audit.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEventsMany } from "../tickets/ticket-events.ts";
import { confirmReviewRevocations } from "../reviews/confirm-review-revocations.ts";
import { confirmDriftRemovals } from "../drift/confirm-drift-removals.ts";

const describe: Record<string, string> = { expired: "expired", revoked: "was revoked", given_back: "was given back" };

/**
 * Records the outcome of one removal run in one transaction: confirmed removals with their read-back,
 * failures with their error, the memberships that are gone, and every grant whose groups are all
 * confirmed as ENDED (audit with the proofs, Jira comment and transition, a notice to the holder).
 */
export async function finishEndedGrants(
  scope: TenantScope,
  grantIds: string[],
  confirmed: { actionId: string; readBack: ReadBack }[],
  failed: { actionId: string; message: string }[],
) {
  const { tdb, tenantId, actor, clock, jobs } = scope;
  return tdb.$transaction(async (tx) => {
    const now = clock.now();
    if (confirmed.length) {
      const rows = JSON.stringify(confirmed.map((c) => ({ id: c.actionId, readBack: { ...c.readBack, checkedAt: c.readBack.checkedAt.toISOString() } })));
      await tx.$executeRaw`
        UPDATE "IdentityAction" AS a SET status = 'SUCCEEDED', attempts = a.attempts + 1, "lastError" = NULL, "completedAt" = ${now}, "readBack" = x."readBack"
        FROM jsonb_to_recordset(${rows}::jsonb) AS x(id text, "readBack" jsonb)
        WHERE a.id = x.id AND a."tenantId" = ${tenantId}`;
      await tx.$executeRaw`
        DELETE FROM "Membership" AS m USING "IdentityAction" AS a, "Grant" AS g, jsonb_to_recordset(${rows}::jsonb) AS x(id text)
        WHERE a.id = x.id AND g.id = a."grantId" AND m."groupId" = a."groupId" AND m."personId" = g."personId" AND m."tenantId" = ${tenantId}`;
    }
    for (const f of failed) {
      await tx.identityAction.update({ where: { id: f.actionId }, data: { attempts: { increment: 1 }, lastError: f.message, nextAttemptAt: now } });
    }
    // A manual app's access ends when its owner confirms the removal task, not before.
    const waitingOnOwner = (await tx.accessTask.findMany({ where: { kind: "remove", grantId: { in: grantIds }, status: "OPEN" }, select: { grantId: true } })).map((t) => t.grantId!);
    const ended = await tx.grant.updateManyAndReturn({
      where: { id: { in: grantIds, notIn: waitingOnOwner }, status: "ENDING", actions: { none: { kind: "REMOVE_MEMBER", status: { not: "SUCCEEDED" } } } },
      data: { status: "ENDED", endedAt: now },
      select: { id: true, requestId: true, personId: true, endReason: true, endedBy: true },
    });
    if (!ended.length) return { ended: 0, pending: grantIds.length };
    const details = await tx.grant.findMany({
      where: { id: { in: ended.map((g) => g.id) } },
      include: { actions: { where: { kind: "REMOVE_MEMBER" }, include: { group: true } }, person: true, role: { include: { app: true } } },
    });
    const manualProofs = await tx.accessTask.findMany({ where: { kind: "remove", grantId: { in: ended.map((g) => g.id) }, status: "DONE" } });
    const manualOf = (grantId: string) => {
      const t = manualProofs.find((m) => m.grantId === grantId);
      return t && { manual: true, taskId: t.id, completedBy: t.completedByName, completedAt: t.completedAt?.toISOString() ?? null, note: t.note };
    };
    await recordAudits(tx, tenantId, actor, details.map((g) => ({
      action: "grant.ended", subjectType: "grant", subjectId: g.id,
      data: {
        requestId: g.requestId, reason: g.endReason, endedBy: g.endedBy,
        actions: g.actions.map((a) => ({ group: a.group.name, groupId: a.groupExternalId, readBack: a.readBack })),
        ...(manualOf(g.id) ? { manual: manualOf(g.id) } : {}),
      },
    })), now);
    await recordTicketEventsMany(tx, jobs, tenantId, details.filter((g) => g.requestId).map((g) => ({
      requestId: g.requestId!,
      events: [
        {
          kind: "comment" as const,
          text: `Access removed: ${g.person.displayName} no longer has ${g.role.app.name} · ${g.role.name}.`,
          facts: [
            ...g.actions.map((a) => [`Group ${a.group.name}`, `removed (id ${a.groupExternalId}); read-back: ${(a.readBack as { detail?: string } | null)?.detail ?? "not a member"}`] as [string, string]),
            ...(manualOf(g.id) ? [["Removed by hand", `by ${manualOf(g.id)!.completedBy} at ${manualOf(g.id)!.completedAt}`], ["Their note", manualOf(g.id)!.note ?? ""]] as [string, string][] : []),
          ],
        },
        { kind: "property" as const, key: "gatehouse", value: { requestId: g.requestId, status: "ENDED", grantId: g.id, endedAt: now.toISOString(), reason: g.endReason } },
        { kind: "transition" as const, name: "Remove access" },
      ],
    })));
    await confirmReviewRevocations(tx, tenantId, actor, ended.map((g) => g.id), now);
    await confirmDriftRemovals(tx, tenantId, actor, ended.map((g) => g.id), now);
    await notifyPeople(tx, jobs, tenantId, details.map((g) => ({
      personId: g.personId, kind: "grant.ended" as const, grantId: g.id, requestId: g.requestId, link: "/my-access",
      title: `${g.role.app.name} · ${g.role.name} ${describe[(g.endReason ?? "").split(":")[0]!] ?? "ended"}`,
      body: `Your access has been removed${g.endReason?.startsWith("expired") ? " as scheduled" : ""}.`,
    })), now);
    return { ended: ended.length, pending: grantIds.length - ended.length };
  });
}
