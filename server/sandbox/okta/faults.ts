// Fault injection and request statistics for the sandbox Okta.

/** Decides whether a fault applies; `path` is the normalised path without the query string, e.g. /api/v1/users. */
export type OktaFaultMatch = (method: string, path: string) => boolean;

export interface OktaFaultSpec {
  /** 429 (E0000047, X-Rate-Limit-Reset ≈ now), 500 (E0000009) or 503 (E0000010); other 4xx/5xx get a generic Okta error body. */
  status: number;
  /** How many matching requests get the fault (default 1; Infinity for "forever"). */
  times?: number;
  match?: OktaFaultMatch;
}

export interface OktaHangSpec {
  /** How many matching requests never get an answer (default 1). */
  times?: number;
  match?: OktaFaultMatch;
}

interface Active {
  status: number;
  remaining: number;
  match?: OktaFaultMatch;
}

export class OktaFaults {
  private errors: Active[] = [];
  private hangs: Active[] = [];
  private extraLatencyMs = 0;

  /** The next `times` matching requests are answered with `status` and an Okta error body. */
  inject(spec: OktaFaultSpec): void {
    if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
      throw new Error(`fault status must be 4xx or 5xx, got ${spec.status}`);
    }
    this.errors.push({ status: spec.status, remaining: spec.times ?? 1, match: spec.match });
  }

  /** Adds latency to every response (0 turns it off). */
  latency(ms: number): void {
    this.extraLatencyMs = Math.max(0, ms);
  }

  /** The next `times` matching requests are accepted and never answered (to test client timeouts). */
  hang(spec: OktaHangSpec = {}): void {
    this.hangs.push({ status: 0, remaining: spec.times ?? 1, match: spec.match });
  }

  /** Removes all queued faults and latency. */
  clear(): void {
    this.errors = [];
    this.hangs = [];
    this.extraLatencyMs = 0;
  }

  get latencyMs(): number {
    return this.extraLatencyMs;
  }

  /** Pending faults (for assertions). */
  pending(): { errors: number; hangs: number } {
    const sum = (a: Active[]) => a.reduce((n, f) => n + f.remaining, 0);
    return { errors: sum(this.errors), hangs: sum(this.hangs) };
  }

  /** @internal */
  takeHang(method: string, path: string): boolean {
    return take(this.hangs, method, path) !== undefined;
  }

  /** @internal */
  takeError(method: string, path: string): number | undefined {
    return take(this.errors, method, path)?.status;
  }
}

function take(list: Active[], method: string, path: string): Active | undefined {
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (f.match && !f.match(method, path)) continue;
    f.remaining--;
    if (f.remaining <= 0) list.splice(i, 1);
    return f;
  }
  return undefined;
}

export interface OktaRequestRecord {
  method: string;
  /** Normalised path with the query string. */
  url: string;
  /** Route template, e.g. GET /api/v1/groups/{groupId}/users. */
  route: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export class OktaStats {
  total = 0;
  /** Count by "METHOD /route/template". */
  readonly byRoute: Record<string, number> = {};
  /** The most recent requests (up to 1,000). */
  readonly requests: OktaRequestRecord[] = [];

  count(key: string): number {
    return this.byRoute[key] ?? 0;
  }

  reset(): void {
    this.total = 0;
    for (const k of Object.keys(this.byRoute)) delete this.byRoute[k];
    this.requests.length = 0;
  }

  /** @internal */
  record(rec: OktaRequestRecord): void {
    this.total++;
    this.byRoute[rec.route] = (this.byRoute[rec.route] ?? 0) + 1;
    this.requests.push(rec);
    if (this.requests.length > 1000) this.requests.splice(0, this.requests.length - 1000);
  }
}
