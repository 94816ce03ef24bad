import { issueQueueTokenOperation } from '@concert/contract';
import { enterQueue } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { gatewayIdentity } from '../../http/gatewayIdentity.js';

export const issueQueueTokenRoute = defineRoute(issueQueueTokenOperation, ({ queue, config }) => async (c) => {
  const { userId } = c.req.valid('json');
  const place = await enterQueue({ ctx: queue.ctx, input: { userId, identity: gatewayIdentity(c, config) } });
  return c.json({ data: place }, 200);
});
