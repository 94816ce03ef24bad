import type { BookingStore, BookingTransaction, Reservation } from '@concert/domain';
import { and, eq, gt } from 'drizzle-orm';
import { affectedRows, insertId } from '../affectedRows.js';
import { withTransaction, type DatabaseHandle, type Transaction } from '../client.js';
import { retryingTransient } from '../errors.js';
import { occupation, reservation, seatAllocation } from '../schema/index.js';
import { findHoldById, liveHoldsWhere, loadHolds, loadReservationOfHold } from './holdRows.js';
import { placeHoldIn } from './placeHold.js';

export interface BookingStoreOptions {
  /** False only in the race test's control: holds of one user then no longer wait for each other. */
  lockUser?: boolean;
}

export function dbBookingStore({ db, batchPool }: DatabaseHandle, { lockUser = true }: BookingStoreOptions = {}): BookingStore {
  const placeHold = placeHoldIn(db, batchPool, { lockUser });
  return {
    placeHold: (hold, accept) => retryingTransient(() => placeHold(hold, accept)),
    transaction: (work) => retryingTransient(() => withTransaction(db, (tx) => work(bookingTransaction(tx)))),
    liveHolds: (userId, concertEventId, now) => loadHolds(db, liveHoldsWhere(userId, concertEventId, now)),
  };
}

/** A reserve's reads and writes, one statement each, in a Drizzle transaction. */
function bookingTransaction(tx: Transaction): BookingTransaction {
  return {
    findHold: (occupationId) => findHoldById(tx, occupationId),
    // Loses to the sweeper (EXPIRED) and to a concurrent reserve (RELEASED): one of them wins the row.
    releaseHold: async (occupationId, userId, now) =>
      affectedRows(
        await tx
          .update(occupation)
          .set({ status: 'RELEASED' })
          .where(and(eq(occupation.id, occupationId), eq(occupation.userId, userId), eq(occupation.status, 'ACTIVE'), gt(occupation.expiresAt, now))),
      ) === 1,
    findReservationOfHold: (occupationId) => loadReservationOfHold(tx, occupationId),
    async createReservation({ hold, concertId, createdAt, expiresAt }): Promise<Reservation> {
      const values = {
        concertId,
        concertEventId: hold.concertEventId,
        userId: hold.userId,
        occupationId: hold.id,
        status: 'PENDING' as const,
        totalSeats: hold.seats.length,
        totalAmount: hold.seats.reduce((sum, item) => sum + item.price, 0),
        createdAt,
        expiresAt,
      };
      const id = insertId(await tx.insert(reservation).values(values));
      await tx
        .update(seatAllocation)
        .set({ status: 'RESERVED', reservationId: id, reservedAt: createdAt })
        .where(and(eq(seatAllocation.occupationId, hold.id), eq(seatAllocation.status, 'OCCUPIED')));
      return { id, ...values };
    },
  };
}
