import type { BookingStore, BookingTransaction, Hold, Reservation } from '@concert/domain';
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import type { Database, DatabaseHandle } from '../client.js';
import { isTransient } from '../errors.js';
import { occupation, reservation, seat, seatAllocation, userEventLock } from '../schema/index.js';
import { liveHoldsWhere, loadHolds, loadReservationOfHold } from './holdRows.js';

/** A deadlock or lock wait is the database giving up on the transaction, not on the data: try again. */
const ATTEMPTS = 3;

export function dbBookingStore({ db, transaction }: DatabaseHandle): BookingStore {
  return {
    async transaction(work) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          // READ COMMITTED (every connection's level: client.ts): each statement sees the latest
          // commits, so the seat count taken after the per-user lock includes the holds committed
          // before it was granted.
          return await transaction((tx) => work(bookingTransaction(tx)));
        } catch (error) {
          if (!isTransient(error) || attempt >= ATTEMPTS) throw error;
        }
      }
    },
    liveHolds: (userId, concertEventId, now) => loadHolds(db, liveHoldsWhere(userId, concertEventId, now)),
  };
}

function bookingTransaction(tx: Database): BookingTransaction {
  return {
    async claimSeats(concertEventId, seatIds) {
      // The race guard: only rows still available match, and a row taken by a concurrent
      // transaction no longer matches once that one commits. Affected rows = seats won.
      const result = await tx
        .update(seat)
        .set({ isAvailable: false })
        .where(and(inArray(seat.id, [...seatIds]), eq(seat.concertEventId, concertEventId), eq(seat.isAvailable, true)));
      return affectedRows(result);
    },
    async lockUserEvent(userId, concertEventId) {
      // An upsert locks the (user, event) row, existing or new, until this transaction ends.
      const upserted = await tx
        .insert(userEventLock)
        .values({ userId, concertEventId, holds: 1 })
        .onDuplicateKeyUpdate({ set: { holds: sql`${userEventLock.holds} + 1` } });
      return affectedRows(upserted) === 1;
    },
    async liveSeatCount(userId, concertEventId, now) {
      const [row] = await tx
        .select({ seats: sql<number>`count(*)`.mapWith(Number) })
        .from(seatAllocation)
        .innerJoin(occupation, eq(occupation.id, seatAllocation.occupationId))
        .leftJoin(reservation, eq(reservation.id, seatAllocation.reservationId))
        .where(
          and(
            eq(occupation.userId, userId),
            eq(occupation.concertEventId, concertEventId),
            or(
              and(eq(seatAllocation.status, 'OCCUPIED'), eq(occupation.status, 'ACTIVE'), gt(occupation.expiresAt, now)),
              and(eq(seatAllocation.status, 'RESERVED'), eq(reservation.status, 'PENDING'), gt(reservation.expiresAt, now)),
            ),
          ),
        );
      return row?.seats ?? 0;
    },
    async createHold(hold): Promise<Hold> {
      const [inserted] = await tx.insert(occupation).values({
        concertEventId: hold.concertEventId,
        userId: hold.userId,
        status: 'ACTIVE',
        expiresAt: hold.expiresAt,
        createdAt: hold.createdAt,
      });
      const id = inserted.insertId;
      await tx.insert(seatAllocation).values(
        hold.seats.map((item) => ({
          occupationId: id,
          seatId: item.id,
          seatNumber: item.seatNumber,
          seatPrice: item.price,
          userId: hold.userId,
          status: 'OCCUPIED' as const,
          occupiedAt: hold.createdAt,
        })),
      );
      return {
        id,
        concertEventId: hold.concertEventId,
        userId: hold.userId,
        status: 'ACTIVE',
        expiresAt: hold.expiresAt,
        createdAt: hold.createdAt,
        seats: hold.seats
          .map((item) => ({ seatId: item.id, seatNumber: item.seatNumber, price: item.price }))
          .sort((a, b) => a.seatNumber - b.seatNumber),
      };
    },
    async findHold(occupationId) {
      const [hold] = await loadHolds(tx, eq(occupation.id, occupationId));
      return hold;
    },
    async releaseHold(occupationId, userId, now) {
      // Loses to the sweeper (EXPIRED) and to a concurrent reserve (RELEASED): one of them wins the row.
      const result = await tx
        .update(occupation)
        .set({ status: 'RELEASED' })
        .where(
          and(
            eq(occupation.id, occupationId),
            eq(occupation.userId, userId),
            eq(occupation.status, 'ACTIVE'),
            gt(occupation.expiresAt, now),
          ),
        );
      return affectedRows(result) === 1;
    },
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
      const [inserted] = await tx.insert(reservation).values(values);
      await tx
        .update(seatAllocation)
        .set({ status: 'RESERVED', reservationId: inserted.insertId, reservedAt: createdAt })
        .where(and(eq(seatAllocation.occupationId, hold.id), eq(seatAllocation.status, 'OCCUPIED')));
      return { id: inserted.insertId, ...values };
    },
  };
}
