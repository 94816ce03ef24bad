import { releaseHoldOperation } from '@concert/contract';
import { releaseHold } from '@concert/domain';
import { defineGatedRoute } from '../../http/defineRoute.js';

/** DELETE /occupations/{id}: the token's user gives up their own hold; its seats are on sale again at once. */
export const releaseHoldRoute = defineGatedRoute(releaseHoldOperation, ({ booking }) => async (c) => {
  const { occupationId } = c.req.valid('param');
  const hold = await releaseHold({ ctx: booking, input: { holdId: occupationId, userId: c.var.queueUser.userId } });
  return c.json({ data: { ...hold, expiresAt: hold.expiresAt.toISOString(), createdAt: hold.createdAt.toISOString() } }, 200);
});
