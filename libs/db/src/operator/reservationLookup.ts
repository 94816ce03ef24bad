import type { Reservation } from '@concert/domain';
import { desc, eq, type SQL } from 'drizzle-orm';
import { reservationColumns } from '../booking/holdRows.js';
import type { Database } from '../client.js';
import { reservation, seatAllocation } from '../schema/index.js';

export interface ReservationDetail extends Reservation {
  confirmedAt: Date | null;
  expiredAt: Date | null;
  cancelledAt: Date | null;
  seats: Array<{ seatId: number; seatNumber: number; price: number }>;
}

/** A user has a few reservations per event; an operator looking further back uses SQL. */
const USER_RESERVATIONS_LIMIT = 100;

async function load(db: Database, where: SQL, limit: number): Promise<ReservationDetail[]> {
  const rows = await db
    .select({ ...reservationColumns, confirmedAt: reservation.confirmedAt, expiredAt: reservation.expiredAt, cancelledAt: reservation.cancelledAt })
    .from(reservation)
    .where(where)
    .orderBy(desc(reservation.createdAt), desc(reservation.id))
    .limit(limit);
  const seatsOf = async (reservationId: number) =>
    db
      .select({ seatId: seatAllocation.seatId, seatNumber: seatAllocation.seatNumber, price: seatAllocation.seatPrice })
      .from(seatAllocation)
      .where(eq(seatAllocation.reservationId, reservationId))
      .orderBy(seatAllocation.seatNumber);
  // seat_allocation_reservation_idx serves each; at most USER_RESERVATIONS_LIMIT of them.
  return Promise.all(rows.map(async (row) => ({ ...row, seats: await seatsOf(row.id) })));
}

export async function findReservation(db: Database, reservationId: number): Promise<ReservationDetail | undefined> {
  const [found] = await load(db, eq(reservation.id, reservationId), 1);
  return found;
}

/** A user's reservations, newest first (reservation_user_idx). */
export function reservationsOfUser(db: Database, userId: number): Promise<ReservationDetail[]> {
  return load(db, eq(reservation.userId, userId), USER_RESERVATIONS_LIMIT);
}
