import { listAvailableEventsOperation } from '@concert/contract';
import { cancellationDeadline, listAvailableEvents, type ConcertEvent } from '@concert/domain';
import { defineRoute } from '../../http/defineRoute.js';
import { sendCachedJson } from '../../http/sendCachedJson.js';

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
  cancellation: {
    cancellableUntil: cancellationDeadline(event.cancellation, event.startAt)?.toISOString() ?? null,
    feePercent: event.cancellation.feePercent,
    feeFixed: event.cancellation.feeFixed,
  },
});

/**
 * Cached until the next instant one of the concert's windows opens or closes (or a catalog write):
 * a date appears or disappears on time without any invalidation.
 */
export const listAvailableEventsRoute = defineRoute(listAvailableEventsOperation, ({ booking, catalogCache }) => (c) => {
  const { concertId } = c.req.valid('param');
  return sendCachedJson(c, catalogCache, `available-events:${concertId}`, async () => {
    const { open, nextChangeAt } = await listAvailableEvents({ ctx: booking, input: { concertId } });
    return { value: { list: open.map(eventBody) }, validUntil: nextChangeAt?.getTime() };
  });
});
