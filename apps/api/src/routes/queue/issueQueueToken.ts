import { issueQueueTokenOperation } from '@concert/contract';
import { enterQueue } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';

export const issueQueueTokenRoute = defineRoute(issueQueueTokenOperation, ({ queue }) => async (c) => {
  const { userId } = c.req.valid('json');
  const place = await enterQueue({ ctx: queue.ctx, input: { userId, identity: c.var.identity } });
  return c.json({ data: place }, 200);
});
