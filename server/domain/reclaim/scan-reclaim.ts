import { forTenant, type Services } from "../services.ts";
import { appendAuditEvents } from "../audit.ts";
import { insertCases, insertNotices } from "./bulk-writes.ts";
import { RECLAIM_ACTOR } from "./read-app-usage.ts";
import { reclaimCandidatesSql, type ReclaimCandidate } from "./reclaim-candidates-sql.ts";

const DAY = 86_400_000;
const BATCH = 5000;

const fmtDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Finds inactive grants and opens a case for each, in one transaction under a per-tenant lock (two scans
 * never open the same case twice): NOTIFIED, with the holder told in the app and by Slack and a grace
 * period to keep it; or FLAGGED when there is no usable data, which is never reclaimed. Flagged cases
 * whose grant has ended, or for which data has since appeared, are cleared first.
 */
export async function scanReclaim(services: Services, input: { tenantId: string }, opts: { timings?: Record<string, number> } = {}) {
  const scope = forTenant(services, input.tenantId, RECLAIM_ACTOR);
  const { tdb, tenantId, actor, jobs } = scope;
  const now = scope.clock.now();
  const lap = (k: string, t0: number) => { if (opts.timings) opts.timings[k] = (opts.timings[k] ?? 0) + performance.now() - t0; };
  return tdb.$transaction(async (tx) => {
    let t0 = performance.now();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"reclaim-scan:" + tenantId}))`;
    const cleared = await tx.$executeRaw`
      UPDATE "ReclaimCase" rc SET status = 'CLEARED', "updatedAt" = ${now.toISOString()}::timestamp(3)
      FROM "Grant" g, "Person" p, "App" a
      WHERE rc."tenantId" = ${tenantId} AND rc.status = 'FLAGGED' AND g.id = rc."grantId" AND p.id = rc."personId" AND a.id = rc."appId"
        AND (g.status <> 'ACTIVE' OR p."lastLoginAt" IS NOT NULL
             OR (a."externalAppId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Connection" pc WHERE pc.id = p."connectionId" AND pc.kind = 'OKTA'))
             OR EXISTS (SELECT 1 FROM "AppUsage" u WHERE u."appId" = rc."appId" AND u."personId" = rc."personId"))`;
    lap("clear", t0);
    t0 = performance.now();
    const found = await tx.$queryRaw<ReclaimCandidate[]>(reclaimCandidatesSql(tenantId, now));
    lap("select", t0);
    for (let i = 0; i < found.length; i += BATCH) {
      const batch = found.slice(i, i + BATCH);
      t0 = performance.now();
      const graceEnds = (c: ReclaimCandidate) => new Date(now.getTime() + c.graceDays * DAY);
      const cases = await insertCases(tx, tenantId, batch.map((c) => ({
        grantId: c.grantId, personId: c.personId, appId: c.appId, roleId: c.roleId, status: c.verdict,
        lastUsedAt: c.lastUsedAt, lastUseSource: c.lastUseSource,
        notifiedAt: c.verdict === "NOTIFIED" ? now : null, graceEndsAt: c.verdict === "NOTIFIED" ? graceEnds(c) : null,
      })), now);
      lap("cases", t0);
      t0 = performance.now();
      await insertNotices(tx, jobs, tenantId, batch.filter((c) => c.verdict === "NOTIFIED").map((c) => {
        const lastUse = c.lastUsedAt ? `last used ${fmtDay(c.lastUsedAt)}` : "no sign-in on record";
        return {
          personId: c.personId, kind: "reclaim.notified" as const, grantId: c.grantId, link: "/inbox",
          title: `Do you still need ${c.appName}?`,
          body: `Your ${c.appName} · ${c.roleName} access looks unused (${lastUse}; the limit is ${c.inactivityDays} days). `
            + `Keep it with a reason by ${fmtDay(graceEnds(c))}, or it will be removed.`,
        };
      }), now);
      lap("notices", t0);
      t0 = performance.now();
      await appendAuditEvents(tx, tenantId, actor, batch.map((c, k) => ({
        action: c.verdict === "NOTIFIED" ? "reclaim.notified" : "reclaim.flagged", subjectType: "grant", subjectId: c.grantId,
        data: {
          caseId: cases[k]!.id, appId: c.appId, roleId: c.roleId, personId: c.personId, lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
          lastUseSource: c.lastUseSource, inactivityDays: c.inactivityDays,
          ...(c.verdict === "NOTIFIED"
            ? { graceEndsAt: graceEnds(c).toISOString() }
            : { why: "No usage data: no sign-ins to the app on record and the person has never signed in to their directory" }),
        },
      })), now);
      lap("audit", t0);
    }
    return {
      scanned: found.length, notified: found.filter((c) => c.verdict === "NOTIFIED").length,
      flagged: found.filter((c) => c.verdict === "FLAGGED").length, cleared: Number(cleared),
    };
  }, { timeout: 600_000, maxWait: 60_000 });
}
