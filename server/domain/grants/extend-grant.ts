import type { TenantTx } from "../../db/tenant-db.ts";
import { recordAudit } from "../audit.ts";
import { formatDuration } from "../requests/format.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEventsMany } from "../tickets/ticket-events.ts";
import { cancelExpiry, scheduleExpiry } from "./grant-timer.ts";

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * An approved extension moves the grant's expiry by the requested duration, in the approval's
 * transaction: the access never lapses in between, the old timer is cancelled and a new one set.
 * Returns null when the grant is no longer active (the caller then grants afresh).
 */
export async function extendGrant(tx: TenantTx, scope: TenantScope, request: { id: string; extendsGrantId: string; durationMinutes: number }, now: Date) {
  const grant = await tx.grant.findUnique({ where: { id: request.extendsGrantId } });
  if (!grant || grant.status !== "ACTIVE" || !grant.expiresAt) return null;
  const from = grant.expiresAt > now ? grant.expiresAt : now;
  const expiresAt = new Date(from.getTime() + request.durationMinutes * 60_000);
  await cancelExpiry(tx, scope.jobs, grant);
  const extended = await tx.grant.update({ where: { id: grant.id }, data: { expiresAt, warnedAt: null } });
  await scheduleExpiry(tx, scope.jobs, scope.tenantId, extended);
  await recordAudit(tx, scope.tenantId, scope.actor, {
    action: "grant.extended", subjectType: "grant", subjectId: grant.id,
    data: { extensionRequestId: request.id, previousExpiresAt: grant.expiresAt.toISOString(), expiresAt: expiresAt.toISOString(), byMinutes: request.durationMinutes },
  }, now);
  const text = `Extended by ${formatDuration(request.durationMinutes)}: access now ends ${stamp(expiresAt)} (was ${stamp(grant.expiresAt)}).`;
  await recordTicketEventsMany(tx, scope.jobs, scope.tenantId, [
    { requestId: request.id, events: [{ kind: "comment", text, facts: [] }, { kind: "transition", name: "Done" }] },
    ...(grant.requestId ? [{ requestId: grant.requestId, events: [{ kind: "comment" as const, text, facts: [] }, { kind: "property" as const, key: "gatehouse", value: { requestId: grant.requestId, status: "ACTIVE", grantId: grant.id, expiresAt: expiresAt.toISOString() } }] }] : []),
  ]);
  return extended;
}
