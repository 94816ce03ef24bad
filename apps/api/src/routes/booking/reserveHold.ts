import { reserveHoldOperation } from '@concert/contract';
import { reserveHold } from '@concert/domain';
import { defineGatedRoute } from '../../http/defineRoute.js';
import { countOutcome } from '../../observability/countOutcome.js';

export const reserveHoldRoute = defineGatedRoute(reserveHoldOperation, ({ booking, metrics }) => async (c) => {
  const { concertEventId } = c.req.valid('param');
  const { occupationId } = c.req.valid('json');
  const { reservation, event } = await countOutcome(metrics.reservations, 'reserved', () =>
    reserveHold({ ctx: booking, input: { userId: c.var.queueUser.userId, concertEventId, occupationId } }),
  );
  return c.json(
    {
      data: {
        ...reservation,
        concertPerformanceStartAt: event.startAt.toISOString(),
        createdAt: reservation.createdAt.toISOString(),
        expiresAt: reservation.expiresAt.toISOString(),
      },
    },
    200,
  );
});
