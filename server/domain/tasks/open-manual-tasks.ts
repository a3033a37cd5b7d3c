import type { TenantTx } from "../../db/tenant-db.ts";
import type { TenantScope } from "../services.ts";
import { recordTicketEventsMany } from "../tickets/ticket-events.ts";
import { openAccessTasks } from "./open-access-tasks.ts";

export type ManualGrant = {
  id: string; personId: string; requestId: string | null;
  person: { displayName: string };
  role: { name: string; app: { id: string; name: string; provisioningMode: string } };
};

export const isManual = (g: Pick<ManualGrant, "role">) => g.role.app.provisioningMode === "MANUAL";

const day = 86_400_000;
const dateWords = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/**
 * Grants of apps Gatehouse cannot change (no IdP groups) become work for the app's owners: a "grant" task
 * when access should start, a "remove" task when it should end. Each is told in the app and by Slack DM,
 * the request's Jira issue says who must act and by when, and the task is due after the tenant's
 * manualTaskDueDays (then it escalates). A grant that already has a removal task gets no second one.
 * Runs in the caller's transaction.
 */
export async function openManualTasks(tx: TenantTx, scope: TenantScope, kind: "grant" | "remove", grants: ManualGrant[], now: Date, why?: string) {
  let manual = grants.filter(isManual);
  if (!manual.length) return [];
  if (kind === "remove") {
    const existing = await tx.accessTask.findMany({ where: { kind: "remove", grantId: { in: manual.map((g) => g.id) }, status: { in: ["OPEN", "DONE"] } }, select: { grantId: true } });
    const has = new Set(existing.map((t) => t.grantId));
    manual = manual.filter((g) => !has.has(g.id));
    if (!manual.length) return [];
  }
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { manualTaskDueDays: true } });
  const dueAt = new Date(now.getTime() + tenant.manualTaskDueDays * day);
  const assignees = await assigneesFor(tx, manual);
  const tasks = await openAccessTasks(tx, scope.jobs, scope.tenantId, manual.map((g) => {
    const access = `${g.role.app.name} · ${g.role.name}`;
    return {
      kind, appId: g.role.app.id, personId: g.personId, grantId: g.id, assigneePersonIds: assignees(g),
      title: kind === "grant" ? `Give ${g.person.displayName} ${access}` : `Remove ${g.person.displayName} from ${access}`,
      detail: kind === "grant"
        ? `${g.role.app.name} is not connected to an identity provider, so this access is set up by hand. Create the account or role in ${g.role.app.name}, then mark the task done with a note; the access becomes active when you confirm.`
        : `${why ? `${why[0]!.toUpperCase()}${why.slice(1)}. ` : ""}Remove this access in ${g.role.app.name} by hand, then mark the task done with a note; the removal is recorded when you confirm.`,
      dueAt,
    };
  }), now);
  const names = await tx.person.findMany({ where: { id: { in: [...new Set(tasks.flatMap((t) => t.assigneePersonIds))] } }, select: { id: true, displayName: true } });
  const nameOf = new Map(names.map((p) => [p.id, p.displayName]));
  await recordTicketEventsMany(tx, scope.jobs, scope.tenantId, manual.filter((g) => g.requestId).map((g) => {
    const task = tasks.find((t) => t.grantId === g.id)!;
    const who = task.assigneePersonIds.map((id) => nameOf.get(id) ?? id).join(", ");
    return {
      requestId: g.requestId!,
      events: [{
        kind: "comment" as const,
        text: kind === "grant"
          ? `Manual step: ${g.role.app.name} has no identity-provider groups, so ${who} must give ${g.person.displayName} this access by hand and confirm it in Gatehouse.`
          : `Manual step: ${who} must remove ${g.person.displayName}'s access in ${g.role.app.name} by hand and confirm it in Gatehouse.`,
        facts: [["Task", task.title], ["Assigned to", who], ["Due", dateWords(dueAt)]] as [string, string][],
      }],
    };
  }));
  return tasks;
}

/** The app's owners, never the person the task is about; the tenant's admins when there is nobody else. */
async function assigneesFor(tx: TenantTx, grants: ManualGrant[]) {
  const owners = await tx.appOwner.findMany({ where: { appId: { in: [...new Set(grants.map((g) => g.role.app.id))] } }, select: { appId: true, personId: true } });
  const admins = (await tx.tenantMember.findMany({ where: { roles: { has: "admin" }, personId: { not: null } }, select: { personId: true } })).map((m) => m.personId!);
  return (g: ManualGrant) => {
    const own = owners.filter((o) => o.appId === g.role.app.id && o.personId !== g.personId).map((o) => o.personId);
    if (own.length) return own;
    const fallback = admins.filter((p) => p !== g.personId);
    return fallback.length ? fallback : admins;
  };
}
