// SCIM filter expressions (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2): a small parser and an evaluator over
// a resource's JSON. Attribute names are case-insensitive; string comparison is case-insensitive except for ids.

import { badRequest, type ScimType } from "./errors.ts";
import { compareValues, type FilterOp } from "../filter-compare.ts";

export interface AttrPath {
  /** The schema URN when the path names one, e.g. the enterprise extension. */
  schema?: string;
  /** e.g. ["emails", "value"] or ["members"]. */
  names: string[];
}

export type CompareOp = FilterOp;
export type Literal = string | number | boolean | null;

export type Filter =
  | { kind: "cmp"; path: AttrPath; op: CompareOp; value: Literal }
  | { kind: "pr"; path: AttrPath }
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; expr: Filter }
  /** emails[type eq "work"]: some element of a multi-valued attribute matches the inner filter. */
  | { kind: "valuePath"; path: AttrPath; filter: Filter };

const OPS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

type Token = { t: "(" | ")" | "[" | "]" } | { t: "str"; v: string } | { t: "word"; v: string };

function tokenize(src: string, scimType: ScimType): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "(" || c === ")" || c === "[" || c === "]") { out.push({ t: c }); i++; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      if (j >= src.length) throw badRequest(scimType, `Unterminated string in "${src}"`);
      try {
        out.push({ t: "str", v: JSON.parse(src.slice(i, j + 1)) as string });
      } catch {
        throw badRequest(scimType, `Invalid string literal in "${src}"`);
      }
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s()[\]"]/.test(src[j]!)) j++;
    out.push({ t: "word", v: src.slice(i, j) });
    i = j;
  }
  return out;
}

export function parseAttrPath(word: string): AttrPath {
  if (/^urn:/i.test(word)) {
    const idx = word.lastIndexOf(":");
    return { schema: word.slice(0, idx), names: word.slice(idx + 1).split(".").filter(Boolean) };
  }
  return { names: word.split(".").filter(Boolean) };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly src: string, private readonly scimType: ScimType) {}

  fail(why: string): never {
    throw badRequest(this.scimType, `${why} in "${this.src}"`);
  }
  peekWord(): string | null {
    const t = this.tokens[this.i];
    return t?.t === "word" ? t.v.toLowerCase() : null;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }

  parseFilter(): Filter {
    let left = this.parseAnd();
    while (this.peekWord() === "or") {
      this.i++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }
  private parseAnd(): Filter {
    let left = this.parseNot();
    while (this.peekWord() === "and") {
      this.i++;
      left = { kind: "and", left, right: this.parseNot() };
    }
    return left;
  }
  private parseNot(): Filter {
    if (this.peekWord() === "not") {
      this.i++;
      if (this.tokens[this.i]?.t !== "(") this.fail('"not" must be followed by "("');
      return { kind: "not", expr: this.parseAtom() };
    }
    return this.parseAtom();
  }
  private parseAtom(): Filter {
    const t = this.tokens[this.i++];
    if (!t) this.fail("Unexpected end of filter");
    if (t.t === "(") {
      const inner = this.parseFilter();
      if (this.tokens[this.i++]?.t !== ")") this.fail('Missing ")"');
      return inner;
    }
    if (t.t !== "word") this.fail("Expected an attribute name");
    const path = parseAttrPath(t.v);
    if (!path.names.length) this.fail(`Invalid attribute "${t.v}"`);
    if (this.tokens[this.i]?.t === "[") {
      this.i++;
      const filter = this.parseFilter();
      if (this.tokens[this.i++]?.t !== "]") this.fail('Missing "]"');
      return { kind: "valuePath", path, filter };
    }
    const op = this.peekWord();
    if (op === "pr") {
      this.i++;
      return { kind: "pr", path };
    }
    if (!op || !OPS.has(op)) this.fail(`Unknown operator after "${t.v}"`);
    this.i++;
    return { kind: "cmp", path, op: op as CompareOp, value: this.parseLiteral() };
  }
  private parseLiteral(): Literal {
    const t = this.tokens[this.i++];
    if (t?.t === "str") return t.v;
    if (t?.t === "word") {
      const w = t.v.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
      if (NUMBER.test(t.v)) return Number(t.v);
    }
    this.fail("Expected a value (a quoted string, number, true, false or null)");
  }
}

export function parseFilter(src: string): Filter {
  const p = new Parser(tokenize(src, "invalidFilter"), src, "invalidFilter");
  const f = p.parseFilter();
  if (!p.done()) p.fail("Unexpected text after the filter");
  return f;
}

export interface PatchPath {
  attr: AttrPath;
  /** members[value eq "…"] */
  filter?: Filter;
  /** emails[type eq "work"].value → "value" */
  sub?: string;
}

