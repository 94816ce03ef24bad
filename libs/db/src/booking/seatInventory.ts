import type { Seat, SeatInventory, SeatState } from '@concert/domain';
import { and, eq, fillPlaceholders, sql } from 'drizzle-orm';
import type { RowDataPacket } from 'mysql2';
import type { Database, DatabaseHandle } from '../client.js';
import { prepared } from '../prepared.js';
import { seat } from '../schema/index.js';
import { sharedFreshRead } from './sharedFreshRead.js';
import { seatsOfEvent } from './seatsOfEvent.js';

const seatStates = prepared<{ concertEventId: number; seatIds: number[] }, SeatState[]>((db) =>
  db
    .select({ id: seat.id, seatNumber: seat.seatNumber, price: seat.price, isAvailable: seat.isAvailable })
    .from(seat)
    .where(seatsOfEvent())
    .orderBy(seat.id)
    .prepare(),
);

/** Each column named as the answer names it, so the driver's rows are the answer's seats as they come. */
const availableSeatsQuery = (db: Database) =>
  db
    .select({ id: seat.id, seatNumber: sql<number>`${seat.seatNumber}`.as('seatNumber'), price: seat.price })
    .from(seat)
    .where(and(eq(seat.concertEventId, sql.placeholder('concertEventId')), eq(seat.isAvailable, true)))
    .orderBy(seat.seatNumber)
    .toSQL();

type SeatRow = RowDataPacket & Pick<typeof seat.$inferSelect, keyof Seat>;

/**
 * Seat availability read live from `seat`; every query is served by seat_event_available_idx
 * (covering) or the primary key. The full list of an event's available seats is the hottest read
 * of a sale (up to thousands of rows per call): its Drizzle-built text goes to the driver directly,
 * whose rows already have the answer's shape, because mapping them through the query builder costs
 * about three times as much CPU (measured: 1,000 reads of 1,000 seats, 1.4 s against 0.4 s).
 * Concurrent reads of one event share one query that started after each of them asked; so do reads
 * of its whole seat map (seat_event_available_idx covers them too).
 */
export function dbSeatInventory({ db, pool }: Pick<DatabaseHandle, 'db' | 'pool'>): SeatInventory {
  const query = availableSeatsQuery(db);
  const availableSeats = sharedFreshRead(async (concertEventId: number): Promise<Seat[]> => {
    const [rows] = await pool.query<SeatRow[]>(query.sql, fillPlaceholders(query.params, { concertEventId }));
    return rows;
  });
  // Every watcher of an event starts from this map (a sale's opening, a reconnect storm): shared the same way.
  const seatMap = sharedFreshRead((concertEventId: number): Promise<SeatState[]> =>
    db
      .select({ id: seat.id, seatNumber: seat.seatNumber, price: seat.price, isAvailable: seat.isAvailable })
      .from(seat)
      .where(eq(seat.concertEventId, concertEventId))
      .orderBy(seat.seatNumber),
  );
  return {
    availableSeats,
    seatMap,
    seatsOf: (concertEventId, seatIds) => seatStates(db, { concertEventId, seatIds: [...seatIds] }),
  };
}
