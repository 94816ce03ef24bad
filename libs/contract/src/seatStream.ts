import * as z from 'zod';
import { idParam } from './ids.js';
import { defineOperation } from './operation.js';

/** One seat of the map: what it is sold as, and whether it is on sale now. */
export const seatMapSeat = z
  .object({ id: z.number().int(), seatNumber: z.number().int(), price: z.number().int(), available: z.boolean() })
  .meta({ id: 'SeatMapSeat' });

/** What a change made of its seats: back on sale, or taken by a hold, a reservation or a payment. */
export const seatState = z.enum(['available', 'held', 'reserved', 'sold']).meta({ id: 'SeatState' });

/** The `snapshot` event: the whole map as of change `sequence` (its SSE `id`). */
export const seatSnapshot = z
  .object({
    concertEventId: z.number().int(),
    sequence: z.number().int().min(0),
    /** The longest the stream stays silent: a client that hears nothing for about twice this may reconnect. */
    heartbeatSeconds: z.number().int().min(1),
    seats: z.array(seatMapSeat),
  })
  .meta({ id: 'SeatSnapshot' });

/** The `change` event: these seats have become `state` (committed). Its SSE `id` is its sequence. */
export const seatChange = z
  .object({ sequence: z.number().int().min(1), seatIds: z.array(z.number().int()).min(1), state: seatState })
  .meta({ id: 'SeatChange' });

/** The events of the seat stream, by SSE event name, each one's `data` a JSON object of its schema. */
export const seatStreamEvents = { snapshot: seatSnapshot, change: seatChange } as const;

export const lastEventIdHeaders = z.object({
  'last-event-id': z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, 'Must be the id of an event this stream sent (a whole number).')
    .optional()
    .meta({ description: 'The id of the last event received: a reconnect gets only the changes after it, when they are all kept; else a snapshot.' }),
});

export const streamSeatsOperation = defineOperation({
  operationId: 'streamSeats',
  method: 'get',
  path: '/api/v1/concert-events/{concertEventId}/seats/stream',
  summary:
    'The live seat map (server-sent events): a snapshot, then every committed change, numbered; a comment line as heartbeat. ' +
    'Reconnect with Last-Event-ID to get what was missed (or a fresh snapshot when it is no longer kept)',
  tags: ['catalog'],
  auth: 'queueToken',
  shedClass: 'browse',
  params: z.object({ concertEventId: idParam }),
  response: z.string().meta({ description: 'text/event-stream: `snapshot` first, then `change` events' }),
  events: seatStreamEvents,
  errors: {
    401: 'No valid queue token',
    403: 'The token is not active yet',
    404: 'concert_event_not_found',
    409: 'booking_closed: outside the booking window',
    503: 'stream_capacity: this process serves as many streams as SEAT_STREAM_MAX_PER_PROCESS allows; retry after Retry-After',
  },
});

/** Operations answered by a stream of events rather than one JSON answer (the SDK's watchSeats). */
export const streamOperations = { streamSeats: streamSeatsOperation } as const;
