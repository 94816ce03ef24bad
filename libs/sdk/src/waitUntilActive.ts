import type { queuePlace, queueStatusAnswer } from '@concert/contract';
import type { z } from 'zod';
import { sleep } from './retryPolicy.js';

/** Where a token stands: `position` 0 and `status` ACTIVE once admitted; the wait is in seconds. */
export type QueuePlace = z.output<typeof queuePlace>;

/** A status answer: the place, and `eventsOnSale` (empty once everything is sold out). */
export type QueueStatus = z.output<typeof queueStatusAnswer>;

export interface WaitOptions {
  /**
   * Called with every answer, the final ACTIVE one included: show the position and the wait. A buyer
   * whose event is no longer in `eventsOnSale` can stop waiting (abort `signal`) and leave the line.
   */
  onProgress?: (status: QueueStatus) => void;
  /** Aborting stops the wait at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The shortest pause between polls (default 1 s). */
  minIntervalMs?: number;
  /**
   * The longest pause between polls (default 10 s). Keep it well under the API's
   * QUEUE_WAITING_POLL_TIMEOUT_SECONDS (60 s by default): a waiting place not polled that long is dropped.
   */
  maxIntervalMs?: number;
}

export interface PollIntervals {
  minIntervalMs: number;
  maxIntervalMs: number;
}

/**
 * The pause before the next poll: exponential backoff from `minIntervalMs`, but never past the
 * API's estimate of the admission (no point sleeping after the door opened), within both bounds,
 * with ±20% jitter so users who joined together do not poll together.
 */
export function nextPollDelay(
  place: QueuePlace,
  pollsSoFar: number,
  { minIntervalMs, maxIntervalMs }: PollIntervals,
  random: () => number = Math.random,
): number {
  const backoff = minIntervalMs * 2 ** pollsSoFar;
  const estimateMs = place.estimatedWaitingTime * 1_000;
  const target = estimateMs > 0 ? Math.min(backoff, estimateMs) : backoff;
  const jittered = target * (0.8 + 0.4 * random());
  return Math.round(Math.min(maxIntervalMs, Math.max(minIntervalMs, jittered)));
}

/** Polls `poll` until the token is ACTIVE, reporting each answer; see `WaitOptions`. */
export async function waitUntilActive(
  poll: (signal: AbortSignal | undefined) => Promise<QueueStatus>,
  options: WaitOptions = {},
): Promise<QueueStatus> {
  const intervals = { minIntervalMs: options.minIntervalMs ?? 1_000, maxIntervalMs: options.maxIntervalMs ?? 10_000 };
  if (intervals.minIntervalMs <= 0 || intervals.maxIntervalMs < intervals.minIntervalMs) {
    throw new RangeError('waitUntilActive needs 0 < minIntervalMs <= maxIntervalMs.');
  }
  for (let polls = 0; ; polls += 1) {
    const place = await poll(options.signal);
    options.onProgress?.(place);
    if (place.status === 'ACTIVE') return place;
    await sleep(nextPollDelay(place, polls, intervals), options.signal);
  }
}
