import { listAvailableEventsOperation } from '@concert/contract';
import { listAvailableEvents, type BookingContext, type ConcertEvent } from '@concert/domain';
import type { BodyCache } from '@concert/redis';
import { OpenAPIHono } from '@hono/zod-openapi';
import { routeOf } from '../../http/routeOf.js';
import { sendCachedJson } from '../../http/sendCachedJson.js';
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

/**
 * Cached until the next instant one of the concert's windows opens or closes (or a catalog write):
 * a date appears or disappears on time without any invalidation.
 */
export const listAvailableEventsRoute = (ctx: BookingContext, cache: BodyCache) =>
  new OpenAPIHono({ defaultHook: validationHook }).openapi(routeOf(listAvailableEventsOperation), (c) => {
    const { concertId } = c.req.valid('param');
    return sendCachedJson(c, cache, `available-events:${concertId}`, async () => {
      const { open, nextChangeAt } = await listAvailableEvents({ ctx, input: { concertId } });
      return { value: { list: open.map(eventBody) }, validUntil: nextChangeAt?.getTime() };
    });
  });
