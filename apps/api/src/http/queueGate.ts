import type { QueuePlaceCheck } from '@concert/contract';
import { checkQueueToken, passQueueGate } from '@concert/domain';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Services } from '../services.js';
import type { AppEnv, GatedEnv } from './appEnv.js';

export const USER_TOKEN_HEADER = 'User-Token';

/** The token a request bears, and the identity it must belong to (none in `open` mode). */
export const tokenOf = (c: Pick<Context<AppEnv>, 'req' | 'var'>) => ({ token: c.req.header(USER_TOKEN_HEADER), identity: c.var.identity });

/**
 * The gate of a `queueToken` operation, as its contract's `queuePlace` asks: the token must be valid
 * and the caller's (with an authenticated identity); `active` and `reported` also read the user's place and
 * set `c.var.queueUser` (the user id comes from the token, never from the body).
 */
export function queueGate(place: QueuePlaceCheck, services: Services) {
  const { ctx } = services.queue;
  if (place === 'unread') {
    // Typed as the other gate's env, so either fits a route; this one leaves `queueUser` unset.
    return createMiddleware<GatedEnv>(async (c, next) => {
      await checkQueueToken({ ctx, input: tokenOf(c) });
      await next();
    });
  }
  return createMiddleware<GatedEnv>(async (c, next) => {
    c.set('queueUser', await passQueueGate({ ctx, input: { ...tokenOf(c), allowInactive: place === 'reported' } }));
    await next();
  });
}
