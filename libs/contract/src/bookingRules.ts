import * as z from 'zod';
import { dataEnvelope } from './envelope.js';
import { defineOperation } from './operation.js';

/** The limits a buyer's client must know to guide the buyer, rather than learn them from refusals. */
export const bookingRules = z
  .object({
    /** How long a hold keeps its seats before they go back on sale. */
    holdTtlSeconds: z.number().int(),
    /** The most seats one user may hold or have reserved for one event at once. */
    maxSeatsPerUser: z.number().int(),
    /** How long a reservation waits for its payment; 0: until its hold would have expired. */
    paymentWindowSeconds: z.number().int(),
  })
  .meta({ id: 'BookingRules' });

export const getBookingRulesOperation = defineOperation({
  operationId: 'getBookingRules',
  method: 'get',
  path: '/api/v1/booking-rules',
  summary: 'The booking limits of this deployment (hold length, seats per user, payment window)',
  tags: ['booking'],
  auth: 'none',
  shedClass: 'browse',
  response: dataEnvelope(bookingRules),
  errors: {},
});
