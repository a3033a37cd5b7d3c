import { z } from "zod";
import type { TenantDb } from "../../db/tenant-db.ts";

export const LIFECYCLE_KINDS = ["JOINER", "MOVER", "LEAVER"] as const;

export const listLifecycleEventsInput = z.object({
  kind: z.enum(LIFECYCLE_KINDS).optional(),
  personId: z.string().min(1).max(64).optional(),
  cursor: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** Newest first; each with the person, what changed and what was done. */
export async function listLifecycleEvents(tdb: TenantDb, raw: z.input<typeof listLifecycleEventsInput>) {
  const input = listLifecycleEventsInput.parse(raw);
  const rows = await tdb.lifecycleEvent.findMany({
    where: { ...(input.kind ? { kind: input.kind } : {}), ...(input.personId ? { personId: input.personId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  const people = await tdb.person.findMany({
    where: { id: { in: [...new Set(page.map((e) => e.personId))] } },
    select: { id: true, displayName: true, email: true, connection: { select: { name: true } } },
  });
  const roleIds = page.flatMap((e) => {
    const b = (e.outcome as Outcome).birthright;
    return [...(b?.added ?? []), ...(b?.ended ?? [])].map((g) => g.roleId);
  });
  const roles = await tdb.role.findMany({ where: { id: { in: [...new Set(roleIds)] } }, select: { id: true, name: true, app: { select: { name: true } } } });
  const roleNames = new Map(roles.map((r) => [r.id, `${r.app.name} · ${r.name}`]));
  const jira = await tdb.connection.findFirst({ where: { kind: "JIRA", enabled: true }, select: { config: true } });
  const site = (jira?.config as { siteUrl?: string } | undefined)?.siteUrl ?? null;
  const personOf = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? { id: p.id, displayName: p.displayName, email: p.email } : { id, displayName: "(removed)", email: "" };
  };
  return {
    items: page.map((e) => ({
      id: e.id, kind: e.kind, source: e.source, createdAt: e.createdAt, person: personOf(e.personId),
      changes: e.changes as Record<string, [unknown, unknown]>,
      done: summarizeOutcome(e.kind, e.outcome as Outcome, roleNames, people.find((p) => p.id === e.personId)?.connection.name),
      ticketKey: e.ticketKey, ticketUrl: e.ticketKey && site ? `${site.replace(/\/$/, "")}/browse/${e.ticketKey}` : null,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

type Outcome = {
  birthright?: { added: { roleId: string }[]; ended: { roleId: string }[]; skipped: unknown[] };
  confirmations?: unknown[]; askedAdmins?: boolean;
  grantsEnded?: { access: string }[]; requestsCancelled?: unknown[]; reviewItemsClosed?: unknown[]; confirmationsCancelled?: number;
  suspension?: { status: string }; proofAt?: string;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What was done, in short phrases for the list. */
export function summarizeOutcome(kind: string, o: Outcome, roleNames: Map<string, string> = new Map(), directory?: string): string[] {
  const lines: string[] = [];
  const n = (x: unknown[] | undefined) => x?.length ?? 0;
  const names = (xs: { roleId: string }[]) => xs.map((g) => roleNames.get(g.roleId) ?? "a removed role").join(", ");
  if (o.birthright) {
    if (n(o.birthright.added)) lines.push(`Granted ${names(o.birthright.added)} (bundle)`);
    if (n(o.birthright.ended)) lines.push(`Removed ${names(o.birthright.ended)} (bundle no longer matches)`);
    if (n(o.birthright.skipped)) lines.push(`${plural(n(o.birthright.skipped), "bundle role")} skipped: no account in that directory`);
  }
  if (n(o.confirmations)) lines.push(`${plural(n(o.confirmations), "requested access", "requested accesses")} sent to ${o.askedAdmins ? "the admins" : "the new manager"} to confirm`);
  if (kind === "LEAVER") {
    lines.push(n(o.grantsEnded) ? `Revoked ${o.grantsEnded!.map((g) => g.access).join(", ")}` : "No access to revoke");
    if (n(o.requestsCancelled)) lines.push(`${plural(n(o.requestsCancelled), "pending request")} cancelled`);
    if (n(o.reviewItemsClosed)) lines.push(`${plural(n(o.reviewItemsClosed), "review item")} closed as left`);
    if (o.confirmationsCancelled) lines.push(`${plural(o.confirmationsCancelled, "confirmation")} cancelled`);
    if (o.suspension && o.suspension.status !== "DISABLED") lines.push(`Account in ${directory ?? "the directory"}: ${o.suspension.status.toLowerCase().replace("_", " ")}`);
    lines.push(o.proofAt ? "Removals confirmed (read back)" : "Removals in progress");
  }
  if (!lines.length) lines.push("Nothing to change");
  return lines;
}

/** Access confirmations waiting for this person (a mover's new manager, or an admin). */
export async function listMyConfirmations(tdb: TenantDb, personId: string | null) {
  if (!personId) return [];
  const rows = await tdb.accessConfirmation.findMany({ where: { managerPersonId: personId, status: "PENDING" }, orderBy: { dueAt: "asc" }, take: 200 });
  const grants = await tdb.grant.findMany({ where: { id: { in: rows.map((r) => r.grantId) } }, include: { role: { include: { app: true } }, person: { select: { id: true, displayName: true, department: true, title: true } } } });
  return rows.flatMap((r) => {
    const g = grants.find((x) => x.id === r.grantId);
    return g ? [{ id: r.id, dueAt: r.dueAt, createdAt: r.createdAt, person: g.person, access: `${g.role.app.name} · ${g.role.name}`, grantId: g.id, grantedSince: g.activatedAt }] : [];
  });
}

export async function getLifecycleSettings(tdb: TenantDb, tenantId: string) {
  return tdb.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { suspendLeavers: true, moverConfirmDays: true, manualTaskDueDays: true } });
}
