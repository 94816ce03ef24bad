/** Time as a port, so expiry rules are tested with an injected clock instead of sleeps. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to: for tests of expiry. */
export function manualClock(start: Date = new Date('2030-01-01T00:00:00.000Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(milliseconds: number) {
      current += milliseconds;
    },
    set(instant: Date) {
      current = instant.getTime();
    },
  };
}
