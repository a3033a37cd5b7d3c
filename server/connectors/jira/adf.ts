// Small builders for Atlassian Document Format (ADF), the rich text of Jira Cloud REST v3 issue descriptions and
// comments. Only the nodes we write: paragraphs, headings, lists, tables, links, code, rules and panels.
// https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/

import type { AdfDoc } from "../types.ts";

export type AdfMark =
  | { type: "strong" }
  | { type: "em" }
  | { type: "code" }
  | { type: "strike" }
  | { type: "link"; attrs: { href: string } };

export interface AdfText {
  type: "text";
  text: string;
  marks?: AdfMark[];
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

/** What the builders accept where inline content goes: plain strings become text nodes. */
export type Inline = string | AdfNode | null | undefined | false;
/** What the builders accept where block content goes; nested arrays are flattened, empty values dropped. */
export type Block = AdfNode | null | undefined | false | Block[];

function flattenBlocks(blocks: Block[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const b of blocks) {
    if (!b) continue;
    if (Array.isArray(b)) out.push(...flattenBlocks(b));
    else out.push(b);
  }
  return out;
}

/** Text nodes may not be empty in ADF; empty strings are dropped. */
function inlines(parts: Inline[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const p of parts) {
    if (p === null || p === undefined || p === false) continue;
    if (typeof p === "string") {
      if (p.length === 0) continue;
      // Newlines inside a paragraph become hard breaks.
      const lines = p.split(/\r?\n/);
      lines.forEach((line, i) => {
        if (i > 0) out.push({ type: "hardBreak" });
        if (line.length > 0) out.push({ type: "text", text: line });
      });
    } else out.push(p);
  }
  return out;
}

/** Only web and mail links; anything else (javascript:, data:, relative) is not linked. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" || url.protocol === "mailto:" ? url.href : null;
  } catch {
    return null;
  }
}

const BLOCK_TYPES = new Set([
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "table",
  "codeBlock",
  "rule",
  "panel",
  "blockquote",
  "mediaSingle",
]);

/** A paragraph wrapped around inline nodes, so that list items and cells always hold blocks. */
function asBlocks(content: Inline | Block | Array<Inline | Block>): AdfNode[] {
  const items = Array.isArray(content) ? content : [content];
  const blocks: AdfNode[] = [];
  let pending: Inline[] = [];
  const flush = () => {
    if (pending.length > 0) blocks.push(paragraph(...pending));
    pending = [];
  };
  for (const item of items as Array<Inline | Block>) {
    if (item === null || item === undefined || item === false) continue;
    if (Array.isArray(item)) {
      flush();
      blocks.push(...asBlocks(item));
    } else if (typeof item === "string" || !BLOCK_TYPES.has(item.type)) pending.push(item as Inline);
    else {
      flush();
      blocks.push(item);
    }
  }
  flush();
  return blocks.length > 0 ? blocks : [paragraph()];
}

export function doc(...blocks: Block[]): AdfDoc {
  return { type: "doc", version: 1, content: flattenBlocks(blocks) };
}

export function text(value: string, ...marks: AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
}

export function strong(value: string): AdfNode {
  return text(value, { type: "strong" });
}

export function em(value: string): AdfNode {
  return text(value, { type: "em" });
}

export function code(value: string): AdfNode {
  return text(value, { type: "code" });
}

/** A link; unsafe or invalid hrefs are written as plain text. */
export function link(label: string, href: string): AdfNode {
  const safe = safeHref(href);
  return safe ? text(label || safe, { type: "link", attrs: { href: safe } }) : text(label || href);
}

export function hardBreak(): AdfNode {
  return { type: "hardBreak" };
}

export function paragraph(...parts: Inline[]): AdfNode {
  return { type: "paragraph", content: inlines(parts) };
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...parts: Inline[]): AdfNode {
  return { type: "heading", attrs: { level }, content: inlines(parts) };
}

type ListItem = Inline | Block | Array<Inline | Block>;

export function bulletList(items: ListItem[]): AdfNode {
  return { type: "bulletList", content: items.map((item) => ({ type: "listItem", content: asBlocks(item) })) };
}

export function orderedList(items: ListItem[]): AdfNode {
  return { type: "orderedList", attrs: { order: 1 }, content: items.map((item) => ({ type: "listItem", content: asBlocks(item) })) };
}

type Cell = Inline | Block | Array<Inline | Block>;

/** A table; with `header: true` the first row is a header row. */
export function table(rows: Cell[][], options: { header?: boolean } = {}): AdfNode {
  return {
    type: "table",
    attrs: { isNumberColumnEnabled: false, layout: "default" },
    content: rows.map((row, r) => ({
      type: "tableRow",
      content: row.map((cell) => ({
        type: options.header && r === 0 ? "tableHeader" : "tableCell",
        attrs: {},
        content: asBlocks(cell),
      })),
    })),
  };
}

/**
 * Facts as a two-column table (key in a header cell, value beside it), e.g.
 * `keyValue([["Requester", "Ada"], ["Access", link("GitHub admins", url)]])`. Null/undefined values are skipped.
 */
export function keyValue(entries: Array<[string, Cell]> | Record<string, Cell>): AdfNode {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  const kept = list.filter(([, value]) => value !== null && value !== undefined && value !== false);
  return {
    type: "table",
    attrs: { isNumberColumnEnabled: false, layout: "default" },
    content: kept.map(([key, value]) => ({
      type: "tableRow",
      content: [
        { type: "tableHeader", attrs: {}, content: asBlocks(key) },
        { type: "tableCell", attrs: {}, content: asBlocks(value) },
      ],
    })),
  };
}

/** The same facts as a bullet list ("Key: value"), for places where a table is too heavy. */
export function keyValueList(entries: Array<[string, Inline]> | Record<string, Inline>): AdfNode {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  return bulletList(
    list.filter(([, v]) => v !== null && v !== undefined && v !== false).map(([key, value]) => paragraph(strong(`${key}: `), value)),
  );
}

export function codeBlock(value: string, language?: string): AdfNode {
  return {
    type: "codeBlock",
    ...(language ? { attrs: { language } } : {}),
    content: value.length > 0 ? [{ type: "text", text: value }] : [],
  };
}

export function rule(): AdfNode {
  return { type: "rule" };
}

export function panel(panelType: "info" | "note" | "warning" | "success" | "error", ...content: Array<Inline | Block>): AdfNode {
  return { type: "panel", attrs: { panelType }, content: asBlocks(content) };
}

export function blockquote(...content: Array<Inline | Block>): AdfNode {
  return { type: "blockquote", content: asBlocks(content) };
}

/** Plain text of a document (one line per block), for logs, previews and tests. */
export function toText(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const n = node as AdfNode;
  if (n.type === "text") return n.text ?? "";
  if (n.type === "hardBreak") return "\n";
  const inner = (n.content ?? []).map(toText);
  if (n.type === "tableRow") return inner.join(" | ");
  const containers = ["doc", "bulletList", "orderedList", "listItem", "table", "tableCell", "tableHeader", "blockquote", "panel"];
  if (containers.includes(n.type)) return inner.filter((s) => s.length > 0).join("\n");
  return inner.join("");
}

export const adf = {
  doc,
  text,
  strong,
  em,
  code,
  link,
  hardBreak,
  paragraph,
  heading,
  bulletList,
  orderedList,
  table,
  keyValue,
  keyValueList,
  codeBlock,
  rule,
  panel,
  blockquote,
  toText,
};
