import type { ChatForm } from "../../connectors/types.ts";

export const DENY_FORM = "gatehouse.deny";

/** The modal a Deny click opens: the comment is required, as in the web inbox. */
export function denyForm(input: { requestId: string; channel: string; ts: string }): ChatForm {
  return {
    callbackId: DENY_FORM,
    title: "Deny access",
    submit: "Deny",
    intro: "The requester sees your comment, and it is recorded on the Jira issue.",
    privateMetadata: JSON.stringify(input),
    fields: [{ id: "comment", label: "Why do you deny it?", kind: "multiline", minLength: 3, maxLength: 2000, placeholder: "e.g. Use the read-only role instead" }],
  };
}
