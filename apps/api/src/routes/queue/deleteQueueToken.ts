import { deleteQueueTokenOperation } from '@concert/contract';
import { leaveQueue } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';
import { USER_TOKEN_HEADER } from '../../http/queueGate.js';

export const deleteQueueTokenRoute = defineRoute(deleteQueueTokenOperation, ({ queue, config }) => async (c) => {
  await leaveQueue({ ctx: queue.ctx, input: { token: c.req.header(USER_TOKEN_HEADER), identity: gatewayIdentity(c, config) } });
  return c.json({ data: { status: 'LEFT' as const } }, 200);
});
