import { handleOktaEventDelivery, handleOktaVerification } from "@/server/api/webhooks/okta-event-hook-http";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ connectionId: string }> };

/** Okta's one-time event hook verification (X-Okta-Verification-Challenge). */
export async function GET(request: Request, { params }: Params) {
  const { connectionId } = await params;
  return handleOktaVerification(await getServices(), request, connectionId);
}

/** Okta event hook deliveries for one Okta connection (shared Authorization secret set up on the Connections page). */
export async function POST(request: Request, { params }: Params) {
  const { connectionId } = await params;
  return handleOktaEventDelivery(await getServices(), request, connectionId);
}
