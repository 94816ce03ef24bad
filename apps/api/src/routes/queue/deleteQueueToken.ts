import { deleteQueueTokenOperation } from '@concert/contract';
import { leaveQueue } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { tokenOf } from '../../http/queueGate.js';

export const deleteQueueTokenRoute = defineRoute(deleteQueueTokenOperation, ({ queue }) => async (c) => {
  await leaveQueue({ ctx: queue.ctx, input: tokenOf(c) });
  return c.json({ data: { status: 'LEFT' as const } }, 200);
});
