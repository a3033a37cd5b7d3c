import { notifyPeople } from "../notifications/notify-people.ts";
import type { Services } from "../services.ts";
import { scopeToTenant } from "../../db/tenant-db.ts";

const DAY_MS = 24 * 60 * 60_000;
const SHORT_NOTICE_MS = 15 * 60_000;

/**
 * How long before expiry the holder hears of it: a day for grants longer than a day, 15 minutes otherwise.
 * (A grant of exactly one day would otherwise be "about to expire" the moment it starts.)
 */
export function warningLeadMs(durationMinutes: number | null) {
  return durationMinutes !== null && durationMinutes > 24 * 60 ? DAY_MS : SHORT_NOTICE_MS;
}

/**
 * Tells each holder once, ahead of expiry, with a link to extend or give back. Runs in the sweep;
 * an extension clears warnedAt so the new expiry is announced again.
 */
export async function warnExpiringGrants(services: Services) {
  const now = services.clock.now();
  const soon = await services.db.grant.findMany({
    where: { status: "ACTIVE", warnedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + DAY_MS) } },
    select: { id: true, tenantId: true, expiresAt: true, durationMinutes: true },
  });
  const due = soon.filter((g) => g.expiresAt!.getTime() - now.getTime() <= warningLeadMs(g.durationMinutes));
  const byTenant = new Map<string, typeof due>();
  for (const g of due) byTenant.set(g.tenantId, [...(byTenant.get(g.tenantId) ?? []), g]);
  for (const [tenantId, grants] of byTenant) {
    await scopeToTenant(services.db, tenantId).$transaction(async (tx) => {
      const claimed = await tx.grant.updateManyAndReturn({
        where: { id: { in: grants.map((g) => g.id) }, warnedAt: null, status: "ACTIVE" },
        data: { warnedAt: now },
        include: { role: { include: { app: true } } },
      });
      await notifyPeople(tx, services.jobs, tenantId, claimed.map((g) => ({
        personId: g.personId, kind: "grant.expiring" as const, grantId: g.id, requestId: g.requestId, link: "/my-access",
        title: `${g.role.app.name} · ${g.role.name} ends in ${formatRemaining(g.expiresAt!.getTime() - now.getTime())}`,
        body: `Your access ends at ${g.expiresAt!.toISOString().slice(0, 16).replace("T", " ")} UTC. Ask to extend it, or give it back if you are done.`,
      })), now);
    });
  }
  return { warned: due.length };
}

function formatRemaining(ms: number) {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.round(minutes / 60)} hours`;
}
