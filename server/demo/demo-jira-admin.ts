/** A person in the sandbox Jira (the demo's IT admin), who moves tickets on the demo's Jira pages. */
export const DEMO_JIRA_ADMIN = { email: "alex.kim@acme.example", apiToken: "sandbox-demo-admin-token", displayName: "Alex Kim" } as const;
