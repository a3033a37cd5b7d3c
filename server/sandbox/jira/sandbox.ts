// A protocol-faithful sandbox of Jira Cloud REST v3 over real HTTP, for tests and the embedded demo.
//
// It answers the calls jira.js 6.2.0 makes for the Jira connector (myself, project, serverInfo, issue create/get,
// comments, transitions, issue properties, plus the /rest/api/2 routes jira.js uses for string bodies), shaped so that
// jira.js validates every response with `onSchemaMismatch: 'throw'`. See ../../../../shared/protocols.md §5 and §9.

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { JiraFaults, type ActiveFault } from "./faults.ts";
import { JiraWebhooks, labelsChange, statusChange, type WebhookOptions } from "./webhooks.ts";
import {
  accountIdFor,
  adfProblem,
  adfToText,
  emptyData,
  isAdfDocument,
  issueTypeFor,
  ISSUE_TYPES,
  JiraState,
  statusById,
  STATUS_CATEGORIES,
  textToAdf,
  transitionsFrom,
  TRANSITIONS,
  type AdfDocument,
  type IssueTypeDef,
  type SandboxComment,
  type SandboxData,
  type SandboxIssue,
  type SandboxProject,
  type SandboxUser,
  type StatusDef,
} from "./state.ts";

export interface JiraSandboxAccount {
  email: string;
  apiToken: string;
  displayName?: string;
  /** Every write answers 403. */
  readOnly?: boolean;
}

export interface JiraSandboxBearer {
  token: string;
  displayName?: string;
  readOnly?: boolean;
}

export interface JiraSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Basic-auth users (email + API token). Default: one account, DEFAULT_JIRA_ACCOUNT. */
  accounts?: JiraSandboxAccount[];
  /** Accepted `Authorization: Bearer` tokens; each acts as an app user. */
  bearerTokens?: Array<string | JiraSandboxBearer>;
  /** Default: DEFAULT_JIRA_PROJECTS. Projects already in a persisted file are kept. */
  projects?: Array<{ key: string; name: string }>;
  /** Save the state to this JSON file (debounced) and load it from there at start. */
  persistTo?: string;
  /** Enforce a fixed-window rate limit (429 with Retry-After). Off by default; the headers are always sent. */
  rateLimit?: { limit: number; windowMs: number };
  /** Clock for created/updated timestamps (tests). */
  now?: () => Date;
  /** How admin webhooks are delivered (retry waits). */
  webhooks?: WebhookOptions;
}

export const DEFAULT_JIRA_ACCOUNT: Readonly<JiraSandboxAccount> = {
  email: "gatehouse-bot@example.com",
  apiToken: "sandbox-jira-api-token",
  displayName: "Gatehouse Bot",
};

export const DEFAULT_JIRA_PROJECTS: ReadonlyArray<{ key: string; name: string }> = [{ key: "ACCESS", name: "Access Requests" }];

/** Nominal limit reported in X-RateLimit-* headers when no rate limit is enforced. */
const NOMINAL_RATE_LIMIT = { limit: 1000, windowMs: 60_000 };
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_PROPERTY_CHARS = 32768;
const MAX_TEXT_CHARS = 32767;
const MAX_COMMENTS_PAGE = 5000;

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Route template, e.g. "POST /rest/api/3/issue/{issueIdOrKey}/comment"; "-" when no route matched. */
  route: string;
  status: number;
}

export class JiraStats {
  requests = 0;
  byRoute: Record<string, number> = {};
  /** The last 1000 requests. */
  log: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.requests += 1;
    this.byRoute[entry.route] = (this.byRoute[entry.route] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > 1000) this.log.shift();
  }

  count(route: string): number {
    return this.byRoute[route] ?? 0;
  }

  reset(): void {
    this.requests = 0;
    this.byRoute = {};
    this.log = [];
  }
}

/** What the test helpers return: the stored issue plus readable status and issue type names. */
export interface SandboxIssueView extends SandboxIssue {
  status: string;
  issueType: string;
}

