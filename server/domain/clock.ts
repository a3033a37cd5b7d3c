/** Time comes from here, never from `new Date()` in domain code, so tests and the demo can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at real time (or a given instant) and moves only when told. */
export class ControllableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly frozenAt?: Date) {}
  now(): Date {
    const base = this.frozenAt ? this.frozenAt.getTime() : Date.now();
    return new Date(base + this.offsetMs);
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
}
