import { passQueueGate } from '@concert/domain';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import { queueServices } from '../wiring/queue.js';
import type { GatedEnv } from './gatedEnv.js';
import { gatewayIdentity } from './gatewayIdentity.js';

export const USER_TOKEN_HEADER = 'User-Token';

/**
 * The gate of a route that needs an active queue token. Sets `c.var.queueUser` (the user id comes
 * from the token, never from the body). `allowInactive`: any validly signed token passes, and
 * `active` says whether its user is active (a paid user replaying the payment).
 */
export function requireQueueToken(deps: AppDeps, options: { allowInactive?: boolean } = {}) {
  const { ctx } = queueServices(deps);
  return createMiddleware<GatedEnv>(async (c, next) => {
    const queueUser = await passQueueGate({
      ctx,
      input: {
        token: c.req.header(USER_TOKEN_HEADER),
        identity: gatewayIdentity(c, deps.config),
        allowInactive: options.allowInactive ?? false,
      },
    });
    c.set('queueUser', queueUser);
    await next();
  });
}
