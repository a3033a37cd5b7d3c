// How Slack signs what it sends to an app: v0 HMAC-SHA256 over `v0:<timestamp>:<exact body bytes>`.
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: string | number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}
