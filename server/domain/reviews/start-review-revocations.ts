import type { TenantTx } from "../../db/tenant-db.ts";
import { endGrants } from "../grants/end-grants.ts";
import type { TenantScope } from "../services.ts";
import { openAccessTasks } from "../tasks/open-access-tasks.ts";
import { confirmReviewRevocations } from "./confirm-review-revocations.ts";
import { adoptMemberships } from "./adopt-memberships.ts";

type Item = { id: string; personId: string; grantId: string | null; groupId: string | null; roleId: string | null; appId: string | null; accessLabel: string; personName: string; personEmail: string };

/**
 * Revoke means removed, through the same path as every other revocation: a reviewed grant is ended
 * (removal, read-back, proof); access no grant explains is first adopted as a grant so it ends the same
 * way; an app Gatehouse cannot change gets a removal task for its owners. Returns the grants to remove now.
 */
export async function startReviewRevocations(
  tx: TenantTx, scope: TenantScope,
  campaign: { id: string; name: string; fallbackReviewerId: string },
  items: Item[], decider: { name: string; comment: string | null }, now: Date,
) {
  const apps = await tx.app.findMany({
    where: { id: { in: [...new Set(items.map((i) => i.appId).filter((x): x is string => !!x))] } },
    include: { owners: true },
  });
  const appById = new Map(apps.map((a) => [a.id, a]));
  const manual = items.filter((i) => appById.get(i.appId ?? "")?.provisioningMode === "MANUAL");
  const automatic = items.filter((i) => !manual.includes(i));

  // A grant already being removed by hand (its end opened a removal task, e.g. the person left) needs no
  // second task: the item waits on that one.
  const existing = await tx.accessTask.findMany({
    where: { kind: "remove", status: { in: ["OPEN", "DONE"] }, grantId: { in: manual.map((i) => i.grantId).filter((g): g is string => !!g) } },
  });
  for (const i of manual) {
    const t = existing.find((x) => x.grantId === i.grantId);
    if (!t) continue;
    const done = t.status === "DONE" && { revocation: "CONFIRMED" as const, revocationCompletedAt: now, readBack: { manual: true, taskId: t.id, completedBy: t.completedByName, completedAt: t.completedAt?.toISOString() ?? null, note: t.note } };
    await tx.reviewItem.update({ where: { id: i.id }, data: { taskId: t.id, ...(done || { revocation: "TASK" as const }) } });
  }
  const fresh = manual.filter((i) => !existing.some((t) => t.grantId === i.grantId));
  const tasks = await openAccessTasks(tx, scope.jobs, scope.tenantId, fresh.map((i) => {
    const owners = appById.get(i.appId!)!.owners.map((o) => o.personId).filter((p) => p !== i.personId);
    return {
      kind: "remove" as const, appId: i.appId!, personId: i.personId, grantId: i.grantId, reviewItemId: i.id,
      assigneePersonIds: owners.length ? owners : [campaign.fallbackReviewerId],
      title: `Remove ${i.personName} from ${i.accessLabel}`,
      detail: `Access review “${campaign.name}” revoked this access (account ${i.personEmail}). Remove it in the app, then mark the task done with a note.`,
      dueAt: new Date(now.getTime() + 3 * 86_400_000),
    };
  }), now);
  for (const t of tasks) await tx.reviewItem.update({ where: { id: t.reviewItemId! }, data: { revocation: "TASK", taskId: t.id } });

  // Unexplained memberships become grants ("import") with the membership as the observed add, then end.
  const adopted = await adoptMemberships(tx, automatic.filter((i) => !i.grantId), "import", campaign.name, now);
  const revocationGrant = (i: Item) => i.grantId ?? adopted.get(i.id)!;
  for (const i of automatic) {
    await tx.reviewItem.update({ where: { id: i.id }, data: { revocation: "PENDING", revocationGrantId: revocationGrant(i) } });
  }
  const grantIds = automatic.map(revocationGrant);
  const ending = await endGrants(tx, scope, grantIds, {
    reason: "revoked", note: `access review “${campaign.name}”${decider.comment ? `: ${decider.comment}` : ""}`, endedBy: `${decider.name} (access review)`,
  }, now, { removingNow: true });
  // A grant that had already ended (expired, given back) needs no removal: its proof exists.
  await confirmReviewRevocations(tx, scope.tenantId, scope.actor, grantIds, now);
  return { removeNow: ending.map((g) => g.id), tasks: tasks.length };
}
