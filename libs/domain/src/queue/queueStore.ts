import type { ActiveSlotReleaser } from './activeSlotReleaser.js';

/** Where a user stands. GONE: never entered, dropped for not polling, expired, left or paid. */
export type QueueEntry = { status: 'ACTIVE' } | { status: 'WAITING'; position: number } | { status: 'GONE' };

/** An entry plus the admissions per second achieved lately, for the waiting-time estimate. */
export type QueueView = QueueEntry & { achievedPerSecond: number };

/**
 * The waiting room's state, shared by every API process. Each call is atomic; `now` comes from the
 * caller's clock so expiry is testable without sleeping.
 */
export interface QueueStore extends ActiveSlotReleaser {
  /** Joins the line, or returns the existing entry (same place); counts as a status poll. */
  enter(userId: number, now: Date): Promise<QueueView>;
  /** The entry, refreshing a waiting user's last poll so the place is kept. */
  poll(userId: number, now: Date): Promise<QueueView>;
  /** The entry, refreshing an active user's idle timeout (a gated call). */
  touch(userId: number, now: Date): Promise<QueueEntry>;
  /** Drops expired and abandoned entries, then admits the next in line within the caps. Returns how many. */
  admit(now: Date): Promise<number>;
}
