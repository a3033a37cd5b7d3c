import type { Metadata } from "next";
import { JiraOverview } from "@/components/sandbox/views";
import { issueRow } from "../../_lib/sandbox-rows";
import { demoSandboxesOr404 } from "../../_lib/sandboxes";

export const metadata: Metadata = { title: "Sandbox Jira" };
export const dynamic = "force-dynamic";

export default async function SandboxJiraPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { jira } = await demoSandboxesOr404();
  const q = ((await searchParams).q ?? "").trim().slice(0, 100);
  const needle = q.toLowerCase();
  const all = jira.state.issues;
  const issues = all
    .filter((i) => !needle || i.key.toLowerCase().includes(needle) || i.summary.toLowerCase().includes(needle))
    .toSorted((a, b) => b.updated.localeCompare(a.updated))
    .slice(0, 200)
    .map(issueRow);
  const projects = jira.state.projects.map((p) => ({ key: p.key, name: p.name, issues: all.filter((i) => i.projectKey === p.key).length }));
  return <JiraOverview url={jira.url} projects={projects} q={q} issues={issues} totalIssues={all.length} />;
}
