import { ticketingFor } from "../../connectors/factory.ts";
import { adf } from "../../connectors/jira/adf.ts";
import { ConnectorError, type AdfDoc, type TicketingConnector } from "../../connectors/types.ts";
import { forTenant, type Services } from "../services.ts";
import { mergeOutcome } from "./merge-outcome.ts";

type Outcome = {
  birthright?: { added: { roleId: string; bundleId: string; rule: string }[]; skipped: { roleId: string; reason: string }[] };
  grantsEnded?: { access: string; source: string }[];
  requestsCancelled?: string[];
  reviewItemsClosed?: string[];
  confirmationsCancelled?: number;
  suspension?: { status: string; readBack?: { detail: string }; error?: string };
  proof?: { access: string; groups: { group: string; readBack: { detail?: string } | null }[]; removedByHand?: { by: string | null; note: string | null } }[];
  proofCommented?: boolean;
};

const proofMarker = (eventId: string) => `gatehouse-lifecycle-proof:${eventId}`;

/**
 * The lifecycle event's one Jira issue: opened once (onboarding or offboarding summary) and, for a leaver,
 * commented with the proof once the removals are confirmed. The issue key and "commented" are stored as
 * soon as Jira confirms each, and a proof comment that may already exist is looked up by its marker first.
 */
export async function deliverLifecycleTicket(services: Services, input: { tenantId: string; eventId: string }, opts: { connector?: TicketingConnector } = {}) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Jira sync" });
  const connection = await scope.tdb.connection.findFirst({ where: { kind: "JIRA", enabled: true }, orderBy: { createdAt: "asc" } });
  if (!connection) return null;
  const event = await scope.tdb.lifecycleEvent.findFirst({ where: { id: input.eventId, tenantId: input.tenantId } });
  if (!event || event.kind === "MOVER") return null;
  const person = await scope.tdb.person.findUniqueOrThrow({ where: { id: event.personId } });
  const outcome = event.outcome as Outcome;
  const jira = opts.connector ?? ticketingFor(services.connectors, connection);
  try {
    let key = event.ticketKey;
    if (!key) {
      const roles = await scope.tdb.role.findMany({ where: { id: { in: (outcome.birthright?.added ?? []).map((a) => a.roleId) } }, include: { app: true } });
      const bundles = await scope.tdb.bundle.findMany({ where: { tenantId: input.tenantId, id: { in: (outcome.birthright?.added ?? []).map((a) => a.bundleId) } } });
      const label = (roleId: string) => { const r = roles.find((x) => x.id === roleId); return r ? `${r.app.name} · ${r.name}` : roleId; };
      const ref = await jira.createIssue({
        summary: event.kind === "JOINER" ? `Onboarding: ${person.displayName}` : `Offboarding: ${person.displayName}`,
        description: event.kind === "JOINER"
          ? describeJoiner(person, (outcome.birthright?.added ?? []).map((a) => [label(a.roleId), `bundle “${bundles.find((b) => b.id === a.bundleId)?.name ?? a.bundleId}”, rule ${a.rule}`]))
          : describeLeaver(person, outcome),
        labels: ["gatehouse", "lifecycle", event.kind.toLowerCase()],
        properties: { gatehouse: { lifecycleEventId: event.id, personId: person.id } },
      });
      key = ref.key;
      await scope.tdb.lifecycleEvent.update({ where: { id: event.id }, data: { ticketKey: key } });
    }
    if (event.kind === "LEAVER" && outcome.proof && !outcome.proofCommented) {
      if (!(await jira.hasComment(key, proofMarker(event.id)))) await jira.addComment(key, describeProof(outcome, event.id));
      await mergeOutcome(services.db, input.tenantId, event.id, { proofCommented: true });
    }
    return key;
  } catch (err) {
    const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
    await mergeOutcome(services.db, input.tenantId, event.id, { ticketError: e.message });
    if (e.retryable) throw e;
    return null;
  }
}

function who(p: { displayName: string; email: string; department: string | null; title: string | null; location: string | null }): [string, string][] {
  return [["Person", `${p.displayName} <${p.email}>`], ["Department", p.department ?? "—"], ["Title", p.title ?? "—"], ["Location", p.location ?? "—"]];
}

function describeJoiner(p: Parameters<typeof who>[0], granted: [string, string][]): AdfDoc {
  return adf.doc(
    adf.paragraph(`${p.displayName} joined. Gatehouse granted their birthright access from the matching bundles; each grant is provisioned and read back like any other.`),
    adf.keyValue(who(p)),
    adf.heading(3, "Access granted"),
    granted.length ? adf.keyValue(granted) : adf.paragraph("No bundle matched."),
  );
}

function describeLeaver(p: Parameters<typeof who>[0], o: Outcome): AdfDoc {
  const ended = o.grantsEnded ?? [];
  return adf.doc(
    adf.paragraph(`${p.displayName} left. Gatehouse removed everything they held; the read-backs are added here as a comment once every removal is confirmed.`),
    adf.keyValue(who(p)),
    adf.heading(3, "Access removed"),
    ended.length ? adf.keyValue(ended.map((g) => [g.access, `granted by ${g.source}`] as [string, string])) : adf.paragraph("No access was held."),
    adf.keyValue([
      ["Pending requests cancelled", String(o.requestsCancelled?.length ?? 0)],
      ["Open review items closed as left", String(o.reviewItemsClosed?.length ?? 0)],
      ["Access confirmations cancelled", String(o.confirmationsCancelled ?? 0)],
      ["IdP account", o.suspension?.status === "PENDING" ? "being suspended" : o.suspension?.status === "DISABLED" ? "not suspended (disabled for this tenant)" : (o.suspension?.status ?? "—")],
    ]),
  );
}

function describeProof(o: Outcome, eventId: string): AdfDoc {
  const rows: [string, string][] = (o.proof ?? []).flatMap((g) => [
    ...g.groups.map((x) => [`${g.access} — ${x.group}`, x.readBack?.detail ?? "not a member"] as [string, string]),
    ...(g.removedByHand ? [[`${g.access} — removed by hand`, `by ${g.removedByHand.by ?? "the app owner"}: ${g.removedByHand.note ?? ""}`] as [string, string]] : []),
  ]);
  if (o.suspension?.readBack) rows.push(["IdP account", o.suspension.readBack.detail]);
  else if (o.suspension?.error) rows.push(["IdP account", `not suspended: ${o.suspension.error}`]);
  return adf.doc(
    adf.paragraph("Every removal is confirmed. Read-backs and confirmations:"),
    rows.length ? adf.keyValueList(rows) : adf.paragraph("Nothing needed removing."),
    adf.paragraph(adf.em(proofMarker(eventId))),
  );
}
