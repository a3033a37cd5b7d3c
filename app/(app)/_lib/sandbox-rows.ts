// Sandbox state → the plain rows the sandbox views render.
import type { SandboxIssueRow, SandboxUserRow } from "@/components/sandbox/views";
import type { OktaUser } from "@/server/sandbox/okta/state";
import { ISSUE_TYPES, STATUSES, type SandboxIssue } from "@/server/sandbox/jira/state";

export function userRow(u: OktaUser, groups?: string[]): SandboxUserRow {
  return {
    id: u.id, name: `${u.profile.firstName} ${u.profile.lastName}`, login: u.profile.login, title: u.profile.title ?? null,
    department: u.profile.department ?? null, status: u.status, groups,
  };
}

export function issueRow(i: SandboxIssue): SandboxIssueRow {
  const status = STATUSES.find((s) => s.id === i.statusId);
  return {
    key: i.key, summary: i.summary, status: status?.name ?? i.statusId, statusCategory: status?.category ?? "new",
    type: ISSUE_TYPES.find((t) => t.id === i.issueTypeId)?.name ?? "Issue", created: i.created, updated: i.updated,
    comments: i.comments.length, labels: i.labels,
  };
}
