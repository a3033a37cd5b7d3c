// Jira admin webhooks in the sandbox: registration (`/rest/webhooks/1.0/webhook`, kept with the sandbox's
// state) and delivery of `jira:issue_updated` when an issue is transitioned or its labels change, signed as
// Jira signs them (protocols.md §5 "Webhooks"): `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`,
// `X-Atlassian-Webhook-Identifier` (stable across retries) and, on a retry, `X-Atlassian-Webhook-Retry: <n>`.

import { createHmac, randomUUID } from "node:crypto";
import { ISSUE_TYPES, statusById, STATUS_CATEGORIES, type SandboxIssue, type SandboxUser } from "./state.ts";

export interface SandboxWebhook {
  id: number;
  name: string;
  url: string;
  events: string[];
  /** The JQL of `filters["issue-related-events-section"]` ("" matches every issue). */
  jqlFilter: string;
  /** Never returned by the REST API, as in Jira. */
  secret: string | null;
  excludeBody: boolean;
  enabled: boolean;
  lastUpdated: string;
}

export interface ChangelogItem {
  field: string;
  fieldtype: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface DeliveryAttempt {
  retry: number;
  status: number | null;
  error: string | null;
}

/** One delivery as the sandbox sent it: replay it byte for byte with `resend`. */
export interface WebhookDeliveryRecord {
  identifier: string;
  webhookId: number;
  url: string;
  body: string;
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
}

export interface WebhookOptions {
  /** Waits before each retry of a failed delivery (5xx, 408, 429 or a network error). Default: 1 s, 5 s, 15 s. */
  retryDelaysMs?: number[];
}

/** The hex HMAC-SHA256 Jira puts in X-Hub-Signature (after "sha256="). */
export function hubSignature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

/**
 * A small subset of JQL, enough for webhook filters: `field = value`, `field != value` and `field in (a, b)`
 * clauses on labels, project, status, issuetype and key, joined with AND. Anything else matches.
 */
export function matchesJql(jql: string, issue: SandboxIssue): boolean {
  const clauses = jql.trim() ? jql.split(/\s+AND\s+/i) : [];
  return clauses.every((clause) => {
    const m = /^\s*(\w+)\s*(=|!=|in)\s*(.+?)\s*$/i.exec(clause);
    if (!m) return true;
    const [, rawField, op, rawValue] = m;
    const values = (op!.toLowerCase() === "in" ? rawValue!.replace(/^\(|\)$/g, "").split(",") : [rawValue!])
      .map((v) => v.trim().replace(/^["']|["']$/g, "").toLowerCase());
    const field = rawField!.toLowerCase();
    const actual: string[] =
      field === "labels" ? issue.labels
        : field === "project" ? [issue.projectKey]
          : field === "status" ? [statusById(issue.statusId).name]
            : field === "issuetype" ? [ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)?.name ?? ""]
              : field === "key" || field === "issuekey" ? [issue.key]
                : values;
    const hit = actual.some((a) => values.includes(a.toLowerCase()));
    return op === "!=" ? !hit : hit;
  });
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

export class JiraWebhooks {
  /** Every delivery sent, oldest first (the last 500). */
  readonly deliveries: WebhookDeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryDelaysMs: number[];
  private stopped = false;

  constructor(
    private readonly store: { list(): SandboxWebhook[]; save(hooks: SandboxWebhook[]): void },
    private readonly now: () => Date,
    private readonly base: () => string,
    options: WebhookOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 5000, 15000];
  }

  list(): SandboxWebhook[] {
    return this.store.list();
  }

  get(id: number): SandboxWebhook | undefined {
    return this.store.list().find((w) => w.id === id);
  }

  register(input: { name: string; url: string; events: string[]; jqlFilter?: string; secret?: string | null; excludeBody?: boolean }): SandboxWebhook {
    const hooks = this.store.list();
    const hook: SandboxWebhook = {
      id: hooks.reduce((max, w) => Math.max(max, w.id), 0) + 1,
      name: input.name, url: input.url, events: [...input.events], jqlFilter: input.jqlFilter ?? "",
      secret: input.secret ?? null, excludeBody: input.excludeBody ?? false, enabled: true, lastUpdated: this.now().toISOString(),
    };
    this.store.save([...hooks, hook]);
    return hook;
  }

  remove(id: number): boolean {
    const hooks = this.store.list();
    if (!hooks.some((w) => w.id === id)) return false;
    this.store.save(hooks.filter((w) => w.id !== id));
    return true;
  }

  /** The REST shape of a webhook (GET/POST answers): the secret is never shown. */
  json(hook: SandboxWebhook) {
    return {
      self: `${this.base()}/rest/webhooks/1.0/webhook/${hook.id}`,
      name: hook.name, url: hook.url, excludeBody: hook.excludeBody,
      filters: { "issue-related-events-section": hook.jqlFilter }, events: hook.events, enabled: hook.enabled,
      lastUpdated: Date.parse(hook.lastUpdated), lastUpdatedUser: "admin", lastUpdatedDisplayName: "Sandbox admin",
    };
  }

  /** Sends `jira:issue_updated` to every webhook that listens for it and whose filter matches the issue. */
  issueUpdated(issue: SandboxIssue, user: SandboxUser, items: ChangelogItem[], eventType: "issue_generic" | "issue_updated") {
    if (items.length === 0) return;
    const hooks = this.store.list().filter((w) => w.enabled && w.events.includes("jira:issue_updated") && matchesJql(w.jqlFilter, issue));
    for (const hook of hooks) {
      const payload = {
        timestamp: this.now().getTime(),
        webhookEvent: "jira:issue_updated",
        issue_event_type_name: eventType,
        user: this.userJson(user),
        issue: this.issueJson(issue),
        changelog: { id: String(Math.floor(Math.random() * 1e9)), items },
      };
      const body = JSON.stringify(hook.excludeBody ? {} : payload);
      const identifier = randomUUID();
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Atlassian Webhook HTTP Client",
        "X-Atlassian-Webhook-Identifier": identifier,
        ...(hook.secret ? { "X-Hub-Signature": `sha256=${hubSignature(hook.secret, body)}` } : {}),
      };
      const record: WebhookDeliveryRecord = { identifier, webhookId: hook.id, url: hook.url, body, headers, attempts: [] };
      this.deliveries.push(record);
      if (this.deliveries.length > 500) this.deliveries.shift();
      this.track(this.deliver(record));
    }
  }

  /** Sends a recorded delivery again, as it was (a replay), or as Jira's n-th retry; returns the receiver's answer. */
  async resend(identifier: string, opts: { retry?: number } = {}): Promise<{ status: number; body: string }> {
    const record = this.deliveries.find((d) => d.identifier === identifier);
    if (!record) throw new Error(`No webhook delivery ${identifier}`);
    const headers = { ...record.headers, ...(opts.retry ? { "X-Atlassian-Webhook-Retry": String(opts.retry) } : {}) };
    const res = await fetch(record.url, { method: "POST", headers, body: record.body });
    return { status: res.status, body: await res.text() };
  }

  /** Resolves when every delivery in flight (retries included) is done. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  stop() {
    this.stopped = true;
  }

  private track(p: Promise<void>) {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(record: WebhookDeliveryRecord): Promise<void> {
    for (let retry = 0; retry <= this.retryDelaysMs.length && !this.stopped; retry++) {
      if (retry > 0) await new Promise((r) => setTimeout(r, this.retryDelaysMs[retry - 1]));
      const headers = { ...record.headers, ...(retry > 0 ? { "X-Atlassian-Webhook-Retry": String(retry) } : {}) };
      try {
        const res = await fetch(record.url, { method: "POST", headers, body: record.body, signal: AbortSignal.timeout(20_000) });
        await res.arrayBuffer().catch(() => undefined);
        record.attempts.push({ retry, status: res.status, error: null });
        if (!RETRYABLE(res.status)) return;
      } catch (e) {
        record.attempts.push({ retry, status: null, error: (e as Error).message });
      }
    }
  }

  private userJson(user: SandboxUser) {
    return {
      self: `${this.base()}/rest/api/2/user?accountId=${user.accountId}`,
      accountId: user.accountId, displayName: user.displayName, active: true, timeZone: "Etc/UTC", accountType: user.accountType,
      ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    };
  }

  private issueJson(issue: SandboxIssue) {
    const status = statusById(issue.statusId);
    const category = STATUS_CATEGORIES[status.category];
    const issueType = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId) ?? ISSUE_TYPES[0]!;
    return {
      id: issue.id,
      self: `${this.base()}/rest/api/2/issue/${issue.id}`,
      key: issue.key,
      fields: {
        summary: issue.summary,
        labels: [...issue.labels],
        status: { id: status.id, name: status.name, statusCategory: { id: category.id, key: category.key, name: category.name } },
        issuetype: { id: issueType.id, name: issueType.name },
        project: { key: issue.projectKey },
        created: issue.created.replace(/Z$/, "+0000"),
        updated: issue.updated.replace(/Z$/, "+0000"),
      },
    };
  }
}

/** The changelog item Jira sends for a status change. */
export function statusChange(fromId: string, toId: string): ChangelogItem {
  return {
    field: "status", fieldtype: "jira", fieldId: "status",
    from: fromId, fromString: statusById(fromId).name, to: toId, toString: statusById(toId).name,
  };
}

/** The changelog item Jira sends for a labels edit: space-separated before/after, no ids. */
export function labelsChange(before: string[], after: string[]): ChangelogItem | null {
  if (before.join(" ") === after.join(" ")) return null;
  return { field: "labels", fieldtype: "jira", fieldId: "labels", from: null, fromString: before.join(" "), to: null, toString: after.join(" ") };
}
