import { occupyOperation } from '@concert/contract';
import { holdSeats, type BookingContext, type Hold } from '@concert/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { countOutcome } from '../../observability/countOutcome.js';
import type { Metrics } from '../../observability/metrics.js';
import type { GatedEnv } from '../../http/gatedEnv.js';
import { routeOf } from '../../http/routeOf.js';
import { validationHook } from '../../http/validationHook.js';

const holdBody = (hold: Hold) => ({
  id: hold.id,
  concertEventId: hold.concertEventId,
  userId: hold.userId,
  status: hold.status,
  expiresAt: hold.expiresAt.toISOString(),
  createdAt: hold.createdAt.toISOString(),
  seats: hold.seats,
});

export const occupySeatsRoute = (ctx: BookingContext, metrics: Metrics) =>
  new OpenAPIHono<GatedEnv>({ defaultHook: validationHook }).openapi(routeOf(occupyOperation), async (c) => {
    const { concertEventId } = c.req.valid('param');
    const body = c.req.valid('json');
    const seatIds = body.seatIds ?? (body.seatId === undefined ? [] : [body.seatId]);
    const hold = await countOutcome(metrics.seatHolds, 'won', () =>
      holdSeats({ ctx, input: { userId: c.var.queueUser.userId, concertEventId, seatIds } }),
    );
    return c.json({ data: holdBody(hold) }, 200);
  });
