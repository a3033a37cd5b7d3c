import { toText } from "./adf.ts";
// Jira Cloud ticketing connector on jira.js 6 (REST v3, ADF bodies). See ../../../../shared/protocols.md §5.

import { createCloudClient } from "jira.js";
import { createClient, type Client, type SendRequestOptions } from "jira.js/core";
import { ConnectorError, type AdfDoc, type TicketingConnector, type TicketRef, type ValidationResult } from "../types.ts";
import { JiraTimeoutError, toConnectorError } from "./errors.ts";

export type JiraAuthConfig = { mode: "basic"; email: string; apiToken: string } | { mode: "bearer"; token: string };

export interface JiraConnectorConfig {
  /** The site, e.g. https://acme.atlassian.net (or the sandbox URL). */
  siteUrl: string;
  projectKey: string;
  /** Issue type name for new issues (default "Task"). */
  issueType?: string;
  auth: JiraAuthConfig;
  /** Per HTTP call (default 15 s). */
  timeoutMs?: number;
  /** What jira.js does when a response does not match its schema (default "warn"; tests use "throw"). */
  onSchemaMismatch?: "warn" | "silent" | "throw";
  /** Plain http is refused for anything but loopback hosts unless this is set (API tokens would travel in clear). */
  allowInsecureHttp?: boolean;
}

export const DEFAULT_ISSUE_TYPE = "Task";
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Jira rejects summaries longer than 255 characters or with newlines. */
const MAX_SUMMARY = 255;
const ISSUE_KEY = /^(?:[A-Za-z][A-Za-z0-9_]*-\d+|\d+)$/;
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

type CloudClient = ReturnType<typeof createCloudClient>;

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Summary as Jira accepts it: one line, at most 255 characters. */
export function cleanSummary(summary: string): string {
  const oneLine = summary.replace(/\s*[\r\n]+\s*/g, " ").trim();
  return oneLine.length <= MAX_SUMMARY ? oneLine : `${oneLine.slice(0, MAX_SUMMARY - 1)}…`;
}

/** Labels as Jira accepts them: no whitespace, not empty, no duplicates. */
export function cleanLabels(labels: readonly string[]): string[] {
  const out: string[] = [];
  for (const label of labels) {
    const clean = label.trim().replace(/\s+/g, "-").slice(0, 255);
    if (clean.length > 0 && !out.includes(clean)) out.push(clean);
  }
  return out;
}

export class JiraConnector implements TicketingConnector {
  readonly kind = "jira" as const;
  readonly siteUrl: string;
  readonly projectKey: string;
  readonly issueType: string;
  private readonly timeoutMs: number;
  private readonly configProblem: string | null;
  private calls = 0;
  private jiraClient: CloudClient | undefined;

  constructor(private readonly config: JiraConnectorConfig) {
    this.siteUrl = (config.siteUrl ?? "").trim().replace(/\/+$/, "");
    this.projectKey = (config.projectKey ?? "").trim().toUpperCase();
    this.issueType = config.issueType?.trim() || DEFAULT_ISSUE_TYPE;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.configProblem = this.checkConfig();
  }

  private checkConfig(): string | null {
    let url: URL;
    try {
      url = new URL(this.siteUrl);
    } catch {
      return `Jira site URL "${this.config.siteUrl}" is not a valid URL`;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return "Jira site URL must start with https://";
    if (url.protocol === "http:" && !isLoopback(url.hostname) && !this.config.allowInsecureHttp) {
      return "Jira site URL must use https:// (the API token would be sent in clear over http)";
    }
    if (url.username || url.password) return "Jira site URL must not contain credentials";
    if (!PROJECT_KEY.test(this.projectKey)) return `"${this.config.projectKey}" is not a valid Jira project key`;
    const auth = this.config.auth;
    if (!auth) return "Jira credentials are missing";
    if (auth.mode === "basic") {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(auth.email ?? "")) return "Jira sign-in email is not a valid email address";
      if (!auth.apiToken) return "Jira API token is missing";
    } else if (auth.mode === "bearer") {
      if (!auth.token) return "Jira token is missing";
    } else {
      return "Jira auth mode must be basic or bearer";
    }
    if (!(this.timeoutMs > 0)) return "timeoutMs must be positive";
    return null;
  }

