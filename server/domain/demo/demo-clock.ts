import type { Clock } from "../clock.ts";
import { DomainError } from "../errors.ts";
import type { Services } from "../services.ts";
import { reconcileGrants } from "../grants/reconcile-grants.ts";

const MAX_STEP_MINUTES = 7 * 24 * 60;

type Advanceable = Clock & { advance(ms: number): void };

// Duck-typed, not instanceof: the runtime's clock is built by the launcher, outside the Next.js bundle.
function advanceable(clock: Clock): clock is Advanceable {
  return typeof (clock as Partial<Advanceable>).advance === "function";
}

/** The demo's "now" and whether a visitor can move it (only in demo mode, on a controllable clock). */
export function demoClockState(services: Services, demo: boolean) {
  return { now: services.clock.now(), movable: demo && advanceable(services.clock) };
}

/**
 * Moves the demo's time forward, then runs the reconcile sweep so that whatever became due (expiry,
 * warnings, removals) is queued now; the local driver picks up the precise timers on its next poll.
 * The clock is the process's: refused outside demo mode.
 */
export async function advanceDemoClock(services: Services, input: { minutes: number; demo: boolean }) {
  if (!input.demo) throw new DomainError("PRECONDITION_FAILED", "Time can only be moved in the demo workspace");
  if (!advanceable(services.clock)) throw new DomainError("PRECONDITION_FAILED", "This server runs on the real clock; restart it in demo mode to move time");
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_STEP_MINUTES) {
    throw new DomainError("BAD_REQUEST", "Move the clock by 1 minute to 7 days at a time", "minutes");
  }
  services.clock.advance(input.minutes * 60_000);
  const swept = await reconcileGrants(services);
  return { now: services.clock.now(), swept };
}
