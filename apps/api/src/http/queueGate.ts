import type { QueuePlaceCheck } from '@concert/contract';
import { checkQueueToken, passQueueGate } from '@concert/domain';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Services } from '../services.js';
import type { GatedEnv } from './appEnv.js';
import { gatewayIdentity } from './gatewayIdentity.js';

export const USER_TOKEN_HEADER = 'User-Token';

/**
 * The gate of a `queueToken` operation, as its contract's `queuePlace` asks: the token must be valid
 * and the caller's (with a gateway in front); `active` and `reported` also read the user's place and
 * set `c.var.queueUser` (the user id comes from the token, never from the body).
 */
export function queueGate(place: QueuePlaceCheck, services: Services) {
  const { ctx } = services.queue;
  const tokenOf = (c: Context) => ({ token: c.req.header(USER_TOKEN_HEADER), identity: gatewayIdentity(c, services.config) });
  if (place === 'unread') {
    return createMiddleware(async (c, next) => {
      await checkQueueToken({ ctx, input: tokenOf(c) });
      await next();
    });
  }
  return createMiddleware<GatedEnv>(async (c, next) => {
    c.set('queueUser', await passQueueGate({ ctx, input: { ...tokenOf(c), allowInactive: place === 'reported' } }));
    await next();
  });
}
