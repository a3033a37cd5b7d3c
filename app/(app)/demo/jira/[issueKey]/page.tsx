import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JiraIssueView } from "@/components/sandbox/views";
import { JiraIssueActions } from "@/components/sandbox/jira-issue-actions";
import { DEMO_JIRA_ADMIN } from "@/server/demo/demo-jira-admin";
import { statusById, transitionsFrom } from "@/server/sandbox/jira/state";
import { actOnSandboxIssue } from "./actions";
import { adfToText } from "@/server/sandbox/jira/state";
import { demoSandboxesOr404 } from "../../../_lib/sandboxes";
import { issueRow } from "../../../_lib/sandbox-rows";

export const metadata: Metadata = { title: "Sandbox Jira issue" };
export const dynamic = "force-dynamic";

export default async function SandboxJiraIssuePage({ params }: { params: Promise<{ issueKey: string }> }) {
  const { jira } = await demoSandboxesOr404();
  const { issueKey } = await params;
  const issue = jira.state.issue(decodeURIComponent(issueKey));
  if (!issue) notFound();
  const who = (accountId: string) => jira.state.users.get(accountId)?.displayName ?? accountId;
  return (
    <JiraIssueView
      url={jira.url}
      issue={issueRow(issue)}
      description={issue.description ? adfToText(issue.description) : ""}
      reporter={who(issue.reporterAccountId)}
      comments={issue.comments.map((c) => ({ id: c.id, author: who(c.authorAccountId), created: c.created, text: adfToText(c.body) }))}
      properties={issue.properties}
      actions={
        <JiraIssueActions
          issueKey={issue.key}
          actor={DEMO_JIRA_ADMIN.displayName}
          transitions={transitionsFrom(issue.statusId).map((t) => ({ name: t.name, to: statusById(t.to).name }))}
          revokeLabel="gatehouse-revoke"
          hasRevokeLabel={issue.labels.includes("gatehouse-revoke")}
          act={actOnSandboxIssue}
        />
      }
    />
  );
}
