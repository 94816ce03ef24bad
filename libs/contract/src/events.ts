import * as z from 'zod';
import { instant } from './envelope.js';
import { id, userId } from './ids.js';

/**
 * The domain events other systems receive: one envelope per event, on the Redis stream and as a
 * webhook's body (docs/events.md). Payloads are thin: ids and amounts.
 */
const money = z.number().int();
const hold = { holdId: id, concertEventId: id, userId };
const reservation = { reservationId: id, concertEventId: id, userId };

export const eventPayloads = {
  'hold.placed': z.object({ ...hold, seatIds: z.array(id).min(1), expiresAt: instant }),
  'hold.released': z.object(hold),
  'hold.expired': z.object(hold),
  'reservation.created': z.object({ ...reservation, holdId: id, totalSeats: z.number().int().min(1), totalAmount: money, expiresAt: instant }),
  'reservation.expired': z.object(reservation),
  'reservation.cancelled': z.object(reservation),
  'payment.completed': z.object({ paymentId: id, reservationId: id, userId, amount: money }),
  'refund.completed': z.object({
    refundId: id,
    paymentId: id,
    reservationId: id,
    userId,
    amount: money,
    kind: z.enum(['CANCELLATION', 'OPERATOR']),
  }),
  'wallet.charged': z.object({ userId, amount: money, balance: money }),
  'concert_event.sold_out': z.object({ concertEventId: id }),
  'concert_event.back_on_sale': z.object({ concertEventId: id }),
} as const;

type EventTypeName = keyof typeof eventPayloads;

/** The envelope's fields around one type's payload in `data`. */
const envelopeOf = <T extends EventTypeName>(type: T) =>
  z.object({
    /** A ULID: unique, sortable by time; a consumer dedupes by it. */
    id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    type: z.literal(type),
    schemaVersion: z.literal(1),
    aggregateType: z.enum(['hold', 'reservation', 'payment', 'wallet', 'concert_event']),
    aggregateId: z.number().int().min(0),
    occurredAt: instant,
    data: eventPayloads[type],
  });

/** Any event, told apart by `type`. */
export const domainEventEnvelope = z.discriminatedUnion('type', [
  envelopeOf('hold.placed'),
  envelopeOf('hold.released'),
  envelopeOf('hold.expired'),
  envelopeOf('reservation.created'),
  envelopeOf('reservation.expired'),
  envelopeOf('reservation.cancelled'),
  envelopeOf('payment.completed'),
  envelopeOf('refund.completed'),
  envelopeOf('wallet.charged'),
  envelopeOf('concert_event.sold_out'),
  envelopeOf('concert_event.back_on_sale'),
]);
export type DomainEventEnvelope = z.infer<typeof domainEventEnvelope>;
