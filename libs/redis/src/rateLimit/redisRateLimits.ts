import type { RedisClient } from '../client.js';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** One limit's answer for one subject: whether the request may go on, and the numbers clients see. */
export interface RateVerdict {
  /** The policy's name, as the RateLimit headers name it (e.g. "charge-user"). */
  policy: string;
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface RateLimit {
  /** Counts one request of `subject` (an address, a user id) and says whether it is within the limit. */
  consume(subject: string): Promise<RateVerdict>;
}

/**
 * Fixed-window limits counted in Redis (rate-limiter-flexible), so that every API process shares
 * them. Keys: `<prefix>:rate-limit:<policy>:{<subject>}`. Each count is one script on one key, and
 * the subject is the hash tag, so on Redis Cluster the scripts run unchanged and the subjects spread
 * over the slots. While Redis is out of reach each process counts in its own memory instead (the
 * library's insurance limiter), so a Redis outage neither opens the gates nor shuts them. A subject
 * over its limit is also remembered in this process's memory until its window ends, so a flood is
 * refused without a Redis round trip per request.
 */
export function redisRateLimit(redis: RedisClient, keyPrefix: string, policy: string, limit: number, windowSeconds: number): RateLimit {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${keyPrefix}:rate-limit:${policy}`,
    points: limit,
    duration: windowSeconds,
    inMemoryBlockOnConsumed: limit + 1,
    // Straight to the insurance while the connection is down, rather than a command that must fail.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: limit, duration: windowSeconds }),
  });
  const verdict = (result: RateLimiterRes, allowed: boolean): RateVerdict => ({
    policy,
    allowed,
    limit,
    windowSeconds,
    remaining: result.remainingPoints,
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1_000)),
  });
  return {
    async consume(subject) {
      try {
        return verdict(await limiter.consume(`{${subject}}`), true);
      } catch (rejection) {
        // The library rejects with its result when the limit is passed; anything else is a failure.
        if (rejection instanceof RateLimiterRes) return verdict(rejection, false);
        throw rejection;
      }
    },
  };
}
