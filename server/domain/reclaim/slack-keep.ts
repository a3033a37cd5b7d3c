import type { ChatAnswer, ChatForm, ChatInbound, MessagingConnector } from "../../connectors/types.ts";
import { DomainError } from "../errors.ts";
import type { TenantScope } from "../services.ts";
import { SLACK_REPLY_JOB } from "../slack/jobs.ts";
import { keepGrant } from "./keep-grant.ts";
import { openCaseOfGrant } from "./queries.ts";

/** The "Keep it" button on a reclaim DM (its value is the grant id) and the modal it opens. */
export const RECLAIM_KEEP_ACTION = "gatehouse.reclaim.keep";
export const RECLAIM_KEEP_FORM = "gatehouse.reclaim.keep-form";

type Person = { id: string; email: string };
type Button = Extract<ChatInbound, { type: "button" }>;
type Form = Extract<ChatInbound, { type: "form" }>;

export function keepForm(grantId: string): ChatForm {
  return {
    callbackId: RECLAIM_KEEP_FORM,
    title: "Keep this access",
    submit: "Keep it",
    intro: "Say why you still need it. Your reason is recorded, and the inactivity clock starts again.",
    privateMetadata: JSON.stringify({ grantId }),
    fields: [{ id: "reason", label: "Why do you still need it?", kind: "multiline", minLength: 1, maxLength: 500, placeholder: "e.g. I use it for the quarterly close" }],
  };
}

/** Keeping needs a reason: the click opens the modal now (the trigger is good for 3 seconds). */
export async function clickKeep(scope: TenantScope, slack: MessagingConnector, event: Button, person: Person | null, notLinked: string): Promise<ChatAnswer> {
  const tell = (text: string) => scope.jobs.enqueue(SLACK_REPLY_JOB, { tenantId: scope.tenantId, responseUrl: event.responseUrl, text }, { tenantId: scope.tenantId });
  if (!person) {
    await tell(notLinked);
    return { kind: "ack" };
  }
  await slack.openForm(event.triggerId, keepForm(event.value.slice(0, 64)))
    .catch((e: Error) => tell(`Could not open the form (${e.message}). Click Keep it again, or keep it from your Gatehouse inbox.`));
  return { kind: "ack" };
}

export async function submitKeep(scope: TenantScope, event: Form, person: Person | null, notLinked: string): Promise<ChatAnswer> {
  if (!person) return { kind: "formErrors", errors: { reason: notLinked } };
  const grantId = parseGrantId(event.privateMetadata);
  if (!grantId) return { kind: "formErrors", errors: { reason: "This form lost track of its access; use the Keep it button again." } };
  const reason = (event.values.reason ?? "").trim();
  if (!reason) return { kind: "formErrors", errors: { reason: "Say why you still need it" } };
  const open = await openCaseOfGrant(scope.tdb, grantId);
  if (!open || open.personId !== person.id) return { kind: "formErrors", errors: { reason: "There is no open notice about this access for you (it may be kept or removed already)." } };
  try {
    await keepGrant({ ...scope, actor: { type: "user", label: person.email } }, { caseId: open.id, reason, keeperPersonId: person.id, asAdmin: false });
    return { kind: "formDone", title: "Kept", text: "Thanks — the access stays, and your reason is recorded." };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { kind: "formErrors", errors: { reason: e.message } };
  }
}

function parseGrantId(raw: string): string | null {
  try {
    const m = JSON.parse(raw) as { grantId?: unknown };
    return typeof m.grantId === "string" && m.grantId.length <= 64 ? m.grantId : null;
  } catch {
    return null;
  }
}
