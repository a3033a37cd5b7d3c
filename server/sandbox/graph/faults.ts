// Fault injection for the sandbox Graph: the controls shared by the Jira, Slack and Vanta sandboxes (queued
// 4xx/5xx/429 answers with Retry-After, an outage switch, latency), plus requests accepted and never answered.

import { JiraFaults, matches, type FaultMatch, type RequestInfo } from "../jira/faults.ts";

export type { FaultMatch, FaultSpec, DownMode, RequestInfo } from "../jira/faults.ts";

export class GraphFaults extends JiraFaults {
  private hangs: { remaining: number; match?: FaultMatch }[] = [];

  /** The next `times` matching requests (default 1) are accepted and never answered, to test client timeouts. */
  hang(spec: { times?: number; match?: FaultMatch } = {}): void {
    this.hangs.push({ remaining: spec.times ?? 1, match: spec.match });
  }

  override clear(): void {
    super.clear();
    this.hangs = [];
  }

  override pending(): number {
    return super.pending() + this.hangs.reduce((n, h) => n + h.remaining, 0);
  }

  /** @internal Uses one matching hang, if any. */
  takeHang(req: RequestInfo): boolean {
    const index = this.hangs.findIndex((h) => matches(h.match, req));
    if (index < 0) return false;
    const hang = this.hangs[index]!;
    hang.remaining -= 1;
    if (hang.remaining <= 0) this.hangs.splice(index, 1);
    return true;
  }
}
