import { getQueueStatusOperation } from '@concert/contract';
import { pollQueueStatus } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { tokenOf } from '../../http/queueGate.js';

export const getQueueStatusRoute = defineRoute(getQueueStatusOperation, ({ queue }) => async (c) => {
  const status = await pollQueueStatus({ ctx: queue.ctx, input: tokenOf(c) });
  return c.json({ data: status }, 200);
});
