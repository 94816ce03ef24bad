import { AGGREGATE_OF, type AggregateType, type DomainEvent, type EventPayloads, type EventType } from './domainEvent.js';

/** The payload field holding each aggregate's id. */
const AGGREGATE_ID_FIELD = {
  hold: 'holdId',
  reservation: 'reservationId',
  payment: 'paymentId',
  wallet: 'userId',
  concert_event: 'concertEventId',
} as const satisfies Record<AggregateType, string>;

/** An event of `type`, its aggregate read from its payload, so the two never disagree. */
export function newEvent<T extends EventType>(type: T, payload: EventPayloads[T], occurredAt: Date): DomainEvent<T> {
  const aggregateType = AGGREGATE_OF[type];
  const aggregateId = (payload as Record<string, unknown>)[AGGREGATE_ID_FIELD[aggregateType]];
  if (typeof aggregateId !== 'number') throw new TypeError(`A ${type} event needs ${AGGREGATE_ID_FIELD[aggregateType]} in its payload.`);
  return { type, aggregateType, aggregateId, occurredAt, payload };
}