export function parsePatchPath(src: string): PatchPath {
  const open = src.indexOf("[");
  if (open < 0) {
    const attr = parseAttrPath(src.trim());
    if (!attr.names.length) throw badRequest("invalidPath", `Invalid path "${src}"`);
    return { attr };
  }
  const close = src.lastIndexOf("]");
  if (close < open) throw badRequest("invalidPath", `Missing "]" in path "${src}"`);
  const attr = parseAttrPath(src.slice(0, open).trim());
  const inner = src.slice(open + 1, close);
  const p = new Parser(tokenize(inner, "invalidPath"), src, "invalidPath");
  const filter = p.parseFilter();
  if (!p.done()) p.fail("Unexpected text in the value filter");
  const rest = src.slice(close + 1).trim();
  if (rest && !/^\.[A-Za-z$][\w$-]*$/.test(rest)) throw badRequest("invalidPath", `Invalid path "${src}"`);
  return { attr, filter, ...(rest ? { sub: rest.slice(1) } : {}) };
}

// ---------- evaluation ----------

type Json = Record<string, unknown>;

/** The key of `obj` that equals `name` ignoring case. */
export function keyOf(obj: Json, name: string): string | undefined {
  if (name in obj) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** The object a path starts from: the resource, or one of its extension objects. */
export function rootFor(resource: Json, path: AttrPath): Json | undefined {
  if (!path.schema) {
    if (path.names[0] && keyOf(resource, path.names[0])) return resource;
    // Lenient: an extension attribute named without its URN (department, manager).
    for (const [k, v] of Object.entries(resource)) {
      if (k.startsWith("urn:") && v && typeof v === "object" && keyOf(v as Json, path.names[0]!)) return v as Json;
    }
    return resource;
  }
  const schemaKey = keyOf(resource, path.schema);
  if (schemaKey) return resource[schemaKey] as Json;
  const core = Array.isArray(resource.schemas) && (resource.schemas as string[]).some((s) => s.toLowerCase() === path.schema!.toLowerCase() && !s.includes(":extension:"));
  return core ? resource : undefined;
}

function valuesAt(resource: Json, path: AttrPath): unknown[] {
  const root = rootFor(resource, path);
  if (!root) return [];
  let current: unknown[] = [root];
  for (const name of path.names) {
    const next: unknown[] = [];
    for (const v of current.flatMap((x) => (Array.isArray(x) ? x : [x]))) {
      if (v && typeof v === "object") {
        const k = keyOf(v as Json, name);
        if (k !== undefined) next.push((v as Json)[k]);
      }
    }
    current = next;
  }
  // A complex multi-valued attribute compared as a whole compares its "value" sub-attribute.
  return current
    .flatMap((x) => (Array.isArray(x) ? x : [x]))
    .map((x) => (x && typeof x === "object" && "value" in (x as Json) ? (x as Json).value : x));
}

function caseExact(path: AttrPath): boolean {
  const last = path.names.at(-1)!.toLowerCase();
  const first = path.names[0]!.toLowerCase();
  return last === "id" || (["members", "groups", "manager"].includes(first) && (last === "value" || path.names.length === 1));
}

function compare(actual: unknown, op: CompareOp, expected: Literal, exact: boolean): boolean {
  if (expected === null) return op === "eq" ? actual === null || actual === undefined : op === "ne" ? actual !== null && actual !== undefined : false;
  if (typeof expected === "boolean") {
    const a = typeof actual === "string" ? actual.toLowerCase() === "true" : actual;
    return op === "eq" ? a === expected : op === "ne" ? a !== expected : false;
  }
  if (typeof expected === "number" && typeof actual === "number") return compareValues(op, actual, expected);
  if (typeof actual !== "string") return op === "ne";
  const a = exact ? actual : actual.toLowerCase();
  const e = exact ? String(expected) : String(expected).toLowerCase();
  return compareValues(op, a, e);
}

export function evaluate(f: Filter, resource: Json): boolean {
  switch (f.kind) {
    case "and": return evaluate(f.left, resource) && evaluate(f.right, resource);
    case "or": return evaluate(f.left, resource) || evaluate(f.right, resource);
    case "not": return !evaluate(f.expr, resource);
    case "pr": return valuesAt(resource, f.path).some((v) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length));
    case "cmp": {
      const values = valuesAt(resource, f.path);
      const exact = caseExact(f.path);
      if (f.op === "ne") return !values.some((v) => compare(v, "eq", f.value, exact));
      return values.some((v) => compare(v, f.op, f.value, exact));
    }
    case "valuePath": {
      const root = rootFor(resource, f.path);
      const k = root ? keyOf(root, f.path.names[0]!) : undefined;
      const items = root && k ? root[k] : undefined;
      const list = Array.isArray(items) ? items : items ? [items] : [];
      return list.some((el) => el && typeof el === "object" && evaluate(f.filter, el as Json));
    }
  }
}

/** Equality conditions `attr eq "x"` joined by `and` at the top of a filter (for index look-ups). */
export function equalities(f: Filter): { path: string; value: Literal }[] {
  if (f.kind === "and") return [...equalities(f.left), ...equalities(f.right)];
  if (f.kind === "cmp" && f.op === "eq" && !f.path.schema) return [{ path: f.path.names.join(".").toLowerCase(), value: f.value }];
  return [];
}
