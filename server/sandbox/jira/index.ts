export {
  startJiraSandbox,
  DEFAULT_JIRA_ACCOUNT,
  DEFAULT_JIRA_PROJECTS,
  JiraStats,
  type JiraSandbox,
  type JiraSandboxAccount,
  type JiraSandboxBearer,
  type JiraSandboxOptions,
  type RequestLogEntry,
  type SandboxIssueView,
} from "./sandbox.ts";
export { JiraWebhooks, hubSignature, matchesJql, type SandboxWebhook, type WebhookDeliveryRecord, type ChangelogItem } from "./webhooks.ts";
export { JiraFaults, type FaultMatch, type FaultSpec, type DownMode, type RequestInfo } from "./faults.ts";
export {
  JiraState,
  STATUSES,
  TRANSITIONS,
  ISSUE_TYPES,
  adfToText,
  type AdfDocument,
  type SandboxComment,
  type SandboxIssue,
  type SandboxProject,
  type SandboxUser,
} from "./state.ts";
