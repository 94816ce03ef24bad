import * as z from 'zod';
import { hold } from './booking.js';
import { dataEnvelope, instant } from './envelope.js';
import { idParam } from './ids.js';
import { defineOperation } from './operation.js';

export const refund = z
  .object({
    id: z.number().int(),
    reservationId: z.number().int(),
    amount: z.number().int(),
    kind: z.enum(['CANCELLATION', 'OPERATOR']),
    reason: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'Refund' });

export const cancellation = z
  .object({
    reservationId: z.number().int(),
    status: z.enum(['CANCELLED']),
    /** Back to the wallet: the price less the fee (0 for an unpaid reservation). */
    refunded: z.number().int(),
    fee: z.number().int(),
    refund: refund.optional(),
  })
  .meta({ id: 'Cancellation' });

export const cancelReservationOperation = defineOperation({
  operationId: 'cancelReservation',
  method: 'post',
  path: '/api/v1/reservations/{reservationId}/cancel',
  summary:
    "Cancel your reservation: unpaid, at any time; paid, until the event's deadline, the price less its fee back to the wallet. Its seats are on sale again at once",
  tags: ['booking'],
  auth: 'queueToken',
  shedClass: 'purchase',
  // A buyer who paid has left the active set; undoing takes nothing from the sale.
  queuePlace: 'reported',
  idempotent: true,
  params: z.object({ reservationId: idParam }),
  response: dataEnvelope(cancellation),
  errors: {
    401: 'No valid queue token',
    404: 'reservation_not_found (also for a reservation that is not yours)',
    409: 'cancellation_closed (error.details.cancellableUntil), reservation_not_cancellable (error.details.status: CANCELLED or EXPIRED), idempotency_request_in_progress',
    422: 'idempotency_key_reused: the Idempotency-Key was used with another request',
  },
});

export const releaseHoldOperation = defineOperation({
  operationId: 'releaseHold',
  method: 'delete',
  path: '/api/v1/occupations/{occupationId}',
  summary: 'Give up your hold before reserving it: its seats are on sale again at once',
  tags: ['booking'],
  auth: 'queueToken',
  shedClass: 'purchase',
  queuePlace: 'reported',
  params: z.object({ occupationId: idParam }),
  response: dataEnvelope(hold),
  errors: {
    401: 'No valid queue token',
    404: 'occupation_not_found (also for a hold that is not yours)',
    409: 'occupation_not_active (error.details.status): already reserved, expired or released',
  },
});
