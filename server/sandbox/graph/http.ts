// Request/response plumbing shared by the sandbox Graph's routes: Graph's error body, OData query options
// ($select, $top, $expand, $skiptoken) and @odata.nextLink paging.

import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** https://127.0.0.1:PORT — the origin used in @odata.nextLink and @odata.context. */
  origin: string;
  requestId: string;
  clientRequestId: string;
}

/** A Graph error: { error: { code, message, innerError: { date, request-id, client-request-id } } }. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (id: string) =>
  new GraphHttpError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
export const badRequest = (message: string) => new GraphHttpError(400, "Request_BadRequest", message);

export function newCtx(req: IncomingMessage, res: ServerResponse, origin: string): Ctx {
  const url = new URL(req.url ?? "/", origin);
  const crid = req.headers["client-request-id"];
  return {
    req,
    res,
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    origin,
    requestId: randomUUID(),
    clientRequestId: typeof crid === "string" && crid ? crid : randomUUID(),
  };
}

export function send(ctx: Ctx, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const res = ctx.res;
  res.statusCode = status;
  res.setHeader("Date", new Date().toUTCString());
  res.setHeader("request-id", ctx.requestId);
  res.setHeader("client-request-id", ctx.clientRequestId);
  res.setHeader("x-ms-ags-diagnostic", JSON.stringify({ ServerInfo: { DataCenter: "Sandbox", Slice: "E", Ring: "5", ScaleUnit: "000", RoleInstance: "SANDBOX" } }));
  res.setHeader("Cache-Control", "no-cache");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (body === undefined) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  if (!res.hasHeader("Content-Type")) res.setHeader("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

export function sendError(ctx: Ctx, err: GraphHttpError): void {
  send(
    ctx,
    err.status,
    { error: { code: err.code, message: err.message, innerError: { date: new Date().toISOString().slice(0, 19), "request-id": ctx.requestId, "client-request-id": ctx.clientRequestId } } },
    err.headers,
  );
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new GraphHttpError(413, "Request_EntityTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const v = JSON.parse(text || "null") as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw badRequest("Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
}

/** $select: the named properties (unknown ones refused as Graph does), or null for the default set. */
export function parseSelect(ctx: Ctx, known: ReadonlySet<string>, type: string): string[] | null {
  const raw = ctx.query.get("$select");
  if (raw === null || raw.trim() === "") return null;
  const props = raw.split(",").map((s) => s.trim()).filter(Boolean);
  for (const p of props) {
    if (!known.has(p)) throw badRequest(`Could not find a property named '${p}' on type 'microsoft.graph.${type}'.`);
  }
  return props;
}

/** $top within Graph's bounds (an out-of-range size is a 400, not clamped). */
export function parseTop(ctx: Ctx, def: number, max: number): number {
  const raw = ctx.query.get("$top");
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new GraphHttpError(400, "Request_UnsupportedQuery", `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  }
  return n;
}

/** $skiptoken: opaque to clients; ours names the listing it belongs to and the last id served. */
export function encodeSkipToken(scope: string, afterId: string): string {
  return Buffer.from(JSON.stringify({ s: scope, a: afterId })).toString("base64url");
}

export function decodeSkipToken(ctx: Ctx, scope: string): string | null {
  const raw = ctx.query.get("$skiptoken");
  if (raw === null) return null;
  try {
    const t = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { s?: string; a?: string };
    if (t.s === scope && typeof t.a === "string") return t.a;
  } catch {
    // fall through
  }
  throw badRequest("Invalid $skiptoken value.");
}

/** A page of sorted ids after `after`, and the nextLink (the request's own query with a new $skiptoken). */
export function pageIds(ctx: Ctx, ids: readonly string[], top: number, scope: string): { page: string[]; nextLink: string | null } {
  const after = decodeSkipToken(ctx, scope);
  let start = 0;
  if (after !== null) {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = ids.slice(start, start + top);
  if (start + top >= ids.length || page.length === 0) return { page, nextLink: null };
  const q = new URLSearchParams(ctx.query);
  q.set("$skiptoken", encodeSkipToken(scope, page[page.length - 1]!));
  // Graph keeps `$` literal in its links; URLSearchParams would write %24.
  const query = q.toString().replace(/%24/g, "$");
  return { page, nextLink: `${ctx.origin}${ctx.path}?${query}` };
}

/** Only the selected properties (plus id, which Graph always returns). */
export function project(obj: Record<string, unknown>, props: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: obj.id };
  for (const p of props) out[p] = obj[p] ?? null;
  return out;
}
