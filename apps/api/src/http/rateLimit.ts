import type { LimitsConfig, RateLimitedAction } from '@concert/config';
import { redisRateLimit, type RateLimit, type RateVerdict } from '@concert/redis';
import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './errorBody.js';

/** Who a request acts for, when the limiter can tell before the route runs. */
export type UserOf = (c: Context) => Promise<number | undefined>;

/** The IETF RateLimit-Policy field: each policy's quota and window. */
const policyField = (verdicts: RateVerdict[]) =>
  verdicts.map((verdict) => `"${verdict.policy}";q=${verdict.limit};w=${verdict.windowSeconds}`).join(', ');

/** The IETF RateLimit field: what is left of each policy, and the seconds until it resets. */
const stateField = (verdicts: RateVerdict[]) =>
  verdicts.map((verdict) => `"${verdict.policy}";r=${verdict.remaining};t=${verdict.resetSeconds}`).join(', ');

export interface RateLimitSources {
  redis: Parameters<typeof redisRateLimit>[0];
  keyPrefix: string;
  limits: LimitsConfig['rateLimit'];
  addressOf: (c: Context) => string | undefined;
}

/**
 * Counts a request against its action's limits, per client address and per user, both in Redis
 * (so they hold across every API process), before the route does any work. Over either: 429
 * rate_limited with Retry-After; every answer carries the RateLimit-Policy and RateLimit fields
 * (draft-ietf-httpapi-ratelimit-headers). A limit set to 0 is not counted.
 */
export function rateLimited(action: RateLimitedAction, sources: RateLimitSources, userOf: UserOf): MiddlewareHandler {
  const { redis, keyPrefix, limits, addressOf } = sources;
  const limitOf = (subject: 'address' | 'user', limit: number): RateLimit | undefined =>
    limit > 0 ? redisRateLimit(redis, keyPrefix, `${action}-${subject}`, limit, limits.windowSeconds) : undefined;
  const perAddress = limitOf('address', limits.perAddress[action]);
  const perUser = limitOf('user', limits.perUser[action]);
  return async (c, next) => {
    const address = perAddress && addressOf(c);
    const user = perUser && (await userOf(c));
    const verdicts = await Promise.all([
      address === undefined ? undefined : perAddress?.consume(`address:${address}`),
      user === undefined ? undefined : perUser?.consume(`user:${user}`),
    ]);
    const counted = verdicts.filter((verdict): verdict is RateVerdict => verdict !== undefined);
    if (counted.length === 0) return next();
    c.header('RateLimit-Policy', policyField(counted));
    c.header('RateLimit', stateField(counted));
    const refused = counted.filter((verdict) => !verdict.allowed);
    if (refused.length === 0) return next();
    const retryAfter = Math.max(...refused.map((verdict) => verdict.resetSeconds));
    c.header('Retry-After', String(retryAfter));
    return errorResponse(c, 429, 'rate_limited', `Too many requests: retry in ${retryAfter} s.`, {
      policies: refused.map(({ policy, limit, windowSeconds }) => ({ policy, limit, windowSeconds })),
      retryAfterSeconds: retryAfter,
    });
  };
}
