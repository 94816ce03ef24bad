import { isDomainError, type ErrorCode } from '@concert/domain';
import type { Counter } from 'prom-client';

/** Outcome labels for refusals whose code is long-winded on a dashboard; any other code is its own label. */
const SHORT_NAMES: Partial<Record<ErrorCode, string>> = {
  seat_unavailable: 'lost',
  seat_limit_exceeded: 'limit',
};

/**
 * Runs a use case and counts its answer on `counter` by outcome: `success` when it answers (none when
 * the use case reports its own successes), the refusal's code when it refuses, `error` when it fails.
 * Counting here keeps prom-client out of the domain.
 */
export async function countOutcome<T>(counter: Counter<'outcome'>, success: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    const value = await run();
    if (success !== undefined) counter.inc({ outcome: success });
    return value;
  } catch (error) {
    counter.inc({ outcome: isDomainError(error) ? (SHORT_NAMES[error.code] ?? error.code) : 'error' });
    throw error;
  }
}
