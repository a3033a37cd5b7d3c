import type { ChatMessage } from "../../connectors/types.ts";
import { appUrl } from "../../lib/app-url.ts";
import type { TenantScope } from "../services.ts";
import { formatDuration } from "../requests/format.ts";

export const APPROVE_ACTION = "gatehouse.approve";
export const DENY_ACTION = "gatehouse.deny";

const who = { select: { id: true, displayName: true, title: true, department: true, manager: { select: { displayName: true } } } } as const;

/** Everything an approver needs to decide without asking, read fresh each time the message is drawn. */
export async function loadApprovalContext(scope: TenantScope, requestId: string) {
  const request = await scope.tdb.accessRequest.findUnique({
    where: { id: requestId },
    include: {
      requester: who, beneficiary: who, app: { select: { name: true, riskLevel: true } },
      role: { select: { name: true, privileged: true, groups: { select: { group: { select: { name: true } } } } } },
      steps: { orderBy: { position: "asc" }, include: { decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: { displayName: true } } } } } },
    },
  });
  if (!request) return null;
  const heldBefore = await scope.tdb.grant.count({ where: { personId: request.beneficiaryPersonId, roleId: request.roleId, status: "ENDED" } });
  return { request, heldBefore };
}
export type ApprovalContext = NonNullable<Awaited<ReturnType<typeof loadApprovalContext>>>;

const at = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const kindName = (k: string) => k.toLowerCase().replace("_", " ");
const personLine = (p: ApprovalContext["request"]["requester"]) =>
  [p.displayName, [p.title, p.department].filter(Boolean).join(", "), p.manager ? `manager ${p.manager.displayName}` : null].filter(Boolean).join(" · ");

/**
 * The approval DM of one approver for one step: the context and Approve / Deny while the step waits for them;
 * afterwards, who decided, when and through which channel, and no buttons.
 */
export function approvalMessage(ctx: ApprovalContext, forPersonId: string, stepId: string | null): ChatMessage {
  const r = ctx.request;
  const label = `${r.app.name} · ${r.role.name}`;
  const step = r.steps.find((s) => s.id === stepId) ?? r.steps.find((s) => s.approverPersonIds.includes(forPersonId));
  const waitingForMe = r.status === "PENDING" && step?.status === "PENDING" && !step.decisions.some((d) => d.deciderPersonId === forPersonId);
  const forOther = r.beneficiaryPersonId !== r.requesterPersonId;
  const decisions = r.steps.flatMap((s) => s.decisions.map((d) => ({ ...d, position: s.position })));
  const approvals = decisions.filter((d) => d.decision === "APPROVE");
  const facts: [string, string][] = [
    ["Requested by", personLine(r.requester)],
    ...(forOther ? [["For", personLine(r.beneficiary)] as [string, string]] : []),
    ["Access", `${label}${r.role.privileged ? " (privileged)" : ""}`],
    ["IdP groups", r.role.groups.map((g) => g.group.name).join(", ") || "none (granted by hand)"],
    ["Risk", r.app.riskLevel.toLowerCase()],
    ["Duration", formatDuration(r.durationMinutes)],
    ["Held before", ctx.heldBefore === 0 ? "never" : `${ctx.heldBefore} time${ctx.heldBefore === 1 ? "" : "s"}`],
    ["Approved so far", approvals.map((d) => `${d.decider.displayName} (step ${d.position + 1})`).join(", ") || "nobody yet"],
  ];
  if (step) facts.push(["Step", `${step.position + 1} of ${r.steps.length} · ${kindName(step.kind)}${step.mode === "ALL" && step.approverPersonIds.length > 1 ? " (all must approve)" : ""}`]);
  const open = { label: "Open in Gatehouse", url: appUrl(`/requests/${r.id}`), actionId: "gatehouse.open" };
  const title = `Approve ${label} for ${r.beneficiary.displayName}?`;
  const lines = [`Reason: “${r.reason}”`];

  if (waitingForMe) {
    return {
      text: title, title, lines, facts,
      buttons: [
        { label: "Approve", actionId: APPROVE_ACTION, value: r.id, style: "primary" },
        { label: "Deny", actionId: DENY_ACTION, value: r.id, style: "danger" },
        open,
      ],
      footer: r.jiraIssueKey ? `Jira ${r.jiraIssueKey}` : undefined,
    };
  }
  const stepDecisions = (step ? step.decisions : []).map((d) =>
    `${d.decision === "APPROVE" ? "Approved" : "Denied"} by ${d.decider.displayName} at ${at(d.createdAt)} via ${d.channel}${d.comment ? `: “${d.comment}”` : ""}`);
  const outcome =
    r.status === "APPROVED" ? "Request approved: access is being provisioned."
    : r.status === "DENIED" ? "Request denied."
    : r.status === "CANCELLED" ? `Request cancelled${r.decidedAt ? ` at ${at(r.decidedAt)}` : ""}.`
    : r.status === "FAILED" ? "Request failed."
    : (() => {
        const next = r.steps.find((s) => s.status === "PENDING");
        return next ? `Now waiting for step ${next.position + 1} of ${r.steps.length} (${kindName(next.kind)}).` : "Waiting.";
      })();
  const headline = r.status === "APPROVED" ? `✅ Approved: ${label} for ${r.beneficiary.displayName}`
    : r.status === "DENIED" ? `⛔ Denied: ${label} for ${r.beneficiary.displayName}`
    : r.status === "CANCELLED" ? `Cancelled: ${label} for ${r.beneficiary.displayName}`
    : `${label} for ${r.beneficiary.displayName}`;
  return {
    text: `${headline}. ${stepDecisions[stepDecisions.length - 1] ?? outcome}`,
    title: headline,
    lines: [...lines, ...stepDecisions, outcome],
    facts,
    buttons: [open],
    footer: [stepDecisions[stepDecisions.length - 1], r.jiraIssueKey ? `Jira ${r.jiraIssueKey}` : null].filter(Boolean).join(" · ") || undefined,
  };
}
