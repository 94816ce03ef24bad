/**
 * What other systems learn about a state change, written in the same transaction as the change
 * (the outbox) and relayed from there (docs/events.md). A payload names ids and amounts only: a
 * consumer that needs more reads it through the API.
 */
export interface EventPayloads {
  'hold.placed': { holdId: number; concertEventId: number; userId: number; seatIds: number[]; expiresAt: string };
  /** Ended early by its buyer or an operator; its seats are back on sale. */
  'hold.released': HoldEnded;
  /** Ended by the sweeper at its deadline; its seats are back on sale. */
  'hold.expired': HoldEnded;
  'reservation.created': {
    reservationId: number;
    holdId: number;
    concertEventId: number;
    userId: number;
    totalSeats: number;
    totalAmount: number;
    expiresAt: string;
  };
  /** Unpaid at its deadline; its seats are back on sale. */
  'reservation.expired': ReservationEnded;
  /** Cancelled by its buyer (paid or not) or an operator; its seats are back on sale. */
  'reservation.cancelled': ReservationEnded;
  'payment.completed': { paymentId: number; reservationId: number; userId: number; amount: number };
  'refund.completed': {
    refundId: number;
    paymentId: number;
    reservationId: number;
    userId: number;
    amount: number;
    kind: 'CANCELLATION' | 'OPERATOR';
  };
  /** A top-up; `balance` is what it left. */
  'wallet.charged': { userId: number; amount: number; balance: number };
  /** The payment of its last unsold seat. */
  'concert_event.sold_out': { concertEventId: number };
  /** A paid seat of a sold-out event went back on sale (a paid reservation was cancelled). */
  'concert_event.back_on_sale': { concertEventId: number };
}

interface HoldEnded {
  holdId: number;
  concertEventId: number;
  userId: number;
}

interface ReservationEnded {
  reservationId: number;
  concertEventId: number;
  userId: number;
}

export type EventType = keyof EventPayloads;

/** What an event is about: the row whose id a consumer orders and groups events by. */
export type AggregateType = 'hold' | 'reservation' | 'payment' | 'wallet' | 'concert_event';

/** Raised when a payload's meaning changes; a consumer checks it before reading the payload. */
export const EVENT_SCHEMA_VERSION = 1;

export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  aggregateType: AggregateType;
  aggregateId: number;
  occurredAt: Date;
  payload: EventPayloads[T];
}

/** Every type, in the order docs/events.md lists them. */
export const EVENT_TYPES = [
  'hold.placed',
  'hold.released',
  'hold.expired',
  'reservation.created',
  'reservation.expired',
  'reservation.cancelled',
  'payment.completed',
  'refund.completed',
  'wallet.charged',
  'concert_event.sold_out',
  'concert_event.back_on_sale',
] as const satisfies readonly EventType[];

/** Each type's aggregate: fixed by the type, so a payload's main id is always the aggregate's. */
export const AGGREGATE_OF: { [T in EventType]: AggregateType } = {
  'hold.placed': 'hold',
  'hold.released': 'hold',
  'hold.expired': 'hold',
  'reservation.created': 'reservation',
  'reservation.expired': 'reservation',
  'reservation.cancelled': 'reservation',
  'payment.completed': 'payment',
  'refund.completed': 'payment',
  'wallet.charged': 'wallet',
  'concert_event.sold_out': 'concert_event',
  'concert_event.back_on_sale': 'concert_event',
};
