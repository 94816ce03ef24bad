import type { Seat, SeatInventory, SeatState } from '@concert/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client.js';
import { seat } from '../schema/index.js';

const seatColumns = { id: seat.id, seatNumber: seat.seatNumber, price: seat.price };

/** Seat availability read live from `seat`; every query is served by seat_event_available_idx or the primary key. */
export function dbSeatInventory(db: Database): SeatInventory {
  return {
    availableSeats: (concertEventId): Promise<Seat[]> =>
      db
        .select(seatColumns)
        .from(seat)
        .where(and(eq(seat.concertEventId, concertEventId), eq(seat.isAvailable, true)))
        .orderBy(seat.seatNumber),
    seatsOf: (concertEventId, seatIds): Promise<SeatState[]> =>
      db
        .select({ ...seatColumns, isAvailable: seat.isAvailable })
        .from(seat)
        .where(and(inArray(seat.id, [...seatIds]), eq(seat.concertEventId, concertEventId)))
        .orderBy(seat.id),
  };
}
