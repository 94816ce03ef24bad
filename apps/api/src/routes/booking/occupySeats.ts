import { occupySeatsOperation } from '@concert/contract';
import { holdSeats, type Hold } from '@concert/domain';
import { defineGatedRoute } from '../../http/defineRoute.js';
import { countOutcome } from '../../observability/countOutcome.js';

const holdBody = (hold: Hold) => ({
  id: hold.id,
  concertEventId: hold.concertEventId,
  userId: hold.userId,
  status: hold.status,
  expiresAt: hold.expiresAt.toISOString(),
  createdAt: hold.createdAt.toISOString(),
  seats: hold.seats,
});

export const occupySeatsRoute = defineGatedRoute(occupySeatsOperation, ({ booking, metrics }) => async (c) => {
  const { concertEventId } = c.req.valid('param');
  const body = c.req.valid('json');
  const seatIds = body.seatIds ?? (body.seatId === undefined ? [] : [body.seatId]);
  const hold = await countOutcome(metrics.seatHolds, 'won', () =>
    holdSeats({ ctx: booking, input: { userId: c.var.queueUser.userId, concertEventId, seatIds } }),
  );
  return c.json({ data: holdBody(hold) }, 200);
});
