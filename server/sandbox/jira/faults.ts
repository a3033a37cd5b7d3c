// Fault injection for the sandbox Jira: canned error responses, an outage switch and added latency.

export interface RequestInfo {
  method: string;
  /** Path without the query string, e.g. /rest/api/3/issue/GH-1/comment. */
  path: string;
}

/** Which requests a fault applies to: a substring of "METHOD /path", a RegExp tested on it, or a predicate. */
export type FaultMatch = string | RegExp | ((req: RequestInfo) => boolean);

export interface FaultSpec {
  /** 429, 500, 503 are the usual ones; any 4xx/5xx is answered with a Jira-shaped error body. */
  status: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  match?: FaultMatch;
  /** Retry-After in seconds (default 1 for 429; none for 5xx unless given). */
  retryAfterSeconds?: number;
}

export interface ActiveFault {
  status: number;
  remaining: number;
  match?: FaultMatch;
  retryAfterSeconds?: number;
}

export type DownMode = "503" | "reset";

export class JiraFaults {
  private queue: ActiveFault[] = [];
  private downMode: DownMode | null = null;
  private latencyMs = 0;

  /** Queue a fault; the next `times` matching requests are answered with `status`. */
  inject(spec: FaultSpec): void {
    if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
      throw new Error(`Fault status must be 4xx or 5xx, got ${spec.status}`);
    }
    this.queue.push({ status: spec.status, remaining: spec.times ?? 1, match: spec.match, retryAfterSeconds: spec.retryAfterSeconds });
  }

  /**
   * "Jira is down": every request is refused until `down(false)`.
   * mode "503" answers 503 Service Unavailable; "reset" closes the connection without an answer.
   */
  down(on: boolean, mode: DownMode = "503"): void {
    this.downMode = on ? mode : null;
  }

  /** Delay every response by `ms` milliseconds (0 turns it off). */
  latency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /** Remove queued faults, the outage and the latency. */
  clear(): void {
    this.queue = [];
    this.downMode = null;
    this.latencyMs = 0;
  }

  /** Queued faults that have not fired yet. */
  pending(): number {
    return this.queue.reduce((n, f) => n + f.remaining, 0);
  }

  get isDown(): DownMode | null {
    return this.downMode;
  }

  get delayMs(): number {
    return this.latencyMs;
  }

  /** Takes the first queued fault matching this request (and uses one of its `times`). */
  take(req: RequestInfo): ActiveFault | undefined {
    const index = this.queue.findIndex((f) => matches(f.match, req));
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue.splice(index, 1);
    return fault;
  }
}

/** Whether a fault's `match` selects this request (no match: every request). */
export function matches(match: FaultMatch | undefined, req: RequestInfo): boolean {
  if (match === undefined) return true;
  const line = `${req.method} ${req.path}`;
  if (typeof match === "string") return line.includes(match);
  if (match instanceof RegExp) return match.test(line);
  return match(req);
}
