import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { JiraIssueView } from "@/components/sandbox/views";
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
    />
  );
}
