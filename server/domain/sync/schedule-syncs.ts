import { DIRECTORY_KINDS } from "../../connectors/factory.ts";
import type { Services } from "../services.ts";
import { forTenant } from "../services.ts";
import { startSync } from "./start-sync.ts";

export const SYNC_INTERVAL_MS = 60 * 60_000;

/** The recurring sweep: every enabled directory connection whose last sync is older than the interval gets one. */
export async function scheduleSyncs(services: Services) {
  const due = new Date(services.clock.now().getTime() - SYNC_INTERVAL_MS);
  const connections = await services.db.connection.findMany({
    where: { kind: { in: [...DIRECTORY_KINDS] }, enabled: true, status: { not: "UNVERIFIED" } },
    select: { id: true, tenantId: true, syncRuns: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } } },
  });
  let started = 0;
  for (const c of connections) {
    const last = c.syncRuns[0]?.createdAt;
    if (last && last > due) continue;
    const { alreadyRunning } = await startSync(forTenant(services, c.tenantId, { type: "job", label: "Scheduled sync" }), {
      connectionId: c.id, trigger: "schedule",
    });
    if (!alreadyRunning) started++;
  }
  return { started };
}
