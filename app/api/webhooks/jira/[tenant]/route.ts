import { handleJiraWebhook } from "@/server/api/webhooks/jira-webhook-http";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Jira admin webhook deliveries for one tenant (signed with the secret set up on the Connections page). */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return handleJiraWebhook(await getServices(), request, tenant);
}
