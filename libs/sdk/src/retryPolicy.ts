export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** The first backoff; each next one doubles, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest Retry-After (a 429, a 503 overloaded, or a 503 while MySQL or Redis is out of reach)
   * the client waits by itself (plus jitter) before retrying; a longer one is left to the caller, as an ApiError with its
   * `retryAfterSeconds`.
   */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 2_000, maxRetryAfterMs: 30_000 };

/** A Retry-After header in milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retrying after a Retry-After of `toldMs`: never sooner than told, and up to half as
 * long again at random, so that the clients a busy server refused together do not come back together.
 */
export function retryAfterJitter(toldMs: number, random: () => number = Math.random): number {
  return Math.round(toldMs * (1 + random() / 2));
}

export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
