import { evidenceFor } from "../../connectors/factory.ts";
import { ConnectorError, type EvidenceUserAccount } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import { recordAudit } from "../audit.ts";
import { DomainError, notFound } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import type { VantaConfig } from "../connections/vanta-config.ts";
import { campaignEvidenceCsv } from "./campaign-evidence-csv.ts";

const status = { ACTIVE: "active", SUSPENDED: "suspended" } as Record<string, EvidenceUserAccount["status"]>;

/**
 * Sends a closed campaign's proof to Vanta: every governed access that is live now as a user account
 * (state of the world: what the review removed is no longer there), read back; then the evidence CSV
 * and the summary uploaded to the access-review document and submitted. Recorded only when all of it worked.
 */
export async function pushCampaignToVanta(scope: TenantScope, input: { campaignId: string }) {
  const { tdb, tenantId, actor, clock } = scope;
  const campaign = await tdb.reviewCampaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw notFound("Campaign");
  if (campaign.status !== "CLOSED") throw new DomainError("PRECONDITION_FAILED", "Close the campaign first: only final evidence goes to Vanta");
  const connection = await tdb.connection.findFirst({ where: { kind: "VANTA", enabled: true } });
  if (!connection) throw new DomainError("PRECONDITION_FAILED", "Connect Vanta first (Settings → Connections)");
  const config = connection.config as VantaConfig;
  const vanta = evidenceFor(scope.connectors, connection);

  const grants = await tdb.grant.findMany({
    where: { status: "ACTIVE" },
    select: { id: true, activatedAt: true, createdAt: true, person: { select: { displayName: true, email: true, login: true, status: true } }, role: { select: { name: true, privileged: true, app: { select: { name: true } } } } },
  });
  const accounts: EvidenceUserAccount[] = grants.map((g) => ({
    id: g.id, displayName: `${g.person.displayName} (${g.role.app.name} · ${g.role.name})`, fullName: g.person.displayName,
    accountName: g.person.login, email: g.person.email, permission: g.role.privileged ? "admin" : "base",
    status: status[g.person.status] ?? "deactivated", createdAt: g.activatedAt ?? g.createdAt, url: appUrl(`/evidence/grants/${g.id}`), authMethod: "sso",
  }));
  const csv = await campaignEvidenceCsv(scope, { campaignId: campaign.id });
  const slug = campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 60);
  let result;
  try {
    await vanta.syncUserAccounts(config.userAccountResourceId, accounts);
    const listed = await vanta.listUserAccounts(config.userAccountResourceId);
    const live = new Set(listed.filter((a) => !a.deletedAt).map((a) => a.id));
    const missing = accounts.filter((a) => !live.has(a.id)).length;
    if (missing) throw new DomainError("PRECONDITION_FAILED", `Vanta's read-back is missing ${missing} of ${accounts.length} accounts; try again`);
    const uploads = [
      await vanta.uploadDocument(config.documentId, { filename: `gatehouse-review-${slug}.csv`, contentType: "text/csv", content: csv }),
      await vanta.uploadDocument(config.documentId, {
        filename: `gatehouse-review-${slug}-summary.json`, contentType: "application/json",
        content: JSON.stringify({ campaign: campaign.name, dueAt: campaign.dueAt, closedAt: campaign.closedAt, summary: campaign.summary, snapshot: campaign.snapshot }, null, 2),
      }),
    ];
    await vanta.submitDocument(config.documentId);
    result = { accounts: accounts.length, readBack: { listed: listed.length, live: live.size, missing }, documentId: config.documentId, uploads, submittedAt: clock.now().toISOString() };
  } catch (e) {
    if (e instanceof ConnectorError) throw new DomainError("PRECONDITION_FAILED", `Vanta did not accept the evidence: ${e.message}${e.retryable ? " (try again in a moment)" : ""}`);
    throw e;
  }
  return tdb.$transaction(async (tx) => {
    const now = clock.now();
    await tx.reviewCampaign.update({ where: { id: campaign.id }, data: { vantaPushedAt: now, vantaResult: result as never } });
    await recordAudit(tx, tenantId, actor, { action: "review.pushed_to_vanta", subjectType: "campaign", subjectId: campaign.id, data: result }, now);
    return { campaignId: campaign.id, ...result };
  });
}
