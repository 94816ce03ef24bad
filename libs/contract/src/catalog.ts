import * as z from 'zod';
import { instant, listEnvelope } from './envelope.js';
import { idParam } from './ids.js';
import { defineOperation } from './operation.js';

export const concert = z
  .object({ id: z.number().int(), title: z.string(), singer: z.string(), description: z.string() })
  .meta({ id: 'Concert' });

/** One performance date. `date` is the seed's name for the show's start (= startAt), kept for its clients. */
export const concertEvent = z
  .object({
    id: z.number().int(),
    date: instant,
    concertId: z.number().int(),
    venue: z.string(),
    startAt: instant,
    durationMinutes: z.number().int(),
    reservationStartAt: instant,
    reservationEndAt: instant,
    maxSeatCount: z.number().int(),
    cancellation: z
      .object({
        /** The last instant a buyer may cancel a paid reservation; null: buyers may not. */
        cancellableUntil: instant.nullable(),
        feePercent: z.number().int(),
        feeFixed: z.number().int(),
      })
      .meta({ id: 'CancellationPolicy', description: 'Fee kept on a buyer cancellation: feePercent of the price plus feeFixed, never more than the price' }),
  })
  .meta({ id: 'ConcertEvent' });

export const availableSeat = z
  .object({ id: z.number().int(), seatNumber: z.number().int(), price: z.number().int() })
  .meta({ id: 'AvailableSeat' });

export const listConcertsOperation = defineOperation({
  operationId: 'listConcerts',
  method: 'get',
  path: '/api/v1/concerts',
  summary: 'Every concert',
  tags: ['catalog'],
  // Open by default; QUEUE_GATE_CONCERT_LIST puts it behind the waiting room.
  auth: 'none',
  shedClass: 'browse',
  response: listEnvelope(concert),
  errors: { 401: 'Only when the list is gated: no valid token', 403: 'Only when the list is gated: token not active' },
});

export const listAvailableEventsOperation = defineOperation({
  operationId: 'listAvailableEvents',
  method: 'get',
  path: '/api/v1/concerts/{concertId}/available-events',
  summary: "The concert's events whose booking window contains now",
  tags: ['catalog'],
  auth: 'queueToken',
  shedClass: 'browse',
  params: z.object({ concertId: idParam }),
  response: listEnvelope(concertEvent),
  errors: { 401: 'No valid queue token', 403: 'The token is not active yet', 404: 'concert_not_found' },
});

export const listAvailableSeatsOperation = defineOperation({
  operationId: 'listAvailableSeats',
  method: 'get',
  path: '/api/v1/concert-events/{concertEventId}/available-seats',
  summary: 'The seats on sale now (real time, never cached)',
  tags: ['catalog'],
  auth: 'queueToken',
  shedClass: 'browse',
  params: z.object({ concertEventId: idParam }),
  response: listEnvelope(availableSeat),
  errors: {
    401: 'No valid queue token',
    403: 'The token is not active yet',
    404: 'concert_event_not_found',
    409: 'booking_closed: outside the booking window',
  },
});
