import * as z from 'zod';
import { dataEnvelope, instant } from './envelope.js';
import { id, idParam } from './ids.js';
import { defineOperation } from './operation.js';

/** The seed's clients send `{seatId}`; `{seatIds}` holds several seats at once, all or none. */
export const occupyBody = z
  .strictObject({
    seatId: id.optional(),
    seatIds: z.array(id).min(1).max(50).optional(),
  })
  .refine((body) => (body.seatId === undefined) !== (body.seatIds === undefined), {
    message: 'Send either seatId or seatIds, not both.',
    path: ['seatId'],
  })
  .meta({ id: 'OccupyRequest' });

export const hold = z
  .object({
    id: z.number().int(),
    concertEventId: z.number().int(),
    userId: z.number().int(),
    status: z.enum(['ACTIVE', 'EXPIRED', 'RELEASED']),
    expiresAt: instant,
    createdAt: instant,
    seats: z.array(z.object({ seatId: z.number().int(), seatNumber: z.number().int(), price: z.number().int() })),
  })
  .meta({ id: 'Hold' });

export const occupySeatsOperation = defineOperation({
  operationId: 'occupySeats',
  method: 'post',
  path: '/api/v1/concert-events/{concertEventId}/occupy',
  summary: 'Hold seats for a while, all or none (a retry of the same hold answers that hold)',
  tags: ['booking'],
  auth: 'queueToken',
  shedClass: 'purchase',
  rateLimit: 'hold',
  params: z.object({ concertEventId: idParam }),
  body: occupyBody,
  response: dataEnvelope(hold),
  errors: {
    401: 'No valid queue token',
    403: 'The token is not active yet',
    404: 'concert_event_not_found, seat_not_found',
    409: 'seat_unavailable (error.details.seatIds names the taken seats), seat_limit_exceeded, booking_closed',
  },
});

export const reserveBody = z
  .strictObject({ occupationId: id })
  .meta({ id: 'ReserveRequest' });

export const reservation = z
  .object({
    id: z.number().int(),
    concertId: z.number().int(),
    concertEventId: z.number().int(),
    occupationId: z.number().int(),
    userId: z.number().int(),
    concertPerformanceStartAt: instant,
    status: z.enum(['PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED']),
    totalSeats: z.number().int(),
    totalAmount: z.number().int(),
    createdAt: instant,
    /** The payment deadline. */
    expiresAt: instant,
  })
  .meta({ id: 'Reservation' });

export const reserveHoldOperation = defineOperation({
  operationId: 'reserveHold',
  method: 'post',
  path: '/api/v1/concert-events/{concertEventId}/reserve',
  summary: 'Turn your live hold into a reservation awaiting payment (repeatable: same reservation)',
  tags: ['booking'],
  auth: 'queueToken',
  shedClass: 'purchase',
  params: z.object({ concertEventId: idParam }),
  body: reserveBody,
  response: dataEnvelope(reservation),
  errors: {
    401: 'No valid queue token',
    403: 'The token is not active yet',
    404: 'concert_event_not_found, occupation_not_found (also for a hold that is not yours)',
    409: 'occupation_expired, booking_closed',
  },
});
