import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { formatDuration } from "../requests/format.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEvents } from "../tickets/ticket-events.ts";
import { scheduleExpiry } from "./grant-timer.ts";

/** The person who set up access by hand in an app Gatehouse cannot change, and what they said they did. */
export type ManualProof = { manual: true; completedBy: string; completedAt: string; note: string; taskId: string };

/**
 * A PENDING grant whose access is confirmed (every group read back, or set up by hand and confirmed by
 * the owner) becomes ACTIVE, in the caller's transaction: its expiry starts now and is scheduled, and the
 * audit event and the Jira comment carry the proof. A grant no longer PENDING is returned unchanged.
 */
export async function activateGrantInTx(tx: TenantTx, scope: TenantScope, grantId: string, now: Date, manual?: ManualProof) {
  const { tenantId, actor, jobs } = scope;
  const current = await tx.grant.findUniqueOrThrow({ where: { id: grantId } });
  if (current.status !== "PENDING") return current;
  const grant = await tx.grant.update({
    where: { id: grantId },
    data: {
      status: "ACTIVE", activatedAt: now, failureReason: null,
      expiresAt: current.durationMinutes ? new Date(now.getTime() + current.durationMinutes * 60_000) : null,
    },
    include: { actions: { include: { group: true } }, person: true, role: { include: { app: true } } },
  });
  await scheduleExpiry(tx, jobs, tenantId, grant);
  const proofs = grant.actions.map((a) => ({ group: a.group.name, groupId: a.groupExternalId, readBack: a.readBack }));
  await recordAudit(tx, tenantId, actor, {
    action: "grant.activated", subjectType: "grant", subjectId: grant.id,
    data: { requestId: grant.requestId, expiresAt: grant.expiresAt?.toISOString() ?? null, actions: proofs, ...(manual ? { manual } : {}) },
  }, now);
  if (grant.requestId) {
    const until = grant.expiresAt ? `until ${grant.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC (${formatDuration(grant.durationMinutes)})` : "until removed";
    await recordTicketEvents(tx, jobs, tenantId, grant.requestId, [
      {
        kind: "comment",
        text: `Provisioned: ${grant.person.displayName} now has ${grant.role.app.name} · ${grant.role.name}, ${until}.`,
        facts: manual
          ? [["Set up by hand", `by ${manual.completedBy} at ${manual.completedAt}`], ["Their note", manual.note]]
          : grant.actions.map((a) => [`Group ${a.group.name}`, `added (id ${a.groupExternalId}); read-back: ${(a.readBack as { detail?: string } | null)?.detail ?? "member"}`] as [string, string]),
      },
      { kind: "property", key: "gatehouse", value: { requestId: grant.requestId, status: "ACTIVE", grantId: grant.id, expiresAt: grant.expiresAt?.toISOString() ?? null } },
      { kind: "transition", name: "Done" },
    ]);
  }
  return grant;
}
