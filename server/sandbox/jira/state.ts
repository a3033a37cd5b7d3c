// In-memory state of the sandbox Jira: projects, issues, comments, issue properties and one small workflow.
// Everything here is plain JSON so that it can be saved to disk and loaded again (see persistTo in sandbox.ts).

import { createHash } from "node:crypto";
import type { SandboxWebhook } from "./webhooks.ts";

export interface AdfDocument {
  type: "doc";
  version: number;
  content: unknown[];
}

export interface SandboxUser {
  accountId: string;
  accountType: "atlassian" | "app";
  displayName: string;
  emailAddress?: string;
  /** Read-only users get 403 on every write. */
  readOnly: boolean;
}

export interface SandboxProject {
  id: string;
  key: string;
  name: string;
  /** The number the next issue of this project gets (KEY-n). */
  nextNumber: number;
}

export interface SandboxComment {
  id: string;
  body: AdfDocument;
  authorAccountId: string;
  /** ISO-8601 (UTC). */
  created: string;
  updated: string;
}

export interface SandboxIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfDocument | null;
  labels: string[];
  statusId: string;
  reporterAccountId: string;
  created: string;
  updated: string;
  statusCategoryChangedAt: string;
  properties: Record<string, unknown>;
  comments: SandboxComment[];
}

export interface SandboxData {
  version: 1;
  nextIssueId: number;
  nextCommentId: number;
  nextProjectId: number;
  projects: SandboxProject[];
  issues: SandboxIssue[];
  /** Admin webhooks (see webhooks.ts); absent in files saved before webhooks existed. */
  webhooks?: SandboxWebhook[];
}

// ---- The workflow: To Do → In Progress → Done, plus Declined; "Reopen" goes back to To Do. ----

export interface StatusCategoryDef {
  id: number;
  key: "new" | "indeterminate" | "done";
  colorName: string;
  name: string;
}

export const STATUS_CATEGORIES: Record<StatusCategoryDef["key"], StatusCategoryDef> = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
};

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryDef["key"];
}

export const STATUSES: readonly StatusDef[] = [
  { id: "10000", name: "To Do", description: "Work that has not been started.", category: "new" },
  { id: "3", name: "In Progress", description: "This issue is being actively worked on.", category: "indeterminate" },
  { id: "10001", name: "Done", description: "Work that is complete.", category: "done" },
  { id: "10002", name: "Declined", description: "This request was declined.", category: "done" },
  { id: "10003", name: "Access removed", description: "The access was granted and has since been removed.", category: "done" },
];

export interface TransitionDef {
  id: string;
  name: string;
  /** Status ids this transition is available from. */
  from: readonly string[];
  to: string;
}

export const TRANSITIONS: readonly TransitionDef[] = [
  { id: "11", name: "Start", from: ["10000"], to: "3" },
  { id: "21", name: "Done", from: ["10000", "3"], to: "10001" },
  { id: "31", name: "Decline", from: ["10000", "3"], to: "10002" },
  { id: "41", name: "Reopen", from: ["10001", "10002", "10003"], to: "10000" },
  { id: "51", name: "Remove access", from: ["3", "10001"], to: "10003" },
];

export const INITIAL_STATUS_ID = "10000";

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  { id: "10001", name: "Task", description: "A small, distinct piece of work." },
  { id: "10002", name: "Bug", description: "A problem or error." },
  { id: "10003", name: "Story", description: "Functionality or a feature expressed as a user goal." },
  { id: "10004", name: "Service Request", description: "Request for help or access." },
];

export function statusById(id: string): StatusDef {
  const status = STATUSES.find((s) => s.id === id);
  if (!status) throw new Error(`Unknown status id ${id}`);
  return status;
}

