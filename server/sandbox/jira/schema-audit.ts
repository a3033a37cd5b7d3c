// Checks the sandbox against jira.js's schemas in their strict form: with AUDIT_SCHEMAS=true jira.js builds strict
// objects and closed enums, and records every key or value its OpenAPI-derived schemas do not document.
// A faithful sandbox sends none. Run: npx tsx server/sandbox/jira/schema-audit.ts  → prints one JSON line.
//
// It must run in a fresh process: jira.js builds its schemas when first imported, so the variable is set before that.

export {};

process.env.AUDIT_SCHEMAS = "true";

const { createCloudClient } = await import("jira.js");
const { CommentSchema } = await import("jira.js/cloud");
const { startJiraSandbox, DEFAULT_JIRA_ACCOUNT } = await import("./sandbox.ts");

const DRIFT = Symbol.for("apis-code-gen.schemaAudit");

// Strict mode is really on: an undocumented key is refused.
const strict = !CommentSchema.safeParse({ id: "1", notInTheSpec: true }).success;

const sandbox = await startJiraSandbox({ bearerTokens: ["audit-bearer"] });
const calls: string[] = [];
try {
  const jira = createCloudClient({
    host: sandbox.url,
    auth: { type: "basic", email: DEFAULT_JIRA_ACCOUNT.email, apiToken: DEFAULT_JIRA_ACCOUNT.apiToken },
    onSchemaMismatch: "throw",
  });
  const doc = { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "audit" }] }] };
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    calls.push(name);
    return fn();
  };
  const projectKey = sandbox.state.projects[0]!.key;
  await step("getCurrentUser", () => jira.myself.getCurrentUser());
  await step("getProject", () => jira.projects.getProject({ projectIdOrKey: projectKey }));
  await step("getServerInfo", () => jira.serverInfo.getServerInfo());
  const created = await step("createIssue", () =>
    jira.issues.createIssue({
      fields: { project: { key: projectKey }, issuetype: { name: "Task" }, summary: "Audit", description: doc, labels: ["audit"] },
      properties: [{ key: "audit.prop", value: { a: 1 } }],
    }),
  );
  await step("createIssue (v2 string)", () =>
    jira.issues.createIssue({ fields: { project: { key: projectKey }, issuetype: { name: "Task" }, summary: "Audit v2", description: "text" } }),
  );
  await step("getIssue", () => jira.issues.getIssue({ issueIdOrKey: created.key, properties: ["*all"], expand: "transitions" }));
  await step("addComment", () => jira.issueComments.addComment({ issueIdOrKey: created.key, body: doc }));
  await step("addComment (v2 string)", () => jira.issueComments.addComment({ issueIdOrKey: created.key, body: "plain" }));
  await step("getComments", () => jira.issueComments.getComments({ issueIdOrKey: created.key, maxResults: 1 }));
  const { transitions = [] } = await step("getTransitions", () => jira.issues.getTransitions({ issueIdOrKey: created.key }));
  await step("doTransition", () => jira.issues.doTransition({ issueIdOrKey: created.key, transition: { id: transitions[0]!.id } }));
  await step("setIssueProperty", () => jira.issueProperties.setIssueProperty({ issueIdOrKey: created.key, propertyKey: "p", body: { x: 1 } }));
  await step("getIssueProperty", () => jira.issueProperties.getIssueProperty({ issueIdOrKey: created.key, propertyKey: "p" }));
  await step("getIssuePropertyKeys", () => jira.issueProperties.getIssuePropertyKeys({ issueIdOrKey: created.key }));
  await step("deleteIssueProperty", () => jira.issueProperties.deleteIssueProperty({ issueIdOrKey: created.key, propertyKey: "p" }));
  const bearer = createCloudClient({ host: sandbox.url, auth: { type: "bearer", token: "audit-bearer" }, onSchemaMismatch: "throw" });
  await step("getCurrentUser (bearer)", () => bearer.myself.getCurrentUser());
} finally {
  await sandbox.stop();
}

const drift = ((globalThis as Record<symbol, unknown>)[DRIFT] as unknown[] | undefined) ?? [];
console.log(JSON.stringify({ strict, calls, drift }));
