// Slack's slash command Request URL (/access): opens the request modal, signed (v0).
import { slackRoute } from "@/server/api/slack-route";
import { getServices } from "@/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return slackRoute(await getServices(), "command", req);
}
