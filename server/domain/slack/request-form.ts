import { ZodError } from "zod";
import type { ChatAnswer, ChatForm, MessagingConnector } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import { DomainError } from "../errors.ts";
import { formatDuration } from "../requests/format.ts";
import { requestAccess } from "../requests/request-access.ts";
import type { TenantScope } from "../services.ts";
import { parseDuration } from "./parse-duration.ts";

export const REQUEST_FORM = "gatehouse.request";

/** Slack allows 100 option groups of 100 options; a catalog larger than that is narrowed by the command's text. */
const MAX_GROUPS = 100;

/** The slash command: a modal to pick an app and role, a duration and a reason (options from the catalog). */
export async function openRequestForm(scope: TenantScope, slack: MessagingConnector, input: { triggerId: string; filter: string }): Promise<ChatAnswer> {
  const apps = await scope.tdb.app.findMany({
    orderBy: { name: "asc" },
    select: { name: true, roles: { orderBy: { name: "asc" }, select: { id: true, name: true, privileged: true, durationRequired: true } } },
  });
  const needle = input.filter.trim().toLowerCase();
  const matching = needle ? apps.filter((a) => `${a.name} ${a.roles.map((r) => r.name).join(" ")}`.toLowerCase().includes(needle)) : [];
  const shown = (matching.length ? matching : apps).filter((a) => a.roles.length > 0).slice(0, MAX_GROUPS);
  if (shown.length === 0) return { kind: "text", text: "There is nothing in the catalog to request yet." };
  const form: ChatForm = {
    callbackId: REQUEST_FORM,
    title: "Request access",
    submit: "Request",
    intro: "Your request goes to its approvers and is recorded on a Jira issue, exactly as from the web catalog.",
    fields: [
      {
        id: "role", label: "App and role", kind: "select", placeholder: "Choose an app and role",
        groups: shown.map((a) => ({
          label: a.name,
          options: a.roles.slice(0, 100).map((r) => ({ label: `${r.name}${r.privileged ? " (privileged)" : ""}${r.durationRequired ? " · time-bound" : ""}`, value: r.id })),
        })),
      },
      { id: "duration", label: "For how long?", kind: "text", optional: true, placeholder: "e.g. 8h, 3 days, 2w", hint: "Leave empty to keep it until removed (time-bound roles need a duration)." },
      { id: "reason", label: "Why do you need it?", kind: "multiline", minLength: 10, maxLength: 2000, placeholder: "The business reason your approvers will read" },
    ],
  };
  try {
    await slack.openForm(input.triggerId, form);
  } catch (e) {
    return { kind: "text", text: `Could not open the request form (${(e as Error).message}). Try again, or request in Gatehouse.` };
  }
  return { kind: "ack" };
}

const FIELD_OF: Record<string, string> = { durationMinutes: "duration", reason: "reason", roleId: "role", beneficiaryPersonId: "role" };

/** The modal's submission: a normal request (source "slack"); anything refused goes back onto the modal's fields. */
export async function submitRequestForm(scope: TenantScope, input: { personId: string; values: Record<string, string | null> }): Promise<ChatAnswer> {
  const roleId = input.values.role ?? "";
  if (!roleId) return { kind: "formErrors", errors: { role: "Choose an app and role" } };
  const durationMinutes = parseDuration(input.values.duration);
  if (durationMinutes === undefined) return { kind: "formErrors", errors: { duration: "Write a duration like 8h, 3 days or 2w (or leave it empty)" } };
  try {
    const request = await requestAccess(scope, { roleId, reason: input.values.reason ?? "", durationMinutes, requesterPersonId: input.personId, source: "slack" });
    const view = await scope.tdb.accessRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { status: true, app: { select: { name: true } }, role: { select: { name: true } }, steps: { orderBy: { position: "asc" }, select: { status: true, kind: true, position: true } } },
    });
    const waiting = view.steps.find((s) => s.status === "PENDING");
    const next = view.status === "APPROVED" ? "It is approved and being provisioned." : waiting ? `It waits for step ${waiting.position + 1} of ${view.steps.length} (${waiting.kind.toLowerCase().replace("_", " ")}).` : "";
    return {
      kind: "formDone", title: "Request sent",
      text: `${view.app.name} · ${view.role.name}, ${formatDuration(durationMinutes).toLowerCase()}. ${next} You will get a message here when it is decided. ${appUrl(`/requests/${request.id}`)}`,
    };
  } catch (e) {
    if (e instanceof ZodError) {
      const errors: Record<string, string> = {};
      for (const issue of e.issues) errors[FIELD_OF[String(issue.path[0])] ?? "role"] ??= issue.message;
      return { kind: "formErrors", errors };
    }
    if (e instanceof DomainError) return { kind: "formErrors", errors: { [FIELD_OF[e.field ?? ""] ?? "role"]: e.message } };
    throw e;
  }
}
