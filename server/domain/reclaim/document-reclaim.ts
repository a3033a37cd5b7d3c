import { DIRECTORY_NAMES, isDirectoryKind } from "../../connectors/directory-kinds.ts";
import { ticketingFor } from "../../connectors/factory.ts";
import { ConnectorError, type TicketingConnector } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import { recordAudit } from "../audit.ts";
import { forTenant, type Services } from "../services.ts";
import { renderDescription } from "../tickets/render-ticket.ts";

const fmt = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/**
 * The reclaim.ticket job: opens one Jira issue documenting a reclaimed grant (who, what, last use, the
 * notice and grace, and the removal with its read-back once the deprovision job has it), and stores its key
 * on the case. A case that already has its key is done, so a retried job never opens a second issue.
 */
export async function documentReclaim(services: Services, input: { tenantId: string; caseId: string }, opts: { connector?: TicketingConnector } = {}) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Auto Reclaim" });
  const { tdb, tenantId, actor, clock } = scope;
  const rc = await tdb.reclaimCase.findUnique({ where: { id: input.caseId } });
  if (!rc || rc.status !== "RECLAIMED" || rc.ticketKey) return { created: false };
  const connection = await tdb.connection.findFirst({ where: { kind: "JIRA", enabled: true }, orderBy: { createdAt: "asc" } });
  if (!connection) return { created: false };
  const grant = await tdb.grant.findUniqueOrThrow({
    where: { id: rc.grantId },
    include: { person: { include: { connection: { select: { kind: true } } } }, role: { include: { app: true } }, actions: { where: { kind: "REMOVE_MEMBER" }, include: { group: true } } },
  });
  const kind = grant.person.connection.kind;
  const directory = isDirectoryKind(kind) ? DIRECTORY_NAMES[kind] : "the directory";
  const removals = grant.actions.map((a) =>
    [`Removed from ${a.group.name}`, a.status === "SUCCEEDED" ? `read back ${fmt(a.completedAt)}: ${(a.readBack as { detail?: string } | null)?.detail ?? "not a member"}` : `in progress (${a.status.toLowerCase()})`] as [string, string]);
  const summary = `Auto Reclaim: removed ${grant.person.displayName}'s ${grant.role.app.name} · ${grant.role.name} access`;
  const description = renderDescription({
    text: `Unused access reclaimed. ${grant.person.displayName} was told on ${fmt(rc.notifiedAt)} and did not keep it before the grace period ended on ${fmt(rc.graceEndsAt)}.`,
    facts: [
      ["Person", `${grant.person.displayName} (${grant.person.email})`],
      ["App · role", `${grant.role.app.name} · ${grant.role.name}`],
      ["Last use", rc.lastUsedAt ? `${fmt(rc.lastUsedAt)} (${rc.lastUseSource === "system_log" ? "Okta System Log" : `last sign-in to ${directory}`})` : "no sign-in on record"],
      ["Reclaimed", `${fmt(rc.reclaimedAt)} by Auto Reclaim`],
      ...removals,
    ],
    link: appUrl(`/evidence/grants/${grant.id}`),
  });
  const jira = opts.connector ?? ticketingFor(services.connectors, connection);
  try {
    const ref = await jira.createIssue({ summary, description, labels: ["gatehouse", "auto-reclaim"], properties: { gatehouse: { reclaimCaseId: rc.id, grantId: grant.id } } });
    await tdb.$transaction(async (tx) => {
      await tx.reclaimCase.update({ where: { id: rc.id }, data: { ticketKey: ref.key } });
      await recordAudit(tx, tenantId, actor, { action: "reclaim.documented", subjectType: "grant", subjectId: grant.id, data: { caseId: rc.id, issueKey: ref.key, url: ref.url } }, clock.now());
    });
    return { created: true, key: ref.key };
  } catch (err) {
    const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
    if (e.retryable) throw e;
    return { created: false, error: e.message };
  }
}
