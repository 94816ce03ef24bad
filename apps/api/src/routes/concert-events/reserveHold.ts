import { reserveOperation } from '@concert/contract';
import { reserveHold, type BookingContext } from '@concert/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { countOutcome } from '../../observability/countOutcome.js';
import type { Metrics } from '../../observability/metrics.js';
import type { GatedEnv } from '../../http/gatedEnv.js';
import { routeOf } from '../../http/routeOf.js';
import { validationHook } from '../../http/validationHook.js';

export const reserveHoldRoute = (ctx: BookingContext, metrics: Metrics) =>
  new OpenAPIHono<GatedEnv>({ defaultHook: validationHook }).openapi(routeOf(reserveOperation), async (c) => {
    const { concertEventId } = c.req.valid('param');
    const { occupationId } = c.req.valid('json');
    const { reservation, event } = await countOutcome(metrics.reservations, 'reserved', () =>
      reserveHold({ ctx, input: { userId: c.var.queueUser.userId, concertEventId, occupationId } }),
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
