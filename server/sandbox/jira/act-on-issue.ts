// What a person does to an issue in Jira's UI, as REST calls to the sandbox (so webhooks fire as they would):
// move it through a transition by name, or add a label. Used by the demo's "Revoke access" button and by tests.

export interface JiraLogin {
  email: string;
  apiToken: string;
}

async function call(siteUrl: string, login: JiraLogin, method: string, path: string, body?: unknown) {
  const res = await fetch(`${siteUrl}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${login.email}:${login.apiToken}`).toString("base64")}`,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Jira ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** The transitions a person could choose on the issue now (names and target statuses). */
export async function availableTransitions(siteUrl: string, login: JiraLogin, issueKey: string) {
  const list = (await call(siteUrl, login, "GET", `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`)) as {
    transitions: Array<{ id: string; name: string; to: { name: string } }>;
  };
  return list.transitions.map((t) => ({ id: t.id, name: t.name, to: t.to.name }));
}

/** Moves the issue through the transition with this name (or to the status with this name). */
export async function transitionIssue(siteUrl: string, login: JiraLogin, issueKey: string, transitionOrStatus: string) {
  const wanted = transitionOrStatus.toLowerCase();
  const options = await availableTransitions(siteUrl, login, issueKey);
  const t = options.find((o) => o.name.toLowerCase() === wanted) ?? options.find((o) => o.to.toLowerCase() === wanted);
  if (!t) throw new Error(`${issueKey}: no transition "${transitionOrStatus}" from here (available: ${options.map((o) => o.name).join(", ") || "none"})`);
  await call(siteUrl, login, "POST", `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`, { transition: { id: t.id } });
}

export async function addIssueLabel(siteUrl: string, login: JiraLogin, issueKey: string, label: string) {
  await call(siteUrl, login, "PUT", `/rest/api/3/issue/${encodeURIComponent(issueKey)}`, { update: { labels: [{ add: label }] } });
}
