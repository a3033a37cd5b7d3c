// A small parser and evaluator for Okta's SCIM-like `search` and `filter` expressions:
//   status eq "ACTIVE" and (profile.department eq "Engineering" or lastUpdated gt "2024-01-01T00:00:00.000Z")
// Operators: eq ne sw co gt ge lt le pr; logical: and or not(...); values: "strings", numbers, true/false/null.
// String comparison is case-insensitive (Okta: property names are case-sensitive, values are not).

import { compareValues } from "../filter-compare.ts";

export type Op = "eq" | "ne" | "sw" | "co" | "ew" | "gt" | "ge" | "lt" | "le" | "pr";

export type Expr =
  | { kind: "cmp"; attr: string; op: Op; value: string | number | boolean | null }
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr };

export class QuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuerySyntaxError";
  }
}

type Token =
  | { t: "word"; v: string }
  | { t: "str"; v: string }
  | { t: "num"; v: number }
  | { t: "("; v: "(" }
  | { t: ")"; v: ")" };

const OPS = new Set<Op>(["eq", "ne", "sw", "co", "ew", "gt", "ge", "lt", "le", "pr"]);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "+") {
      i++;
    } else if (c === "(" || c === ")") {
      out.push({ t: c, v: c } as Token);
      i++;
    } else if (c === '"') {
      let v = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && i + 1 < src.length) {
          v += src[i + 1];
          i += 2;
        } else {
          v += src[i++];
        }
      }
      if (src[i] !== '"') throw new QuerySyntaxError("unterminated string");
      i++;
      out.push({ t: "str", v });
    } else {
      let w = "";
      while (i < src.length && !/[\s()"]/.test(src[i])) w += src[i++];
      if (/^-?\d+(\.\d+)?$/.test(w)) out.push({ t: "num", v: Number(w) });
      else out.push({ t: "word", v: w });
    }
  }
  return out;
}

export function parseQuery(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (tok: Token | undefined, w: string) => tok?.t === "word" && tok.v.toLowerCase() === w;

  function parseOr(): Expr {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      pos++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Expr {
    let left = parseUnary();
    while (isWord(peek(), "and")) {
      pos++;
      left = { kind: "and", left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Expr {
    const tok = peek();
    if (isWord(tok, "not") && tokens[pos + 1]?.t === "(") {
      pos++;
      return { kind: "not", expr: parsePrimary() };
    }
    return parsePrimary();
  }
  function parsePrimary(): Expr {
    const tok = peek();
    if (!tok) throw new QuerySyntaxError("unexpected end of expression");
    if (tok.t === "(") {
      pos++;
      const e = parseOr();
      if (peek()?.t !== ")") throw new QuerySyntaxError("missing )");
      pos++;
      return e;
    }
    if (tok.t !== "word") throw new QuerySyntaxError(`expected an attribute, got ${JSON.stringify(tok.v)}`);
    pos++;
    const opTok = peek();
    if (opTok?.t !== "word" || !OPS.has(opTok.v.toLowerCase() as Op)) {
      throw new QuerySyntaxError(`expected an operator after ${tok.v}`);
    }
    pos++;
    const op = opTok.v.toLowerCase() as Op;
    if (op === "pr") return { kind: "cmp", attr: tok.v, op, value: null };
    const vTok = peek();
    if (!vTok) throw new QuerySyntaxError(`missing value for ${tok.v} ${op}`);
    pos++;
    let value: string | number | boolean | null;
    if (vTok.t === "str" || vTok.t === "num") value = vTok.v;
    else if (vTok.t === "word" && vTok.v === "true") value = true;
    else if (vTok.t === "word" && vTok.v === "false") value = false;
    else if (vTok.t === "word" && vTok.v === "null") value = null;
    else throw new QuerySyntaxError(`invalid value ${JSON.stringify(vTok.v)}`);
    return { kind: "cmp", attr: tok.v, op, value };
  }

  const expr = parseOr();
  if (pos !== tokens.length) throw new QuerySyntaxError(`unexpected ${JSON.stringify(tokens[pos].v)}`);
  return expr;
}

/** Attributes and operators used by an expression (to enforce what `filter` allows). */
export function comparisons(expr: Expr): { attr: string; op: Op }[] {
  if (expr.kind === "cmp") return [{ attr: expr.attr, op: expr.op }];
  if (expr.kind === "not") return comparisons(expr.expr);
  return [...comparisons(expr.left), ...comparisons(expr.right)];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Values at a dotted path; arrays fan out (target.id matches any target). */
function valuesAt(obj: unknown, path: string[]): unknown[] {
  let cur: unknown[] = [obj];
  for (const key of path) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c == null) continue;
      if (Array.isArray(c)) {
        for (const el of c) if (el != null && typeof el === "object") next.push((el as Record<string, unknown>)[key]);
      } else if (typeof c === "object") {
        next.push((c as Record<string, unknown>)[key]);
      }
    }
    cur = next.flatMap((v) => (Array.isArray(v) ? v : [v]));
  }
  return cur;
}

function compare(actual: unknown, op: Op, expected: string | number | boolean | null): boolean {
  if (op === "pr") return actual !== undefined && actual !== null && actual !== "";
  if (expected === null) {
    if (op === "eq") return actual === null || actual === undefined;
    if (op === "ne") return actual !== null && actual !== undefined;
    return false;
  }
  if (actual === undefined || actual === null) return op === "ne";
  if (typeof expected === "boolean") {
    const a = typeof actual === "boolean" ? actual : String(actual).toLowerCase() === "true";
    return op === "eq" ? a === expected : op === "ne" ? a !== expected : false;
  }
  if (typeof expected === "number" && typeof actual === "number") return compareValues(op, actual, expected);
  const a = String(actual);
  const e = String(expected);
  if ((op === "gt" || op === "ge" || op === "lt" || op === "le") && ISO.test(a) && ISO.test(e)) {
    const x = Date.parse(a);
    const y = Date.parse(e);
    return op === "gt" ? x > y : op === "ge" ? x >= y : op === "lt" ? x < y : x <= y;
  }
  const al = a.toLowerCase();
  const el = e.toLowerCase();
  return compareValues(op, al, el);
}

export function evaluate(expr: Expr, obj: unknown): boolean {
  switch (expr.kind) {
    case "and": return evaluate(expr.left, obj) && evaluate(expr.right, obj);
    case "or": return evaluate(expr.left, obj) || evaluate(expr.right, obj);
    case "not": return !evaluate(expr.expr, obj);
    case "cmp": {
      const vals = valuesAt(obj, expr.attr.split("."));
      if (vals.length === 0) return compare(undefined, expr.op, expr.value);
      if (expr.op === "ne") return vals.every((v) => compare(v, "ne", expr.value));
      return vals.some((v) => compare(v, expr.op, expr.value));
    }
  }
}

/** Compiles an expression into a predicate; throws QuerySyntaxError. */
export function compileQuery(src: string): (obj: unknown) => boolean {
  const expr = parseQuery(src);
  return (obj) => evaluate(expr, obj);
}
