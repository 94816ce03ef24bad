import { listAvailableEventsOperation } from '@concert/contract';
import { listAvailableEvents, type BookingContext, type ConcertEvent } from '@concert/domain';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { validationHook } from '../../http/validationHook.js';

/** No live seat count here on purpose: this list is meant to be cached. */
const eventBody = (event: ConcertEvent) => ({
  id: event.id,
  date: event.startAt.toISOString(),
  concertId: event.concertId,
  venue: event.venue,
  startAt: event.startAt.toISOString(),
  durationMinutes: event.durationMinutes,
  reservationStartAt: event.reservationStartAt.toISOString(),
  reservationEndAt: event.reservationEndAt.toISOString(),
  maxSeatCount: event.maxSeatCount,
});

export const listAvailableEventsRoute = (ctx: BookingContext) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listAvailableEventsOperation), async (c) => {
    const { concertId } = c.req.valid('param');
    const events = await listAvailableEvents({ ctx, input: { concertId } });
    return c.json({ list: events.map(eventBody) }, 200);
  });
