import { getQueueStatusOperation } from '@concert/contract';
import { pollQueueStatus } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';
import { USER_TOKEN_HEADER } from '../../http/queueGate.js';

export const getQueueStatusRoute = defineRoute(getQueueStatusOperation, ({ queue, config }) => async (c) => {
  const place = await pollQueueStatus({
    ctx: queue.ctx,
    input: { token: c.req.header(USER_TOKEN_HEADER), identity: gatewayIdentity(c, config) },
  });
  return c.json({ data: place }, 200);
});
