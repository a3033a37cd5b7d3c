import { recordAudits } from "../audit.ts";
import { endGrants } from "../grants/end-grants.ts";
import { notifyPeople } from "../notifications/notify-people.ts";
import { forTenant, type Services } from "../services.ts";
import { RECLAIM_TICKET_JOB } from "./jobs.ts";
import { RECLAIM_ACTOR } from "./read-app-usage.ts";

const BATCH = 500;
export const RECLAIM_ENDED_BY = "Auto Reclaim";

/**
 * Ends the grants whose grace period ran out without a reply: still live and still unused since the notice.
 * Each batch is one transaction: the grants end through endGrants (removal and read-back follow in the
 * deprovision job), the case becomes RECLAIMED, the holder is told, and a job opens the Jira issue that
 * documents the removal. A grant used since the notice, or already ended otherwise, clears its case instead.
 */
export async function reclaimLapsedGrants(services: Services, input: { tenantId: string }) {
  const scope = forTenant(services, input.tenantId, RECLAIM_ACTOR);
  const { tdb, tenantId, actor, jobs } = scope;
  const now = scope.clock.now();
  const due = await tdb.reclaimCase.findMany({ where: { status: "NOTIFIED", graceEndsAt: { lte: now } }, select: { id: true }, orderBy: { graceEndsAt: "asc" } });
  let reclaimed = 0;
  let cleared = 0;
  for (let i = 0; i < due.length; i += BATCH) {
    const ids = due.slice(i, i + BATCH).map((c) => c.id);
    const r = await tdb.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "ReclaimCase" WHERE id = ANY(${ids}::text[]) AND "tenantId" = ${tenantId} FOR UPDATE`;
      const cases = await tx.reclaimCase.findMany({ where: { id: { in: ids }, status: "NOTIFIED" } });
      if (!cases.length) return { reclaimed: 0, cleared: 0 };
      const [grants, usage, people, apps, roles, hasJira] = await Promise.all([
        tx.grant.findMany({ where: { id: { in: cases.map((c) => c.grantId) } }, select: { id: true, status: true } }),
        tx.appUsage.findMany({ where: { OR: cases.map((c) => ({ appId: c.appId, personId: c.personId })) } }),
        tx.person.findMany({ where: { id: { in: cases.map((c) => c.personId) } }, select: { id: true, lastLoginAt: true, displayName: true } }),
        tx.app.findMany({ where: { id: { in: cases.map((c) => c.appId) } }, select: { id: true, name: true } }),
        tx.role.findMany({ where: { id: { in: cases.map((c) => c.roleId) } }, select: { id: true, name: true } }),
        tx.connection.count({ where: { kind: "JIRA", enabled: true } }),
      ]);
      const live = new Set(grants.filter((g) => g.status === "ACTIVE").map((g) => g.id));
      const usedAt = new Map(usage.map((u) => [`${u.appId}:${u.personId}`, u.lastUsedAt]));
      const person = new Map(people.map((p) => [p.id, p]));
      const usedSinceNotice = (c: (typeof cases)[number]) => {
        const app = usedAt.get(`${c.appId}:${c.personId}`);
        if (app && app > c.notifiedAt!) return true;
        // The login fallback only counts where it was the measure in the first place.
        const login = person.get(c.personId)?.lastLoginAt;
        return c.lastUseSource !== "system_log" && !!login && login > c.notifiedAt!;
      };
      const clear = cases.filter((c) => !live.has(c.grantId) || usedSinceNotice(c));
      const take = cases.filter((c) => !clear.includes(c));
      if (clear.length) await tx.reclaimCase.updateMany({ where: { id: { in: clear.map((c) => c.id) } }, data: { status: "CLEARED" } });
      const ended = take.length
        ? await endGrants(tx, scope, take.map((c) => c.grantId), { reason: "revoked", note: "Auto Reclaim: unused, and not kept within the grace period", endedBy: RECLAIM_ENDED_BY }, now)
        : [];
      const endedIds = new Set(ended.map((g) => g.id));
      const done = take.filter((c) => endedIds.has(c.grantId));
      if (done.length) await tx.reclaimCase.updateMany({ where: { id: { in: done.map((c) => c.id) } }, data: { status: "RECLAIMED", reclaimedAt: now } });
      const name = (c: (typeof cases)[number]) => `${apps.find((a) => a.id === c.appId)?.name ?? "the app"} · ${roles.find((r) => r.id === c.roleId)?.name ?? "role"}`;
      await notifyPeople(tx, jobs, tenantId, done.map((c) => ({
        personId: c.personId, kind: "reclaim.reclaimed" as const, grantId: c.grantId, link: "/my-access",
        title: `${name(c)} access removed`,
        body: `Your ${name(c)} access was unused and nobody kept it within the grace period, so Auto Reclaim removed it. Request it again if you need it.`,
      })), now);
      await recordAudits(tx, tenantId, actor, [
        ...done.map((c) => ({ action: "reclaim.reclaimed", subjectType: "grant", subjectId: c.grantId, data: { caseId: c.id, graceEndsAt: c.graceEndsAt!.toISOString(), lastUsedAt: c.lastUsedAt?.toISOString() ?? null, lastUseSource: c.lastUseSource } })),
        ...clear.map((c) => ({ action: "reclaim.cleared", subjectType: "grant", subjectId: c.grantId, data: { caseId: c.id, why: live.has(c.grantId) ? "used since the notice" : "the grant ended otherwise" } })),
      ], now);
      if (hasJira) {
        for (const c of done) await jobs.enqueue(RECLAIM_TICKET_JOB, { tenantId, caseId: c.id }, { tx: tx as never, tenantId, idempotencyKey: `reclaim-ticket:${c.id}` });
      }
      return { reclaimed: done.length, cleared: clear.length };
    }, { timeout: 120_000, maxWait: 60_000 });
    reclaimed += r.reclaimed;
    cleared += r.cleared;
  }
  return { reclaimed, cleared };
}
