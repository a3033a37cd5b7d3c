import { z } from "zod";
import { receiveSlackRequest } from "../domain/slack/receive-slack-request.ts";
import type { Services } from "../domain/services.ts";

const MAX_BODY_BYTES = 64 * 1024;
const headers = z.object({ timestamp: z.string().max(20).nullable(), signature: z.string().max(100).nullable() });

/**
 * The two Slack Request URLs share this: the raw body (the bytes Slack signed, never re-serialised), the signature
 * headers, one domain operation, and Slack's answer shape. Slow Slack API work happens in jobs after this acks.
 */
export async function slackRoute(services: Services, kind: "interaction" | "command", req: Request): Promise<Response> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return Response.json({ ok: false, error: "too_large" }, { status: 413 });
  const rawBody = await req.text();
  if (rawBody.length > MAX_BODY_BYTES) return Response.json({ ok: false, error: "too_large" }, { status: 413 });
  const h = headers.safeParse({ timestamp: req.headers.get("x-slack-request-timestamp"), signature: req.headers.get("x-slack-signature") });
  if (!h.success) return Response.json({ ok: false, error: "malformed_headers" }, { status: 400 });
  const answer = await receiveSlackRequest(services, { kind, rawBody, ...h.data });
  return answer.body ? Response.json(answer.body, { status: answer.status }) : new Response(null, { status: answer.status });
}
