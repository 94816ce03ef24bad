/** The waiting room as an operator sees it, at one instant. */
export interface QueueSnapshot {
  waiting: number;
  active: number;
  /** Admissions per second, averaged over the last few whole seconds. */
  admittedPerSecond: number;
  /** How long the head of the line has waited, in seconds; undefined when nobody waits. */
  oldestWaitSeconds: number | undefined;
}

/**
 * The operator's port on the waiting room, apart from QueueStore so the API's stores and fakes
 * need not implement it. Each call is atomic on the store.
 */
export interface QueueConsole {
  snapshot(now: Date): Promise<QueueSnapshot>;
  /** Admits up to `count` from the head of the line, ignoring this second's budget but never the active cap. */
  admitNow(count: number, now: Date): Promise<number>;
}
