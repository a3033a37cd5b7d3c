import { ConnectorError } from "../../connectors/types.ts";
import type { TenantTx } from "../../db/tenant-db.ts";
import { forTenant, type Services, type TenantScope } from "../services.ts";
import { approvalMessage, loadApprovalContext } from "./approval-message.ts";
import { SLACK_REFRESH_JOB } from "./jobs.ts";
import { slackFor } from "./slack-workspace.ts";

/**
 * In the transaction of a request change (any channel): when Gatehouse has posted approval messages for the
 * request, a job redraws them. This is how a decision in the web inbox, Jira or the CLI reaches Slack.
 */
export async function enqueueSlackRefresh(tx: TenantTx, scope: TenantScope, requestId: string) {
  const posted = await tx.slackMessage.count({ where: { requestId, purpose: "approval" } });
  if (posted === 0) return;
  await scope.jobs.enqueue(SLACK_REFRESH_JOB, { tenantId: scope.tenantId, requestId }, { tx, tenantId: scope.tenantId });
}

/** The slack.refresh-request job: chat.update of every posted approval message of the request from its current state. */
export async function refreshSlackMessages(services: Services, input: { tenantId: string; requestId: string }) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Slack" });
  const messages = await scope.tdb.slackMessage.findMany({ where: { requestId: input.requestId, purpose: "approval", status: "POSTED" } });
  if (messages.length === 0) return { updated: 0 };
  const workspace = await slackFor(scope);
  const ctx = await loadApprovalContext(scope, input.requestId);
  if (!workspace || !ctx) return { updated: 0 };
  let updated = 0;
  let retry: ConnectorError | null = null;
  for (const m of messages) {
    if (!m.channel || !m.ts) continue;
    try {
      await workspace.slack.update({ channel: m.channel, ts: m.ts }, approvalMessage(ctx, m.personId, m.stepId));
      await scope.tdb.slackMessage.update({ where: { id: m.id }, data: { lastError: null } });
      updated++;
    } catch (err) {
      const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
      await scope.tdb.slackMessage.update({ where: { id: m.id }, data: { lastError: e.message } });
      if (e.retryable) retry ??= e;
    }
  }
  // Every message was tried; the job layer runs the whole refresh again (it is idempotent).
  if (retry) throw retry;
  return { updated };
}