export interface JiraSandbox {
  /** Base URL, e.g. http://127.0.0.1:41234 (use as jira.js `host` / the connector's `siteUrl`). */
  readonly url: string;
  readonly port: number;
  readonly state: JiraState;
  readonly faults: JiraFaults;
  readonly stats: JiraStats;
  /** Admin webhooks: registrations, the deliveries sent, `resend` (replays) and `settled()`. */
  readonly webhooks: JiraWebhooks;
  /** A copy of the issue (by key or id), or undefined. */
  getIssue(key: string): SandboxIssueView | undefined;
  /** Copies of the issue's comments, oldest first ([] for an unknown issue). */
  comments(key: string): SandboxComment[];
  /** The stored value of an issue property, or undefined. */
  property(key: string, propKey: string): unknown;
  /** Start (or move) persistence to `file`; writes the current state right away. */
  persistTo(file: string): Promise<void>;
  /** Write pending state to the persistence file now. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------------

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
}

const ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it.";

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  user: SandboxUser;
  rawBody: string;
  base: string;
  route: string;
}

type Handler = (ctx: Ctx) => void | Promise<void>;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  anonymous?: boolean;
  handler: Handler;
}

/** Jira's timestamp format: 2024-05-01T12:34:56.789+0000. */
function jiraDate(iso: string): string {
  return iso.replace(/Z$/, "+0000");
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export async function startJiraSandbox(options: JiraSandboxOptions = {}): Promise<JiraSandbox> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? "127.0.0.1";
  const faults = new JiraFaults();
  const stats = new JiraStats();

  // ---- state and persistence ----
  let persistFile = options.persistTo ? path.resolve(options.persistTo) : undefined;
  let data: SandboxData = emptyData();
  if (persistFile && existsSync(persistFile)) {
    const loaded = JSON.parse(readFileSync(persistFile, "utf8")) as SandboxData;
    if (loaded.version !== 1) throw new Error(`Unsupported sandbox Jira state version in ${persistFile}`);
    data = loaded;
  }
  const state = new JiraState(data, now);
  const webhooks = new JiraWebhooks(
    { list: () => state.data.webhooks ?? [], save: (hooks) => { state.data.webhooks = hooks; state.onChange(); } },
    now,
    () => base,
    options.webhooks,
  );
  for (const p of options.projects ?? DEFAULT_JIRA_PROJECTS) {
    if (!state.project(p.key)) state.addProject(p.key, p.name);
  }

  const basicUsers = new Map<string, { token: string; user: SandboxUser }>();
  for (const a of options.accounts ?? [DEFAULT_JIRA_ACCOUNT]) {
    const user: SandboxUser = {
      accountId: accountIdFor(a.email),
      accountType: "atlassian",
      displayName: a.displayName ?? a.email.split("@")[0]!,
      emailAddress: a.email,
      readOnly: a.readOnly ?? false,
    };
    basicUsers.set(a.email.toLowerCase(), { token: a.apiToken, user });
    state.users.set(user.accountId, user);
  }
  const bearerUsers = new Map<string, SandboxUser>();
  for (const b of options.bearerTokens ?? []) {
    const spec: JiraSandboxBearer = typeof b === "string" ? { token: b } : b;
    const user: SandboxUser = {
      accountId: accountIdFor(`bearer:${spec.token}`),
      accountType: "app",
      displayName: spec.displayName ?? "Gatehouse (app)",
      readOnly: spec.readOnly ?? false,
    };
    bearerUsers.set(spec.token, user);
    state.users.set(user.accountId, user);
  }

  let saveTimer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const writeNow = async (): Promise<void> => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!persistFile || !dirty) return;
    dirty = false;
    const file = persistFile;
    const text = JSON.stringify(state.data, null, 2);
    writing = writing.then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, text, "utf8");
      await rename(tmp, file);
    });
    await writing;
  };
  state.onChange = () => {
    if (!persistFile) return;
    dirty = true;
    if (!saveTimer) saveTimer = setTimeout(() => void writeNow().catch(() => {}), 100);
  };

  // ---- rate-limit window ----
  const limit = options.rateLimit ?? NOMINAL_RATE_LIMIT;
  const enforce = options.rateLimit !== undefined;
  let windowStart = now().getTime();
  let windowCount = 0;

  // ---- JSON shapes ----
  const avatarUrls = (base: string, kind: "user" | "project", id: string) => ({
    "48x48": `${base}/secure/${kind}avatar?size=large&id=${id}`,
    "24x24": `${base}/secure/${kind}avatar?size=small&id=${id}`,
    "16x16": `${base}/secure/${kind}avatar?size=xsmall&id=${id}`,
    "32x32": `${base}/secure/${kind}avatar?size=medium&id=${id}`,
  });

  const userJson = (base: string, user: SandboxUser | undefined) => {
    const u = user ?? {
      accountId: "unknown",
      accountType: "atlassian" as const,
      displayName: "Former user",
      readOnly: true,
    };
    return {
      self: `${base}/rest/api/3/user?accountId=${u.accountId}`,
      accountId: u.accountId,
      ...(u.emailAddress ? { emailAddress: u.emailAddress } : {}),
      avatarUrls: avatarUrls(base, "user", u.accountId),
      displayName: u.displayName,
      active: user !== undefined,
      timeZone: "Etc/UTC",
      accountType: u.accountType,
    };
  };

  const statusCategoryJson = (base: string, status: StatusDef) => {
    const c = STATUS_CATEGORIES[status.category];
    return { self: `${base}/rest/api/3/statuscategory/${c.id}`, id: c.id, key: c.key, colorName: c.colorName, name: c.name };
  };

  const statusJson = (base: string, status: StatusDef) => ({
    self: `${base}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(base, status),
  });

  const issueTypeJson = (base: string, t: IssueTypeDef) => ({
    self: `${base}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.id}?size=medium`,
    name: t.name,
    untranslatedName: t.name,
    subtask: false,
    avatarId: Number(t.id),
    hierarchyLevel: 0,
  });

  const projectRefJson = (base: string, p: SandboxProject) => ({
    self: `${base}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: "software",
    simplified: false,
    avatarUrls: avatarUrls(base, "project", p.id),
  });

  const commentJson = (base: string, issue: SandboxIssue, c: SandboxComment, v2 = false) => ({
    self: `${base}/rest/api/${v2 ? 2 : 3}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: userJson(base, state.users.get(c.authorAccountId)),
    body: v2 ? adfToText(c.body) : c.body,
    updateAuthor: userJson(base, state.users.get(c.authorAccountId)),
    created: jiraDate(c.created),
    updated: jiraDate(c.updated),
    jsdPublic: true,
  });

  const transitionJson = (base: string, t: (typeof TRANSITIONS)[number], withFields: boolean) => ({
    id: t.id,
    name: t.name,
    to: statusJson(base, statusById(t.to)),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    ...(withFields ? { fields: {} } : {}),
  });

  const resolutionJson = (base: string, status: StatusDef) => {
    if (status.category !== "done") return null;
    return status.name === "Declined"
      ? { self: `${base}/rest/api/3/resolution/10001`, id: "10001", description: "This issue won't be actioned.", name: "Won't Do" }
      : { self: `${base}/rest/api/3/resolution/10000`, id: "10000", description: "Work has been completed on this issue.", name: "Done" };
  };

  const issueJson = (ctx: Ctx, issue: SandboxIssue) => {
    const base = ctx.base;
    const project = state.project(issue.projectKey)!;
    const status = statusById(issue.statusId);
    const issueType = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId) ?? ISSUE_TYPES[0]!;
    const reporter = userJson(base, state.users.get(issue.reporterAccountId));
    const all: Record<string, unknown> = {
      summary: issue.summary,
      description: issue.description,
      labels: [...issue.labels],
      status: statusJson(base, status),
      issuetype: issueTypeJson(base, issueType),
      project: projectRefJson(base, project),
      priority: { self: `${base}/rest/api/3/priority/3`, iconUrl: `${base}/images/icons/priorities/medium.svg`, name: "Medium", id: "3" },
      reporter,
      creator: reporter,
      assignee: null,
      resolution: resolutionJson(base, status),
      resolutiondate: status.category === "done" ? jiraDate(issue.statusCategoryChangedAt) : null,
      created: jiraDate(issue.created),
      updated: jiraDate(issue.updated),
      statuscategorychangedate: jiraDate(issue.statusCategoryChangedAt),
      comment: {
        comments: issue.comments.map((c) => commentJson(base, issue, c)),
        self: `${base}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      },
    };
    const requested = ctx.query.getAll("fields").flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);
    let fields: Record<string, unknown> = all;
    if (requested.length > 0) {
      const include = new Set<string>();
      const exclude = new Set<string>();
      for (const f of requested) {
        if (f === "*all") Object.keys(all).forEach((k) => include.add(k));
        else if (f === "*navigable") Object.keys(all).filter((k) => k !== "comment").forEach((k) => include.add(k));
        else if (f.startsWith("-")) exclude.add(f.slice(1));
        else include.add(f);
      }
      if (include.size === 0) Object.keys(all).forEach((k) => include.add(k));
      fields = Object.fromEntries(Object.entries(all).filter(([k]) => include.has(k) && !exclude.has(k)));
    }
    const expand = ctx.query.getAll("expand").flatMap((e) => e.split(",")).map((e) => e.trim());
    const wantedProps = ctx.query.getAll("properties").flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean);
    const properties: Record<string, unknown> = {};
    for (const key of wantedProps) {
      if (key === "*all") Object.assign(properties, clone(issue.properties));
      else if (Object.prototype.hasOwnProperty.call(issue.properties, key)) properties[key] = clone(issue.properties[key]);
    }
    return {
      expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
      id: issue.id,
      self: `${base}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      ...(expand.includes("transitions")
        ? { transitions: transitionsFrom(issue.statusId).map((t) => transitionJson(base, t, expand.includes("transitions.fields"))) }
        : {}),
      ...(wantedProps.length > 0 ? { properties } : {}),
      fields,
    };
  };

  // ---- helpers ----
  const send = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined) {
      res.statusCode = status;
      res.end();
      return;
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    if (!res.hasHeader("Content-Type")) res.setHeader("Content-Type", "application/json;charset=UTF-8");
    res.statusCode = status;
    res.end(text);
  };

  const sendError = (res: http.ServerResponse, status: number, errorMessages: string[], errors: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    send(res, status, { errorMessages, errors }, headers);

  const jsonBody = (ctx: Ctx): Record<string, unknown> => {
    if (ctx.rawBody.trim() === "") throw new HttpError(400, ["No content to map due to end-of-input"]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.rawBody);
    } catch (e) {
      throw new HttpError(400, [`Unexpected character in JSON: ${(e as Error).message}`]);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new HttpError(400, ["Can not deserialize instance of the request out of a non-object token"]);
    }
    return parsed as Record<string, unknown>;
  };

  const requireIssue = (idOrKey: string): SandboxIssue => {
    const issue = state.issue(idOrKey);
    if (!issue) throw new HttpError(404, [ISSUE_NOT_FOUND]);
    return issue;
  };

  const requireWrite = (ctx: Ctx, what: string) => {
    if (ctx.user.readOnly) throw new HttpError(403, [`You do not have permission to ${what}.`]);
  };

  /** Jira limits rich-text fields to 32,767 characters of text. */
  const textTooLong = (doc: AdfDocument) => adfToText(doc).length > MAX_TEXT_CHARS;

  // ---- handlers ----
  const createIssue = (apiVersion: 2 | 3): Handler => (ctx) => {
    const body = jsonBody(ctx);
    const fields = (body.fields ?? {}) as Record<string, unknown>;
    if (typeof fields !== "object" || Array.isArray(fields)) throw new HttpError(400, ["Field 'fields' must be an object."]);
    const errors: Record<string, string> = {};

    const projectRef = fields.project as { key?: unknown; id?: unknown } | undefined;
    const projectKeyOrId =
      projectRef && typeof projectRef === "object"
        ? typeof projectRef.key === "string"
          ? projectRef.key
          : projectRef.id !== undefined
            ? String(projectRef.id)
            : undefined
        : undefined;
    const project = projectKeyOrId ? state.project(projectKeyOrId) : undefined;
    if (!project) errors.project = "valid project is required";

    let issueType: IssueTypeDef | undefined;
    const issueTypeRef = fields.issuetype as { id?: unknown; name?: unknown } | undefined;
    if (!issueTypeRef || typeof issueTypeRef !== "object") errors.issuetype = "Specify an issue type";
    else {
      issueType = issueTypeFor(issueTypeRef);
      if (!issueType) errors.issuetype = "The issue type selected is invalid.";
    }

    const summary = fields.summary;
    if (typeof summary !== "string" || summary.trim() === "") errors.summary = "You must specify a summary of the issue.";
    else if (summary.length > 255) errors.summary = "Summary must be less than 255 characters.";
    else if (/[\r\n]/.test(summary)) errors.summary = "The summary is invalid because it contains newline characters.";

    let description: AdfDocument | null = null;
    if (fields.description !== undefined && fields.description !== null) {
      if (apiVersion === 2 && typeof fields.description === "string") description = textToAdf(fields.description);
      else if (apiVersion === 3 && isAdfDocument(fields.description)) {
        if (adfProblem(fields.description)) throw new HttpError(400, ["INVALID_INPUT"]);
        description = fields.description;
      }
      else if (apiVersion === 3) errors.description = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
      else errors.description = "Operation value must be a string";
      if (description && textTooLong(description)) {
        errors.description = "The entered text is too long. It exceeds the allowed limit of 32,767 characters.";
      }
    }

    let labels: string[] = [];
    if (fields.labels !== undefined) {
      if (!Array.isArray(fields.labels) || !fields.labels.every((l) => typeof l === "string")) {
        errors.labels = "Operation value must be an array of strings";
      } else {
        labels = fields.labels as string[];
        const bad = labels.find((l) => /\s/.test(l) || l.length === 0 || l.length > 255);
        if (bad !== undefined) errors.labels = `The label '${bad}' contains spaces which is invalid.`;
      }
    }

    const properties: Record<string, unknown> = {};
    if (body.properties !== undefined) {
      if (!Array.isArray(body.properties)) throw new HttpError(400, ["Field 'properties' must be an array."]);
      for (const p of body.properties as Array<{ key?: unknown; value?: unknown }>) {
        if (!p || typeof p.key !== "string" || p.key.length === 0) throw new HttpError(400, ["The property key cannot be empty."]);
        if (p.key.length > 255) throw new HttpError(400, ["The property key cannot be longer than 255 characters."]);
        if (p.value === undefined) throw new HttpError(400, [`The property '${p.key}' has no value.`]);
        if (JSON.stringify(p.value).length > MAX_PROPERTY_CHARS) {
          throw new HttpError(400, [`The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`]);
        }
        properties[p.key] = p.value;
      }
    }

    if (Object.keys(errors).length > 0) throw new HttpError(400, [], errors);
    requireWrite(ctx, "create issues in this project");

    let initialTransition: (typeof TRANSITIONS)[number] | undefined;
    const transitionRef = body.transition as { id?: unknown } | undefined;
    if (transitionRef && transitionRef.id !== undefined) {
      initialTransition = transitionsFrom("10000").find((t) => t.id === String(transitionRef.id));
      if (!initialTransition) throw new HttpError(400, [`Transition id '${String(transitionRef.id)}' is not valid for this issue.`]);
    }

    const issue = state.createIssue({
      project: project!,
      issueType: issueType!,
      summary: summary as string,
      description,
      labels,
      properties,
      reporterAccountId: ctx.user.accountId,
    });
    if (initialTransition) state.setStatus(issue, initialTransition.to);
    send(ctx.res, 201, { id: issue.id, key: issue.key, self: `${ctx.base}/rest/api/${apiVersion}/issue/${issue.id}` });
  };

  const addComment = (apiVersion: 2 | 3): Handler => (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const body = jsonBody(ctx);
    let doc: AdfDocument;
    if (body.body === undefined || body.body === null || body.body === "") {
      throw new HttpError(400, [], { comment: "Comment body can not be empty!" });
    }
    if (apiVersion === 3) {
      if (!isAdfDocument(body.body)) {
        throw new HttpError(400, [], { comment: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" });
      }
      if (body.body.content.length === 0) throw new HttpError(400, [], { comment: "Comment body can not be empty!" });
      if (adfProblem(body.body)) throw new HttpError(400, ["INVALID_INPUT"]);
      doc = body.body;
    } else {
      if (typeof body.body !== "string") throw new HttpError(400, [], { comment: "Operation value must be a string" });
      doc = textToAdf(body.body);
    }
    if (textTooLong(doc)) {
      throw new HttpError(400, [], { comment: "The entered text is too long. It exceeds the allowed limit of 32,767 characters." });
    }
    requireWrite(ctx, "add comments to this issue");
    const comment = state.addComment(issue, doc, ctx.user.accountId);
    send(ctx.res, 201, commentJson(ctx.base, issue, comment, apiVersion === 2));
  };

  const intParam = (ctx: Ctx, name: string, fallback: number): number => {
    const raw = ctx.query.get(name);
    if (raw === null || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new HttpError(400, [`The '${name}' parameter must be an integer.`]);
    return n;
  };

  const getComments: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const startAt = Math.max(0, intParam(ctx, "startAt", 0));
    const maxResults = Math.min(MAX_COMMENTS_PAGE, Math.max(0, intParam(ctx, "maxResults", MAX_COMMENTS_PAGE)));
    const orderBy = ctx.query.get("orderBy") ?? "created";
    const ordered = [...issue.comments];
    if (orderBy === "-created") ordered.reverse();
    else if (orderBy !== "created" && orderBy !== "+created") {
      throw new HttpError(400, [`The 'orderBy' parameter must be one of created, -created, +created.`]);
    }
    send(ctx.res, 200, {
      startAt,
      maxResults,
      total: ordered.length,
      comments: ordered.slice(startAt, startAt + maxResults).map((c) => commentJson(ctx.base, issue, c)),
    });
  };

  const getComment: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const comment = issue.comments.find((c) => c.id === ctx.params[1]);
    if (!comment) throw new HttpError(404, [`Can not find a comment for the id: ${ctx.params[1]}.`]);
    send(ctx.res, 200, commentJson(ctx.base, issue, comment, ctx.path.startsWith("/rest/api/2/")));
  };

  const getTransitions: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const expand = (ctx.query.get("expand") ?? "").split(",").map((e) => e.trim());
    const only = ctx.query.get("transitionId");
    const list = transitionsFrom(issue.statusId).filter((t) => !only || t.id === only);
    send(ctx.res, 200, { expand: "transitions", transitions: list.map((t) => transitionJson(ctx.base, t, expand.includes("transitions.fields"))) });
  };

  const doTransition: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const body = jsonBody(ctx);
    const ref = body.transition as { id?: unknown } | undefined;
    if (!ref || typeof ref !== "object" || ref.id === undefined || ref.id === null || ref.id === "") {
      throw new HttpError(400, ["Missing 'transition' identifier"]);
    }
    const id = String(ref.id);
    const transition = transitionsFrom(issue.statusId).find((t) => t.id === id);
    if (!transition) throw new HttpError(400, [`Transition id '${id}' is not valid for this issue.`]);
    requireWrite(ctx, "transition this issue");
    // Comments added on the transition screen: update.comment[].add.body
    const update = body.update as { comment?: Array<{ add?: { body?: unknown } }> } | undefined;
    const comments = (update?.comment ?? []).map((op) => op?.add?.body);
    for (const c of comments) {
      if (!isAdfDocument(c)) throw new HttpError(400, [], { comment: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" });
    }
    const fromStatusId = issue.statusId;
    state.setStatus(issue, transition.to);
    for (const c of comments) state.addComment(issue, c as AdfDocument, ctx.user.accountId);
    webhooks.issueUpdated(issue, ctx.user, [statusChange(fromStatusId, transition.to)], "issue_generic");
    send(ctx.res, 204);
  };

  /** Edit an issue: labels through `fields.labels` (set) or `update.labels` ([{add}|{remove}|{set}]). */
  const editIssue: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const body = jsonBody(ctx);
    const fields = (body.fields ?? {}) as Record<string, unknown>;
    const update = (body.update ?? {}) as Record<string, unknown>;
    const unknown = [...Object.keys(fields), ...Object.keys(update)].filter((k) => k !== "labels");
    if (unknown.length) throw new HttpError(400, [], Object.fromEntries(unknown.map((k) => [k, `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`])));
    const valid = (l: unknown): l is string => typeof l === "string" && l.length > 0 && l.length <= 255 && !/\s/.test(l);
    let labels = [...issue.labels];
    if (fields.labels !== undefined) {
      if (!Array.isArray(fields.labels) || !fields.labels.every(valid)) throw new HttpError(400, [], { labels: "Labels must be strings without spaces." });
      labels = [...new Set(fields.labels as string[])];
    }
    if (update.labels !== undefined) {
      if (!Array.isArray(update.labels)) throw new HttpError(400, [], { labels: "Operation value must be an array of operations" });
      for (const op of update.labels as Array<Record<string, unknown>>) {
        if (op && valid(op.add)) { if (!labels.includes(op.add)) labels.push(op.add); }
        else if (op && valid(op.remove)) labels = labels.filter((l) => l !== op.remove);
        else if (op && Array.isArray(op.set) && op.set.every(valid)) labels = [...new Set(op.set as string[])];
        else throw new HttpError(400, [], { labels: "Labels must be strings without spaces." });
      }
    }
    requireWrite(ctx, "edit this issue");
    const change = labelsChange(issue.labels, labels);
    if (change) {
      state.setLabels(issue, labels);
      webhooks.issueUpdated(issue, ctx.user, [change], "issue_updated");
    }
    send(ctx.res, 204);
  };

  // ---- admin webhooks (/rest/webhooks/1.0) ----
  const webhookById = (ctx: Ctx) => {
    const hook = /^\d+$/.test(ctx.params[0]!) ? webhooks.get(Number(ctx.params[0])) : undefined;
    if (!hook) throw new HttpError(404, [`Webhook with id ${ctx.params[0]} does not exist.`]);
    return hook;
  };
  const registerWebhook: Handler = (ctx) => {
    const body = jsonBody(ctx);
    const errors: Record<string, string> = {};
    if (typeof body.name !== "string" || !body.name.trim()) errors.name = "Name is required.";
    if (typeof body.url !== "string" || !URL.canParse(body.url) || !/^https?:$/.test(new URL(body.url).protocol)) errors.url = "A valid URL is required.";
    if (!Array.isArray(body.events) || !body.events.every((e) => typeof e === "string") || body.events.length === 0) errors.events = "At least one event is required.";
    const filters = (body.filters ?? {}) as Record<string, unknown>;
    const jql = filters["issue-related-events-section"] ?? "";
    if (typeof jql !== "string") errors.filters = "The JQL filter must be a string.";
    if (body.secret !== undefined && body.secret !== null && (typeof body.secret !== "string" || body.secret.length > 512)) errors.secret = "The secret must be a string.";
    if (Object.keys(errors).length) throw new HttpError(400, [], errors);
    requireWrite(ctx, "administer webhooks");
    const hook = webhooks.register({
      name: body.name as string, url: body.url as string, events: body.events as string[], jqlFilter: jql as string,
      secret: (body.secret as string | undefined) ?? null, excludeBody: body.excludeBody === true,
    });
    send(ctx.res, 201, webhooks.json(hook), { Location: `${ctx.base}/rest/webhooks/1.0/webhook/${hook.id}` });
  };

  const propertyKeyOf = (ctx: Ctx): string => {
    const key = ctx.params[1]!;
    if (key.length > 255) throw new HttpError(400, ["The property key cannot be longer than 255 characters."]);
    return key;
  };

  const listProperties: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    send(ctx.res, 200, {
      keys: Object.keys(issue.properties).map((key) => ({
        self: `${ctx.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`,
        key,
      })),
    });
  };

  const getProperty: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const key = propertyKeyOf(ctx);
    if (!Object.prototype.hasOwnProperty.call(issue.properties, key)) {
      throw new HttpError(404, [`The property with key '${key}' does not exist.`]);
    }
    send(ctx.res, 200, { key, value: issue.properties[key] });
  };

  const setProperty: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const key = propertyKeyOf(ctx);
    if (ctx.rawBody.length > MAX_PROPERTY_CHARS) {
      throw new HttpError(400, [`The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`]);
    }
    let value: unknown;
    try {
      if (ctx.rawBody.trim() === "") throw new Error("empty");
      value = JSON.parse(ctx.rawBody);
    } catch {
      throw new HttpError(400, ["The property value must be a valid JSON."]);
    }
    requireWrite(ctx, "edit this issue");
    const created = state.setProperty(issue, key, value);
    send(ctx.res, created ? 201 : 200);
  };

  const deleteProperty: Handler = (ctx) => {
    const issue = requireIssue(ctx.params[0]!);
    const key = propertyKeyOf(ctx);
    requireWrite(ctx, "edit this issue");
    if (!state.deleteProperty(issue, key)) throw new HttpError(404, [`The property with key '${key}' does not exist.`]);
    send(ctx.res, 204);
  };

  const myself: Handler = (ctx) => {
    send(ctx.res, 200, {
      ...userJson(ctx.base, ctx.user),
      locale: "en_US",
      groups: { size: 0, items: [] },
      applicationRoles: { size: 0, items: [] },
      expand: "groups,applicationRoles",
    });
  };

  const getProject: Handler = (ctx) => {
    const project = state.project(ctx.params[0]!);
    if (!project) throw new HttpError(404, [`No project could be found with key '${ctx.params[0]}'.`]);
    const lead = [...state.users.values()][0];
    send(ctx.res, 200, {
      expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
      self: `${ctx.base}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      description: "",
      ...(lead ? { lead: userJson(ctx.base, lead) } : {}),
      issueTypes: ISSUE_TYPES.map((t) => issueTypeJson(ctx.base, t)),
      name: project.name,
      avatarUrls: avatarUrls(ctx.base, "project", project.id),
      roles: {},
      assigneeType: "UNASSIGNED",
      projectTypeKey: "software",
      simplified: false,
      style: "classic",
      isPrivate: false,
      properties: {},
    });
  };

  const serverInfo: Handler = (ctx) => {
    send(ctx.res, 200, {
      baseUrl: ctx.base,
      displayUrl: ctx.base,
      version: "1001.0.0-SNAPSHOT",
      versionNumbers: [1001, 0, 0],
      deploymentType: "Cloud",
      buildNumber: 100280,
      buildDate: "2025-01-01T00:00:00.000+0000",
      serverTime: jiraDate(now().toISOString()),
      scmInfo: "sandbox",
      serverTitle: "Gatehouse sandbox Jira",
      defaultLocale: { locale: "en_US" },
      serverTimeZone: "Etc/UTC",
    });
  };

  const KEY = "([^/]+)";
  const route = (method: string, template: string, handler: Handler, anonymous = false): Route => ({
    method,
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, KEY)}$`),
    handler,
    anonymous,
  });
  const routes: Route[] = [
    route("GET", "/rest/api/3/myself", myself),
    route("GET", "/rest/api/2/myself", myself),
    route("GET", "/rest/api/3/serverInfo", serverInfo, true),
    route("GET", "/rest/api/3/project/{projectIdOrKey}", getProject),
    route("POST", "/rest/api/3/issue", createIssue(3)),
    route("POST", "/rest/api/2/issue", createIssue(2)),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}", (ctx) => send(ctx.res, 200, issueJson(ctx, requireIssue(ctx.params[0]!)))),
    route("POST", "/rest/api/3/issue/{issueIdOrKey}/comment", addComment(3)),
    route("POST", "/rest/api/2/issue/{issueIdOrKey}/comment", addComment(2)),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}/comment", getComments),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}/comment/{id}", getComment),
    route("GET", "/rest/api/2/issue/{issueIdOrKey}/comment/{id}", getComment),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}/transitions", getTransitions),
    route("POST", "/rest/api/3/issue/{issueIdOrKey}/transitions", doTransition),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}/properties", listProperties),
    route("GET", "/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", getProperty),
    route("PUT", "/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", setProperty),
    route("DELETE", "/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", deleteProperty),
    route("PUT", "/rest/api/3/issue/{issueIdOrKey}", editIssue),
    route("PUT", "/rest/api/2/issue/{issueIdOrKey}", editIssue),
    route("GET", "/rest/webhooks/1.0/webhook", (ctx) => send(ctx.res, 200, webhooks.list().map((w) => webhooks.json(w)))),
    route("POST", "/rest/webhooks/1.0/webhook", registerWebhook),
    route("GET", "/rest/webhooks/1.0/webhook/{webhookId}", (ctx) => send(ctx.res, 200, webhooks.json(webhookById(ctx)))),
    route("DELETE", "/rest/webhooks/1.0/webhook/{webhookId}", (ctx) => {
      requireWrite(ctx, "administer webhooks");
      webhooks.remove(webhookById(ctx).id);
      send(ctx.res, 204);
    }),
  ];

  // ---- the request pipeline ----
  const authenticate = (header: string | undefined): SandboxUser | "missing" | "failed" => {
    if (!header) return "missing";
    const [scheme, credential] = header.split(/\s+/, 2);
    if (!scheme || !credential) return "failed";
    if (scheme.toLowerCase() === "basic") {
      const decoded = Buffer.from(credential, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) return "failed";
      const account = basicUsers.get(decoded.slice(0, colon).toLowerCase());
      return account && account.token === decoded.slice(colon + 1) ? account.user : "failed";
    }
    if (scheme.toLowerCase() === "bearer") return bearerUsers.get(credential) ?? "failed";
    return "failed";
  };

  const rateHeaders = (remaining: number): Record<string, string> => ({
    "X-RateLimit-Limit": String(limit.limit),
    "X-RateLimit-Remaining": String(Math.max(0, remaining)),
    ...(remaining < limit.limit * 0.2 ? { "X-RateLimit-NearLimit": "true" } : {}),
  });

  const faultResponse = (res: http.ServerResponse, fault: ActiveFault) => {
    const headers: Record<string, string> = {};
    if (fault.status === 429) {
      const seconds = fault.retryAfterSeconds ?? 1;
      headers["Retry-After"] = String(seconds);
      headers["X-RateLimit-Reset"] = new Date(now().getTime() + seconds * 1000).toISOString();
      headers["X-RateLimit-Remaining"] = "0";
      headers["RateLimit-Reason"] = "jira-burst-based";
    } else if (fault.retryAfterSeconds !== undefined) {
      headers["Retry-After"] = String(fault.retryAfterSeconds);
    }
    const message =
      fault.status === 429
        ? "Rate limit exceeded."
        : fault.status === 401
          ? "You are not authenticated. Authentication required to perform this operation."
          : fault.status === 403
            ? "You do not have permission to perform this operation."
            : fault.status === 404
              ? ISSUE_NOT_FOUND
              : fault.status >= 500
                ? fault.status === 503
                  ? "Service Unavailable"
                  : "Internal server error"
                : "Bad request";
    sendError(res, fault.status, [message], {}, headers);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, rawBody: string, base: string) => {
    const url = new URL(req.url ?? "/", base);
    const method = (req.method ?? "GET").toUpperCase();
    const reqPath = url.pathname.replace(/\/+$/, "") || "/";
    let routeName = "-";
    res.on("finish", () => stats.record({ method, path: reqPath, route: routeName, status: res.statusCode }));
    // Name the route up front so that faults and outages are counted against it too.
    const named = routes.find((r) => r.method === method && r.pattern.test(reqPath));
    if (named) routeName = `${named.method} ${named.template}`;

    res.setHeader("X-AREQUESTID", randomUUID().slice(0, 8));
    res.setHeader("ATL-TraceId", randomUUID().replace(/-/g, ""));
    res.setHeader("Cache-Control", "no-cache, no-store, no-transform");

    // A queued fault belongs to a request that arrives after it was queued: take it before any latency, so a
    // slow request left over from an earlier test cannot wake up and use a fault meant for a later one.
    const fault = faults.take({ method, path: reqPath });
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (res.destroyed) return;

    const down = faults.isDown;
    if (down === "reset") {
      stats.record({ method, path: reqPath, route: routeName, status: 0 });
      req.socket.destroy();
      return;
    }
    if (down === "503") {
      sendError(res, 503, ["Jira is temporarily unavailable. Please try again later."]);
      return;
    }

    if (fault) {
      faultResponse(res, fault);
      return;
    }

    const nowMs = now().getTime();
    if (nowMs - windowStart >= limit.windowMs) {
      windowStart = nowMs;
      windowCount = 0;
    }
    windowCount += 1;
    if (enforce && windowCount > limit.limit) {
      const resetAt = windowStart + limit.windowMs;
      sendError(res, 429, ["Rate limit exceeded."], {}, {
        ...rateHeaders(0),
        "Retry-After": String(Math.max(1, Math.ceil((resetAt - nowMs) / 1000))),
        "X-RateLimit-Reset": new Date(resetAt).toISOString(),
        "RateLimit-Reason": "jira-burst-based",
      });
      return;
    }
    for (const [k, v] of Object.entries(rateHeaders(limit.limit - windowCount))) res.setHeader(k, v);

    const candidates = routes.filter((r) => r.pattern.test(reqPath));
    if (candidates.length === 0) {
      sendError(res, 404, [`null for uri: ${url.href}`]);
      return;
    }
    const matched = candidates.find((r) => r.method === method);
    if (!matched) {
      res.setHeader("Allow", candidates.map((r) => r.method).join(","));
      sendError(res, 405, [`Method ${method} is not allowed for ${reqPath}`]);
      return;
    }
    routeName = `${matched.method} ${matched.template}`;

    const auth = authenticate(req.headers.authorization);
    if (auth === "failed") {
      // Jira Cloud answers a rejected Basic/Bearer credential with a plain-text 401.
      send(res, 401, "Client must be authenticated to access this resource.", {
        "Content-Type": "text/plain;charset=UTF-8",
        "WWW-Authenticate": 'Basic realm="protected-area"',
        "X-Seraph-LoginReason": "AUTHENTICATED_FAILED",
      });
      return;
    }
    if (auth === "missing" && !matched.anonymous) {
      sendError(res, 401, ["You are not authenticated. Authentication required to perform this operation."], {}, {
        "WWW-Authenticate": 'Basic realm="protected-area"',
      });
      return;
    }

    if ((method === "POST" || method === "PUT") && rawBody.length > 0) {
      const type = (req.headers["content-type"] ?? "").toLowerCase();
      if (!type.includes("application/json")) {
        sendError(res, 415, ["Unsupported Media Type: use Content-Type: application/json"]);
        return;
      }
    }

    const ctx: Ctx = {
      req,
      res,
      method,
      path: reqPath,
      query: url.searchParams,
      params: (matched.pattern.exec(reqPath) ?? []).slice(1).map((p) => decodeURIComponent(p)),
      user:
        auth === "missing"
          ? { accountId: "anonymous", accountType: "atlassian", displayName: "Anonymous", readOnly: true }
          : auth,
      rawBody,
      base,
      route: routeName,
    };
    try {
      await matched.handler(ctx);
    } catch (e) {
      if (e instanceof HttpError) sendError(res, e.status, e.errorMessages, e.errors);
      else sendError(res, 500, ["Internal server error"]);
    }
  };

  // ---- the server ----
  let base = "";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) {
        sendError(res, 413, ["Request entity too large"]);
        return;
      }
      handle(req, res, Buffer.concat(chunks).toString("utf8"), base).catch(() => {
        if (!res.headersSent) sendError(res, 500, ["Internal server error"]);
        else res.destroy();
      });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const publicHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  base = `http://${publicHost}:${port}`;

  if (persistFile) {
    dirty = true;
    await writeNow();
  }

  const view = (issue: SandboxIssue): SandboxIssueView => ({
    ...clone(issue),
    status: statusById(issue.statusId).name,
    issueType: (ISSUE_TYPES.find((t) => t.id === issue.issueTypeId) ?? ISSUE_TYPES[0]!).name,
  });

  let stopped = false;
  return {
    url: base,
    port,
    state,
    faults,
    stats,
    webhooks,
    getIssue: (key) => {
      const issue = state.issue(key);
      return issue ? view(issue) : undefined;
    },
    comments: (key) => clone(state.issue(key)?.comments ?? []),
    property: (key, propKey) => {
      const issue = state.issue(key);
      if (!issue || !Object.prototype.hasOwnProperty.call(issue.properties, propKey)) return undefined;
      return clone(issue.properties[propKey]);
    },
    persistTo: async (file) => {
      persistFile = path.resolve(file);
      dirty = true;
      await writeNow();
    },
    flush: () => writeNow(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      webhooks.stop();
      await writeNow();
      await writing;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
