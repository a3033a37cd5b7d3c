"use server";

import { revalidatePath } from "next/cache";
import { DEMO_JIRA_ADMIN } from "@/server/demo/demo-jira-admin";
import { addIssueLabel, transitionIssue } from "@/server/sandbox/jira/act-on-issue";
import { demoSandboxesOr404 } from "../../../_lib/sandboxes";

/** A demo visitor moves a sandbox issue (or labels it) as the sandbox Jira's admin, through Jira's REST API. */
export async function actOnSandboxIssue(form: FormData) {
  const { jira } = await demoSandboxesOr404();
  const issueKey = String(form.get("issueKey") ?? "").slice(0, 40);
  const transition = form.get("transition");
  const label = form.get("label");
  if (!jira.state.issue(issueKey)) return;
  if (typeof transition === "string" && transition) await transitionIssue(jira.url, DEMO_JIRA_ADMIN, issueKey, transition.slice(0, 100));
  else if (typeof label === "string" && /^\S{1,255}$/.test(label)) await addIssueLabel(jira.url, DEMO_JIRA_ADMIN, issueKey, label);
  revalidatePath(`/demo/jira/${issueKey}`);
}
