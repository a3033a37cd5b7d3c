// A problem in the catalog file, pointed at its line: the YAML node at the issue's path, or the nearest
// node above it that exists (a missing field points at its entity).
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type CatalogPath = (string | number)[];

export interface CatalogProblem {
  line: number;
  column: number;
  /** Where in the file, for people: `app "GitHub" › role "Engineer" › groups[0]`. */
  where: string;
  message: string;
}

export class ProblemList {
  readonly items: CatalogProblem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly raw: unknown,
  ) {}

  /** Adds a problem at `path`; `atKey` points at the key itself (an unknown field) rather than its value. */
  add(path: CatalogPath, message: string, opts: { atKey?: boolean } = {}) {
    const offset = this.offsetOf(path, opts.atKey ?? false);
    const { line, col } = this.lines.linePos(offset);
    this.items.push({ line, column: col, where: this.describe(path), message });
  }

  addAtOffset(offset: number, message: string) {
    const { line, col } = this.lines.linePos(offset);
    this.items.push({ line, column: col, where: "", message });
  }

  sorted(): CatalogProblem[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private offsetOf(path: CatalogPath, atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      if (isAlias(node)) node = node.resolve(this.doc);
      const seg = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        const last = i === path.length - 1;
        const target = (last && atKey) || pair.value == null ? pair.key : pair.value;
        node = target;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg] != null) {
        node = node.items[seg];
      } else break;
      const range = (node as Node | null)?.range;
      if (range) offset = range[0];
    }
    return offset;
  }

  /** Names entities by their name in the file: `app "GitHub" › role "Engineer" › duration.max`. */
  private describe(path: CatalogPath): string {
    const parts: string[] = [];
    let value: unknown = this.raw;
    let field = "";
    const flush = () => {
      if (field) parts.push(field);
      field = "";
    };
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const parent = path[i - 1];
      value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[seg] : undefined;
      const named = typeof seg === "number" && (parent === "apps" || parent === "bundles" || (parent === "roles" && path[i - 3] === "apps"));
      if (named) {
        field = "";
        const name = value && typeof value === "object" ? (value as { name?: unknown }).name : undefined;
        const kind = parent === "apps" ? "app" : parent === "roles" ? "role" : "bundle";
        parts.push(typeof name === "string" ? `${kind} "${name}"` : `${kind} #${seg + 1}`);
      } else if ((seg === "apps" || seg === "bundles" || (seg === "roles" && path[i - 2] === "apps")) && typeof path[i + 1] === "number") {
        continue;
      } else if (seg === "reclaim" && i > 0) {
        flush();
        parts.push("reclaim");
      } else {
        field = typeof seg === "number" ? `${field}[${seg}]` : field ? `${field}.${seg}` : String(seg);
      }
    }
    flush();
    return parts.join(" › ");
  }
}

export function formatProblem(p: CatalogProblem, file = "catalog file"): string {
  return `${file}:${p.line}:${p.column}: ${p.where ? `${p.where}: ` : ""}${p.message}`;
}
