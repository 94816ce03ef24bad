import { EVENT_SCHEMA_VERSION, type DomainEvent } from '@concert/domain';
import { sql, type Query } from 'drizzle-orm';
import { monotonicFactory } from 'ulid';
import type { Database, Queryable } from '../client.js';
import { boundStatement } from '../prepared.js';
import { outboxEvent } from '../schema/index.js';

// Monotonic: ids made in the same millisecond by this process still sort in the order they were made.
const nextEventId = monotonicFactory();

/** A new event id (a ULID) of the instant `at`. */
export const eventId = (at: Date): string => nextEventId(at.getTime());

const rowOf = (event: DomainEvent) => ({
  id: eventId(event.occurredAt),
  type: event.type,
  aggregateType: event.aggregateType,
  aggregateId: event.aggregateId,
  schemaVersion: EVENT_SCHEMA_VERSION,
  occurredAt: event.occurredAt,
  payload: event.payload,
});

const $ = sql.placeholder;
// Its text is built once, and bound per call: the hot paths' one event each.
const eventInsert = boundStatement<ReturnType<typeof rowOf>>((db) =>
  db.insert(outboxEvent).values({
    id: $('id'),
    type: $('type'),
    aggregateType: $('aggregateType'),
    aggregateId: $('aggregateId'),
    schemaVersion: $('schemaVersion'),
    occurredAt: $('occurredAt'),
    payload: $('payload'),
  }),
);

/** An event's INSERT, for a batched transaction (batchedTransaction.ts): sent with the transaction's last statements. */
export const outboxInsert = (db: Database, event: DomainEvent): Query => eventInsert(db, rowOf(event));

/** The events of one Drizzle transaction (or, outside one, of one statement), in one INSERT. */
export async function writeEvents(tx: Queryable, events: readonly DomainEvent[]): Promise<void> {
  if (events.length > 0) await tx.insert(outboxEvent).values(events.map(rowOf));
}
