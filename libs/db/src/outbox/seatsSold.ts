import { AGGREGATE_OF, EVENT_SCHEMA_VERSION } from '@concert/domain';
import { fillPlaceholders, sql, type Query, type SQL } from 'drizzle-orm';
import { MySqlDialect } from 'drizzle-orm/mysql-core';
import { concertEvent, outboxEvent, reservation, seat } from '../schema/index.js';
import { eventId } from './outboxRows.js';

const dialect = new MySqlDialect();

type Change = 'sold' | 'unsold';
type Values = { reservationId: unknown; eventId: unknown; now: unknown };

/**
 * A reservation's seats counted as sold (a payment) or unsold (a paid reservation cancelled), and the
 * event that change makes true, if any: "sold out" when the count reaches the event's seats, "back on
 * sale" when it leaves it. The UPDATE locks the event's row until the commit, so of the payments
 * racing for an event's last seats exactly one finds the count full; the event's insert reads the
 * count after it, in the same transaction. Only payments and paid cancellations write this row,
 * never holds, and they send it with their last round trip, so it is held for a commit.
 */
function seatsSoldStatements(change: Change, { reservationId, eventId: id, now }: Values): [SQL, SQL] {
  const sign = change === 'sold' ? sql`+` : sql`-`;
  const type = change === 'sold' ? 'concert_event.sold_out' : 'concert_event.back_on_sale';
  // Full after a sale; full before an unsale.
  const fullAt = change === 'sold' ? sql`${concertEvent.seatsSold}` : sql`${concertEvent.seatsSold} + ${reservation.totalSeats}`;
  // The payload of both types is { concertEventId } (EventPayloads in libs/domain).
  const ofReservation = sql`${concertEvent} JOIN ${reservation} ON ${reservation.concertEventId} = ${concertEvent.id}`;
  return [
    sql`UPDATE ${ofReservation} SET ${concertEvent.seatsSold} = ${concertEvent.seatsSold} ${sign} ${reservation.totalSeats}
        WHERE ${reservation.id} = ${reservationId}`,
    sql`INSERT INTO ${outboxEvent} (${outboxEvent.id}, ${outboxEvent.type}, ${outboxEvent.aggregateType}, ${outboxEvent.aggregateId},
          ${outboxEvent.schemaVersion}, ${outboxEvent.occurredAt}, ${outboxEvent.payload})
        SELECT ${id}, ${type}, ${AGGREGATE_OF[type]}, ${concertEvent.id}, ${EVENT_SCHEMA_VERSION}, ${now},
          JSON_OBJECT('concertEventId', ${concertEvent.id})
        FROM ${ofReservation}
        WHERE ${reservation.id} = ${reservationId}
          AND ${fullAt} = (SELECT COUNT(*) FROM ${seat} WHERE ${seat.concertEventId} = ${concertEvent.id})`,
  ];
}

/** The statements for a Drizzle transaction (`tx.execute`). */
export const seatsSoldChange = (reservationId: number, change: Change, now: Date): [SQL, SQL] =>
  seatsSoldStatements(change, { reservationId, eventId: eventId(now), now });

// The payment's texts are built once (building them costs about what their round trip does) and bound per call.
const $ = sql.placeholder;
let sold: Query[] | undefined;

/** A payment's statements, for its batched transaction. */
export function seatsSoldQueries(reservationId: number, now: Date): Query[] {
  sold ??= seatsSoldStatements('sold', { reservationId: $('reservationId'), eventId: $('eventId'), now: $('now') }).map((statement) =>
    dialect.sqlToQuery(statement),
  );
  const values = { reservationId, eventId: eventId(now), now };
  return sold.map((query) => ({ sql: query.sql, params: fillPlaceholders(query.params, values) }));
}
