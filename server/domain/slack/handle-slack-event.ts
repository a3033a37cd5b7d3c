import type { ChatAnswer, ChatInbound, MessagingConnector } from "../../connectors/types.ts";
import { DomainError } from "../errors.ts";
import { decideApproval } from "../requests/decide-approval.ts";
import type { TenantScope } from "../services.ts";
import { APPROVE_ACTION, DENY_ACTION } from "./approval-message.ts";
import { denyForm, DENY_FORM } from "./deny-form.ts";
import { SLACK_REPLY_JOB } from "./jobs.ts";
import { openRequestForm, REQUEST_FORM, submitRequestForm } from "./request-form.ts";
import { personOfSlackUser } from "./slack-workspace.ts";
import { clickKeep, RECLAIM_KEEP_ACTION, RECLAIM_KEEP_FORM, submitKeep } from "../reclaim/slack-keep.ts";

/** Decisions and requests made in Slack are made by the person behind the Slack account, as themselves. */
function asPerson(scope: TenantScope, person: { email: string }): TenantScope {
  return { ...scope, actor: { type: "user", label: person.email } };
}

const NOT_LINKED = "Your Slack account is not linked to anyone in Gatehouse's directory (no person has your Slack email), so you cannot act here.";

/** One verified Slack event for one tenant: a button, a modal submission or a slash command. */
export async function handleSlackEvent(scope: TenantScope, slack: MessagingConnector, event: ChatInbound): Promise<ChatAnswer> {
  if (event.type === "command") {
    const person = await personOfSlackUser(scope, slack, event.userId);
    if (!person) return { kind: "text", text: NOT_LINKED };
    return openRequestForm(asPerson(scope, person), slack, { triggerId: event.triggerId, filter: event.text });
  }

  if (event.type === "button" && event.actionId === RECLAIM_KEEP_ACTION) {
    return clickKeep(scope, slack, event, await personOfSlackUser(scope, slack, event.userId), NOT_LINKED);
  }
  if (event.type === "button") {
    if (event.actionId !== APPROVE_ACTION && event.actionId !== DENY_ACTION) return { kind: "ack" }; // link buttons also report clicks
    const person = await personOfSlackUser(scope, slack, event.userId);
    const tell = (text: string) =>
      scope.jobs.enqueue(SLACK_REPLY_JOB, { tenantId: scope.tenantId, responseUrl: event.responseUrl, text }, { tenantId: scope.tenantId });
    if (!person) {
      await tell(NOT_LINKED);
      return { kind: "ack" };
    }
    if (event.actionId === DENY_ACTION) {
      // Deny needs a reason: ask for it in a modal now (the trigger is good for 3 seconds); the submission decides.
      await slack.openForm(event.triggerId, denyForm({ requestId: event.value, channel: event.channel, ts: event.messageTs }))
        .catch((e: Error) => tell(`Could not open the deny form (${e.message}). Click Deny again, or deny in Gatehouse.`));
      return { kind: "ack" };
    }
    try {
      await decideApproval(asPerson(scope, person), { requestId: event.value, decision: "APPROVE", deciderPersonId: person.id, channel: "slack" });
      // The message is redrawn by the refresh job the decision enqueued; the requester hears through their notice.
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      await tell(`Could not approve: ${e.message}`);
    }
    return { kind: "ack" };
  }

  const person = await personOfSlackUser(scope, slack, event.userId);
  if (event.callbackId === DENY_FORM) {
    const meta = parseMeta(event.privateMetadata);
    if (!person) return { kind: "formErrors", errors: { comment: NOT_LINKED } };
    if (!meta) return { kind: "formErrors", errors: { comment: "This form lost track of its request; use the Deny button again." } };
    const comment = event.values.comment ?? "";
    if (comment.trim().length < 3) return { kind: "formErrors", errors: { comment: "Say why you deny it (at least 3 characters)" } };
    try {
      await decideApproval(asPerson(scope, person), { requestId: meta.requestId, decision: "DENY", comment, deciderPersonId: person.id, channel: "slack" });
      return { kind: "ack" };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { kind: "formErrors", errors: { comment: e.message } };
    }
  }
  if (event.callbackId === RECLAIM_KEEP_FORM) return submitKeep(scope, event, person, NOT_LINKED);
  if (event.callbackId === REQUEST_FORM) {
    if (!person) return { kind: "formErrors", errors: { role: NOT_LINKED } };
    return submitRequestForm(asPerson(scope, person), { personId: person.id, values: event.values });
  }
  return { kind: "ack" };
}

function parseMeta(raw: string): { requestId: string } | null {
  try {
    const m = JSON.parse(raw) as { requestId?: unknown };
    return typeof m.requestId === "string" && m.requestId.length <= 64 ? { requestId: m.requestId } : null;
  } catch {
    return null;
  }
}
