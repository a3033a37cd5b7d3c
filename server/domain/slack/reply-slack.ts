import { forTenant, type Services } from "../services.ts";
import { slackFor } from "./slack-workspace.ts";

/** The slack.reply job: an ephemeral answer to a click (why it was refused), through the click's response_url. */
export async function replyInSlack(services: Services, input: { tenantId: string; responseUrl: string; text: string }) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Slack" });
  const workspace = await slackFor(scope);
  if (!workspace) return;
  try {
    await workspace.slack.tellPrivately({ responseUrl: input.responseUrl }, input.text);
  } catch (e) {
    // A used-up or expired response_url will not get better; anything retryable goes back to the job layer.
    if ((e as { retryable?: boolean }).retryable) throw e;
  }
}
