import { cookies } from "next/headers";
import { handleCampaignEvidence } from "@/server/api/reviews/campaign-evidence-http";
import { TENANT_COOKIE } from "@/server/auth/options";
import { getSessionUser } from "@/server/auth/session";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A review campaign's evidence package: CSV (one row per item, streamed) or JSON (summary and population snapshot). */
export async function GET(request: Request, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  const services = await getServices();
  const user = await getSessionUser(services);
  return handleCampaignEvidence(services, request, campaignId, { user, tenantSlug: (await cookies()).get(TENANT_COOKIE)?.value ?? null });
}