  /** How many HTTP calls this instance has made. */
  apiCalls(): number {
    return this.calls;
  }

  issueUrl(key: string): string {
    return `${this.siteUrl}/browse/${key}`;
  }

  /** The jira.js client, built on first use; every call is counted and bounded by timeoutMs. */
  private get jira(): CloudClient {
    if (this.configProblem) throw new ConnectorError(this.configProblem, "invalid", false);
    if (!this.jiraClient) {
      const auth = this.config.auth;
      const inner = createClient({
        host: this.siteUrl,
        auth: auth.mode === "basic" ? { type: "basic", email: auth.email, apiToken: auth.apiToken } : { type: "bearer", token: auth.token },
        onSchemaMismatch: this.config.onSchemaMismatch ?? "warn",
      });
      const timeoutMs = this.timeoutMs;
      const counted: Client = {
        sendRequest: <T>(options: SendRequestOptions<T>): Promise<T> => {
          this.calls += 1;
          // jira.js has no abort signal: the timer bounds how long we wait; a late answer is dropped.
          return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => reject(new JiraTimeoutError(timeoutMs)), timeoutMs);
            inner.sendRequest(options).then(
              (value) => {
                clearTimeout(timer);
                resolve(value);
              },
              (error: unknown) => {
                clearTimeout(timer);
                reject(error);
              },
            );
          });
        },
      };
      this.jiraClient = createCloudClient(counted);
    }
    return this.jiraClient;
  }

  private async call<T>(action: string, fn: (jira: CloudClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.jira);
    } catch (error) {
      throw toConnectorError(error, action);
    }
  }

  private checkIssueKey(issueKey: string): string {
    const key = (issueKey ?? "").trim();
    // jira.js puts the key into the path as is, so nothing but a key or a numeric id may pass.
    if (!ISSUE_KEY.test(key)) throw new ConnectorError(`"${issueKey}" is not a Jira issue key`, "invalid", false);
    return key.toUpperCase();
  }

  async validate(): Promise<ValidationResult> {
    if (this.configProblem) return { ok: false, detail: this.configProblem };
    let who: string;
    try {
      const me = await this.call("sign-in", (jira) => jira.myself.getCurrentUser());
      const name = me.displayName ?? me.accountId ?? "unknown user";
      who = me.emailAddress && me.emailAddress !== name ? `${name} (${me.emailAddress})` : name;
    } catch (error) {
      return { ok: false, detail: this.explain(toConnectorError(error, "sign-in")) };
    }
    try {
      const project = await this.call("project lookup", (jira) => jira.projects.getProject({ projectIdOrKey: this.projectKey }));
      const types = (project.issueTypes ?? []).map((t) => t.name).filter((n): n is string => typeof n === "string");
      if (types.length > 0 && !types.some((t) => t.toLowerCase() === this.issueType.toLowerCase())) {
        return {
          ok: false,
          detail: `Signed in as ${who}, but project ${this.projectKey} has no issue type "${this.issueType}" (it has: ${types.join(", ")})`,
        };
      }
      return { ok: true, detail: `Signed in as ${who} · project ${project.key ?? this.projectKey} (${project.name ?? "unnamed"})` };
    } catch (error) {
      const e = toConnectorError(error, "project lookup");
      if (e.code === "not_found") {
        return { ok: false, detail: `Project ${this.projectKey} not found (or ${who} cannot browse it)` };
      }
      return { ok: false, detail: this.explain(e) };
    }
  }

  /** A sentence for "Test connection". */
  private explain(e: ConnectorError): string {
    switch (e.code) {
      case "auth":
        return this.config.auth.mode === "basic"
          ? `Jira rejected the sign-in: check the email ${this.config.auth.email} and its API token`
          : "Jira rejected the token: check that it is valid and has not expired";
      case "forbidden":
        return "Jira accepted the credentials but does not allow this account to use the API (403)";
      case "unavailable":
        return e.status ? `Jira at ${this.siteUrl} is unavailable (HTTP ${e.status}); try again later` : `Could not reach Jira at ${this.siteUrl}`;
      case "timeout":
        return `Jira at ${this.siteUrl} did not answer within ${this.timeoutMs} ms`;
      case "rate_limited":
        return "Jira is rate limiting this account; try again in a moment";
      default:
        return e.message;
    }
  }

  async createIssue(input: {
    summary: string;
    description: AdfDoc;
    labels?: string[];
    properties?: Record<string, unknown>;
  }): Promise<TicketRef> {
    const summary = cleanSummary(input.summary ?? "");
    if (!summary) throw new ConnectorError("An issue needs a summary", "invalid", false);
    const properties = Object.entries(input.properties ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ({ key, value }));
    const created = await this.call("create issue", (jira) =>
      jira.issues.createIssue({
        fields: {
          project: { key: this.projectKey },
          issuetype: { name: this.issueType },
          summary,
          description: input.description,
          ...(input.labels && input.labels.length > 0 ? { labels: cleanLabels(input.labels) } : {}),
        },
        ...(properties.length > 0 ? { properties } : {}),
      }),
    );
    return { key: created.key, id: created.id, url: this.issueUrl(created.key) };
  }

  async addComment(issueKey: string, body: AdfDoc): Promise<{ id: string }> {
    const key = this.checkIssueKey(issueKey);
    const comment = await this.call("add comment", (jira) =>
      // An ADF object keeps jira.js on /rest/api/3 (a string body would go to v2 as wiki markup).
      jira.issueComments.addComment({ issueIdOrKey: key, body: body as { type: "doc"; version: number; content: Record<string, unknown>[] } }),
    );
    if (!comment.id) throw new ConnectorError("Jira add comment: the answer has no comment id", "unknown", false);
    return { id: comment.id };
  }

  async hasComment(issueKey: string, marker: string): Promise<boolean> {
    const key = this.checkIssueKey(issueKey);
    for (let startAt = 0; ; ) {
      const page = await this.call("list comments", (jira) => jira.issueComments.getComments({ issueIdOrKey: key, startAt, maxResults: 100 }));
      const comments = page.comments ?? [];
      if (comments.some((c) => toText(c.body).includes(marker))) return true;
      startAt += comments.length;
      if (!comments.length || startAt >= (page.total ?? 0)) return false;
    }
  }

  async setProperty(issueKey: string, propertyKey: string, value: unknown): Promise<void> {
    const key = this.checkIssueKey(issueKey);
    if (!propertyKey || propertyKey.length > 255) {
      throw new ConnectorError("An issue property key must be 1 to 255 characters", "invalid", false);
    }
    if (value === undefined || value === null) {
      throw new ConnectorError("An issue property needs a value (Jira rejects an empty body)", "invalid", false);
    }
    await this.call("set issue property", (jira) =>
      // The value travels in `body` (not `propertyValue`, which jira.js would silently drop).
      jira.issueProperties.setIssueProperty({
        issueIdOrKey: key,
        propertyKey: encodeURIComponent(propertyKey),
        body: value as Record<string, unknown>,
      }),
    );
  }

  async transition(issueKey: string, transitionName: string): Promise<boolean> {
    const key = this.checkIssueKey(issueKey);
    const wanted = transitionName.trim().toLowerCase();
    const { transitions = [] } = await this.call("list transitions", (jira) => jira.issues.getTransitions({ issueIdOrKey: key }));
    const match = transitions.find((t) => (t.name ?? "").trim().toLowerCase() === wanted && t.id !== undefined);
    if (!match) return false;
    try {
      await this.call("transition issue", (jira) => jira.issues.doTransition({ issueIdOrKey: key, transition: { id: match.id } }));
      return true;
    } catch (error) {
      // The issue moved on between the two calls: the transition is no longer available.
      if (error instanceof ConnectorError && error.status === 400 && /is not valid for this issue/i.test(error.message)) return false;
      throw error;
    }
  }
}

export function createJiraConnector(config: JiraConnectorConfig): JiraConnector {
  return new JiraConnector(config);
}
