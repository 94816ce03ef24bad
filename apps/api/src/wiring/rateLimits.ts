import type { RateLimitedAction } from '@concert/config';
import { operations, userId, userIdParam } from '@concert/contract';
import type { App, AppEnv } from '../http/appEnv.js';
import { clientAddressOf } from '../http/clientAddress.js';
import { honoPath } from '../http/honoPath.js';
import { rateLimited, type UserOf } from '../http/rateLimit.js';
import { USER_TOKEN_HEADER } from '../http/queueGate.js';
import type { Services } from '../services.js';

/**
 * Puts each operation's rate limits (its contract's `rateLimit`) in front of its route, keyed by
 * the client address and by the user it acts for: the authenticated user when there is one
 * (AUTH_MODE jwt or gateway: nobody spends another user's allowance by naming them, and the route
 * then refuses the mismatch); in `open` mode the body's user when joining the line, the path's when
 * charging, the queue token's when holding or paying (its signature checked, so a forged token
 * cannot spend someone else's allowance). Registered before the routes, so a refused request does
 * no work. Nothing when RATE_LIMIT_ENABLED=false.
 */
export function registerRateLimits(app: App, services: Services) {
  const { config, redis, clock } = services;
  if (!config.limits.rateLimit.enabled) return;
  const sources = {
    redis,
    keyPrefix: config.redis.keyPrefix,
    limits: config.limits.rateLimit,
    addressOf: clientAddressOf(config.limits.trustProxy),
  };
  const { signer } = services.queue;
  const tokenUser: UserOf = async (c) => {
    const token = c.req.header(USER_TOKEN_HEADER);
    return token === undefined ? undefined : ((await signer.verify(token, clock.now()).catch(() => null)) ?? undefined);
  };
  const authenticatedOr =
    (named: UserOf): UserOf =>
    async (c) =>
      (c.var as Partial<AppEnv['Variables']>).identity ?? named(c);
  const userOf: Record<RateLimitedAction, UserOf> = {
    queueToken: authenticatedOr(async (c) => {
      const body = (await c.req.json().catch(() => undefined)) as { userId?: unknown } | undefined;
      return userId.safeParse(body?.userId).data;
    }),
    charge: authenticatedOr(async (c) => userIdParam.safeParse(c.req.param('userId')).data),
    payment: authenticatedOr(tokenUser),
    hold: authenticatedOr(tokenUser),
  };
  for (const operation of Object.values(operations)) {
    if (operation.rateLimit === undefined) continue;
    const limit = rateLimited(operation.rateLimit, sources, userOf[operation.rateLimit]);
    app.on(operation.method.toUpperCase(), honoPath(operation.path), limit);
  }
}