export function statusByName(name: string): StatusDef | undefined {
  return STATUSES.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

export function issueTypeFor(ref: { id?: unknown; name?: unknown } | undefined): IssueTypeDef | undefined {
  if (!ref) return undefined;
  if (typeof ref.id === "string" || typeof ref.id === "number") return ISSUE_TYPES.find((t) => t.id === String(ref.id));
  if (typeof ref.name === "string") return ISSUE_TYPES.find((t) => t.name.toLowerCase() === (ref.name as string).toLowerCase());
  return undefined;
}

export function transitionsFrom(statusId: string): TransitionDef[] {
  return TRANSITIONS.filter((t) => t.from.includes(statusId));
}

/** A stable, Atlassian-looking account id (24 hex digits) for an email or token. */
export function accountIdFor(seed: string): string {
  return createHash("sha256").update(seed.toLowerCase()).digest("hex").slice(0, 24);
}

export function emptyData(): SandboxData {
  return { version: 1, nextIssueId: 10000, nextCommentId: 10000, nextProjectId: 10000, projects: [], issues: [] };
}

/** Plain-text paragraphs as ADF (used for the /rest/api/2 routes, whose bodies are wiki-markup strings). */
export function textToAdf(text: string): AdfDocument {
  const paragraphs = text.split(/\r?\n/);
  return {
    type: "doc",
    version: 1,
    content: paragraphs.map((line) =>
      line.length === 0 ? { type: "paragraph", content: [] } : { type: "paragraph", content: [{ type: "text", text: line }] },
    ),
  };
}

/** The text of an ADF document, one line per block (for v2 reads and for test assertions). */
export function adfToText(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (n.type === "text") return n.text ?? "";
  if (n.type === "hardBreak") return "\n";
  const inner = (n.content ?? []).map(adfToText);
  if (n.type === "tableRow") return inner.join(" | ");
  const blockContainers = ["doc", "bulletList", "orderedList", "listItem", "table", "tableCell", "tableHeader", "blockquote", "panel"];
  if (blockContainers.includes(n.type ?? "")) return inner.filter((s) => s.length > 0).join("\n");
  return inner.join("");
}

export function isAdfDocument(value: unknown): value is AdfDocument {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.type === "doc" && v.version === 1 && Array.isArray(v.content) && v.content.every((c) => c && typeof c === "object" && !Array.isArray(c));
}

/**
 * Structural checks Jira applies to ADF (it answers INVALID_INPUT otherwise): every node has a type, text nodes have
 * non-empty text, `content` is an array of nodes, marks have a type, link marks an href.
 */
export function adfProblem(node: unknown, depth = 0): string | null {
  if (depth > 50) return "nested too deeply";
  if (!node || typeof node !== "object" || Array.isArray(node)) return "a node is not an object";
  const n = node as { type?: unknown; text?: unknown; content?: unknown; marks?: unknown };
  if (typeof n.type !== "string" || n.type.length === 0) return "a node has no type";
  if (n.type === "text" && (typeof n.text !== "string" || n.text.length === 0)) return "a text node has no text";
  if (n.marks !== undefined) {
    if (!Array.isArray(n.marks)) return "marks must be an array";
    for (const m of n.marks as Array<{ type?: unknown; attrs?: { href?: unknown } }>) {
      if (!m || typeof m.type !== "string") return "a mark has no type";
      if (m.type === "link" && typeof m.attrs?.href !== "string") return "a link has no href";
    }
  }
  if (n.content !== undefined) {
    if (!Array.isArray(n.content)) return "content must be an array";
    for (const child of n.content) {
      const problem = adfProblem(child, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

/** The state with the operations the HTTP layer and the test helpers need. Mutations call `onChange`. */
export class JiraState {
  readonly users = new Map<string, SandboxUser>();
  data: SandboxData;
  onChange: () => void = () => {};

  constructor(
    data: SandboxData,
    private readonly now: () => Date,
  ) {
    this.data = data;
  }

  // ---- projects ----

  get projects(): readonly SandboxProject[] {
    return this.data.projects;
  }

  project(keyOrId: string): SandboxProject | undefined {
    const upper = keyOrId.toUpperCase();
    return this.data.projects.find((p) => p.key === upper || p.id === keyOrId);
  }

  addProject(key: string, name: string): SandboxProject {
    const existing = this.project(key);
    if (existing) {
      existing.name = name;
      return existing;
    }
    const project: SandboxProject = { id: String(this.data.nextProjectId++), key: key.toUpperCase(), name, nextNumber: 1 };
    this.data.projects.push(project);
    this.onChange();
    return project;
  }

  // ---- issues ----

  get issues(): readonly SandboxIssue[] {
    return this.data.issues;
  }

  /** By key (case-insensitive) or numeric id, as Jira resolves `issueIdOrKey`. */
  issue(idOrKey: string): SandboxIssue | undefined {
    const upper = idOrKey.toUpperCase();
    return this.data.issues.find((i) => i.key === upper || i.id === idOrKey);
  }

  createIssue(input: {
    project: SandboxProject;
    issueType: IssueTypeDef;
    summary: string;
    description: AdfDocument | null;
    labels: string[];
    properties: Record<string, unknown>;
    reporterAccountId: string;
  }): SandboxIssue {
    const at = this.now().toISOString();
    const issue: SandboxIssue = {
      id: String(this.data.nextIssueId++),
      key: `${input.project.key}-${input.project.nextNumber++}`,
      projectKey: input.project.key,
      issueTypeId: input.issueType.id,
      summary: input.summary,
      description: input.description,
      labels: [...input.labels],
      statusId: INITIAL_STATUS_ID,
      reporterAccountId: input.reporterAccountId,
      created: at,
      updated: at,
      statusCategoryChangedAt: at,
      properties: { ...input.properties },
      comments: [],
    };
    this.data.issues.push(issue);
    this.onChange();
    return issue;
  }

  addComment(issue: SandboxIssue, body: AdfDocument, authorAccountId: string): SandboxComment {
    const at = this.now().toISOString();
    const comment: SandboxComment = { id: String(this.data.nextCommentId++), body, authorAccountId, created: at, updated: at };
    issue.comments.push(comment);
    issue.updated = at;
    this.onChange();
    return comment;
  }

  /** Returns true when the property was created, false when it replaced a value. */
  setProperty(issue: SandboxIssue, key: string, value: unknown): boolean {
    const created = !Object.prototype.hasOwnProperty.call(issue.properties, key);
    issue.properties[key] = value;
    this.onChange();
    return created;
  }

  deleteProperty(issue: SandboxIssue, key: string): boolean {
    if (!Object.prototype.hasOwnProperty.call(issue.properties, key)) return false;
    delete issue.properties[key];
    this.onChange();
    return true;
  }

  setStatus(issue: SandboxIssue, statusId: string): void {
    const before = statusById(issue.statusId).category;
    const after = statusById(statusId).category;
    const at = this.now().toISOString();
    issue.statusId = statusId;
    issue.updated = at;
    if (before !== after) issue.statusCategoryChangedAt = at;
    this.onChange();
  }

  setLabels(issue: SandboxIssue, labels: string[]): void {
    issue.labels = [...labels];
    issue.updated = this.now().toISOString();
    this.onChange();
  }

  /** Forget all issues; projects stay and count from 1 again. */
  reset(): void {
    this.data.issues = [];
    for (const p of this.data.projects) p.nextNumber = 1;
    this.onChange();
  }
}
