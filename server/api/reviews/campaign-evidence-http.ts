// GET /api/reviews/<campaignId>/evidence?format=csv|json: a campaign's evidence package for a signed-in
// admin or auditor. CSV: one row per item, streamed a page at a time. JSON: the summary, the population
// snapshot (IdP counts next to ours) and the campaign's settings.
import { recordAudit } from "../../domain/audit.ts";
import { campaignEvidenceCsvChunks } from "../../domain/reviews/campaign-evidence-csv.ts";
import { getCampaign } from "../../domain/reviews/queries.ts";
import { DomainError } from "../../domain/errors.ts";
import { forTenant, type Services } from "../../domain/services.ts";
import type { SessionUser } from "../context.ts";
import { resolveMembership } from "../membership.ts";
import { csvResponse } from "../evidence/csv-stream.ts";

function error(status: number, code: string, message: string) {
  return Response.json({ error: code, message }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function handleCampaignEvidence(
  services: Services, request: Request, campaignId: string, session: { user: SessionUser | null; tenantSlug: string | null },
): Promise<Response> {
  if (!session.user) return error(401, "unauthenticated", "Sign in to download evidence");
  const membership = await resolveMembership(services.db, session.user.id, session.tenantSlug);
  if (!membership) return error(403, "forbidden", "You are not a member of this workspace");
  if (!membership.roles.some((r) => r === "admin" || r === "auditor")) return error(403, "forbidden", "Only admins and auditors can download review evidence");
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return error(400, "invalid_request", "format must be csv or json");
  const scope = forTenant(services, membership.tenantId, { type: "user", id: session.user.id, label: session.user.email });
  let campaign: Awaited<ReturnType<typeof getCampaign>>;
  try {
    campaign = await getCampaign(scope.tdb, campaignId.slice(0, 64), scope.clock.now());
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") return error(404, "not_found", "Campaign not found");
    throw e;
  }
  if (campaign.status === "DRAFT") return error(409, "conflict", "This campaign has not been launched: there is no evidence yet");
  await scope.tdb.$transaction((tx) => recordAudit(tx, scope.tenantId, scope.actor, {
    action: "evidence.exported", subjectType: "campaign", subjectId: campaign.id, data: { kind: `review-${format}`, channel: "web" },
  }, scope.clock.now()));
  const base = `gatehouse-review-${campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 60)}`;
  if (format === "json") {
    const { reviewerProgress, progress, snapshot, summary, ...settings } = campaign;
    return new Response(JSON.stringify({ campaign: settings, progress, reviewerProgress, summary, snapshot }, null, 2), {
      headers: {
        "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${base}-package.json"`,
      },
    });
  }
  const chunks = campaignEvidenceCsvChunks(scope, { campaignId: campaign.id });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return csvResponse(body, `${base}.csv`);
}
