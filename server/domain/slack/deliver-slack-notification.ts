import { ConnectorError, type ChatMessage } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import { forTenant, type Services } from "../services.ts";
import { approvalMessage, loadApprovalContext } from "./approval-message.ts";
import { slackFor, slackUserOf } from "./slack-workspace.ts";
import { RECLAIM_KEEP_ACTION } from "../reclaim/slack-keep.ts";

const purposeOf = (kind: string) => (kind === "approval.pending" ? "approval" : kind.startsWith("grant.") ? "warning" : "requester");

/**
 * The slack.notify job: DMs one in-app notification to its person. An approval notice becomes the interactive
 * approval message. The SlackMessage row shares the notification's id, so a retried job never posts twice once
 * Slack has confirmed; a retryable Slack failure is rethrown for the job layer, any other is recorded and dropped.
 */
export async function deliverSlackNotification(services: Services, input: { tenantId: string; notificationId: string }) {
  const scope = forTenant(services, input.tenantId, { type: "job", label: "Slack" });
  const { tdb } = scope;
  const note = await tdb.notification.findUnique({ where: { id: input.notificationId }, include: { person: true } });
  if (!note) return { posted: false, why: "gone" };
  const existing = await tdb.slackMessage.findUnique({ where: { id: note.id } });
  if (existing?.status === "POSTED" || existing?.status === "FAILED") return { posted: false, why: "done" };
  const workspace = await slackFor(scope);
  if (!workspace) return { posted: false, why: "slack not connected" };
  const { slack } = workspace;

  const purpose = purposeOf(note.kind);
  const grantRequestId = note.grantId ? (await tdb.grant.findUnique({ where: { id: note.grantId }, select: { requestId: true } }))?.requestId : null;
  const requestId = note.requestId ?? grantRequestId ?? null;
  let message: ChatMessage;
  let stepId: string | null = null;
  let render: (() => Promise<ChatMessage | null>) | null = null;
  if (purpose === "approval" && requestId) {
    const ctx = await loadApprovalContext(scope, requestId);
    const step = ctx?.request.steps.find((s) => s.status === "PENDING" && s.approverPersonIds.includes(note.personId));
    // Decided before we got here: the in-app notice is enough, a stale question in Slack is not.
    if (!ctx || !step || ctx.request.status !== "PENDING") return { posted: false, why: "already decided" };
    stepId = step.id;
    message = approvalMessage(ctx, note.personId, stepId);
    render = async () => {
      const now = await loadApprovalContext(scope, requestId);
      return now ? approvalMessage(now, note.personId, stepId) : null;
    };
  } else {
    message = {
      text: `${note.title}: ${note.body}`, title: note.title, lines: [note.body],
      buttons: [
        // A reclaim notice can be answered right here: keeping needs a reason, asked in a modal.
        ...(note.kind === "reclaim.notified" && note.grantId ? [{ label: "Keep it", actionId: RECLAIM_KEEP_ACTION, value: note.grantId, style: "primary" as const }] : []),
        ...(note.link ? [{ label: "Open in Gatehouse", url: appUrl(note.link), actionId: "gatehouse.open" }] : []),
      ],
    };
  }

  // Recorded only for notices about a request (the table's key); others are still delivered.
  const record = requestId
    ? await tdb.slackMessage.upsert({
        where: { id: note.id },
        create: { id: note.id, requestId, stepId, personId: note.personId, purpose } as never,
        update: {},
      })
    : null;
  try {
    const slackUser = await slackUserOf(scope, slack, note.person);
    if (!slackUser) {
      if (record) await tdb.slackMessage.update({ where: { id: record.id }, data: { status: "FAILED", lastError: `Nobody in Slack has the email ${note.person.email}` } });
      return { posted: false, why: "not in slack" };
    }
    const ref = await slack.sendDirect(slackUser, message);
    if (record) await tdb.slackMessage.update({ where: { id: record.id }, data: { status: "POSTED", channel: ref.channel, ts: ref.ts, lastError: null } });
    // A decision may have landed while we posted (its refresh found no ts yet): draw the message again if so.
    const fresh = render ? await render() : null;
    if (fresh && JSON.stringify(fresh) !== JSON.stringify(message)) await slack.update(ref, fresh).catch(() => undefined);
    return { posted: true, ref };
  } catch (err) {
    const e = err instanceof ConnectorError ? err : new ConnectorError((err as Error).message, "unknown", true);
    if (record) await tdb.slackMessage.update({ where: { id: record.id }, data: e.retryable ? { lastError: e.message } : { status: "FAILED", lastError: e.message } });
    if (e.retryable) throw e;
    return { posted: false, why: e.message };
  }
}
