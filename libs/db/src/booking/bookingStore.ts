import type { BookingStore, BookingTransaction, NewHold, Reservation } from '@concert/domain';
import { and, eq, gt, or, sql } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import type { AtCommit, DatabaseHandle, Queryable, Send } from '../client.js';
import { retryingTransient } from '../errors.js';
import { occupation, reservation, seat, seatAllocation, userEventLock } from '../schema/index.js';
import { boundStatement, prepared } from '../prepared.js';
import { serverTime } from '../serverTime.js';
import { findHoldById, liveHoldsWhere, loadHolds, loadReservationOfHold } from './holdRows.js';
import { seatsOfEvent } from './seatsOfEvent.js';

export function dbBookingStore({ db, transaction }: DatabaseHandle): BookingStore {
  return {
    // READ COMMITTED (every connection's level: client.ts): each statement sees the latest commits,
    // so the seat count taken after the per-user lock includes the holds committed before it was granted.
    transaction: (work) => retryingTransient(() => transaction((tx, atCommit, send) => work(bookingTransaction(tx, atCommit, send)))),
    liveHolds: (userId, concertEventId, now) => loadHolds(db, liveHoldsWhere(userId, concertEventId, now)),
  };
}

const $ = sql.placeholder;
type InsertResult = [{ insertId: number }, ...unknown[]];

// The race guard of a hold: only rows still available match, and a row taken by a concurrent
// transaction no longer matches once that one commits. Affected rows = seats won.
const claimStatement = boundStatement<{ concertEventId: number; seatIds: number[] }>((db) =>
  db.update(seat).set({ isAvailable: false }).where(and(seatsOfEvent(), eq(seat.isAvailable, true))),
);

// An upsert locks the (user, event) row, existing or new, until this transaction ends.
const lockStatement = boundStatement<{ userId: number; concertEventId: number }>((db) =>
  db
    .insert(userEventLock)
    .values({ userId: $('userId'), concertEventId: $('concertEventId'), holds: 1 })
    .onDuplicateKeyUpdate({ set: { holds: sql`${userEventLock.holds} + 1` } }),
);

const holdInsert = boundStatement<NewHold>((db) =>
  db.insert(occupation).values({
    concertEventId: $('concertEventId'),
    userId: $('userId'),
    status: 'ACTIVE',
    expiresAt: $('expiresAt'),
    createdAt: $('createdAt'),
  }),
);

const seatsRead = boundStatement<{ concertEventId: number; seatIds: number[] }>((db) =>
  db.select({ id: seat.id, seatNumber: seat.seatNumber, price: seat.price }).from(seat).where(seatsOfEvent()),
);

// A hold's seats copied from `seat` at commit, numbers and prices included: the hold does not need
// to know them first. The seats are already this transaction's (claimStatement locked them). The
// select lists every column of seat_allocation in the table's order, as drizzle requires (it throws
// when building the statement otherwise).
const allocationsInsert = boundStatement<{ holdId: number; userId: number; occupiedAt: Date; concertEventId: number; seatIds: readonly number[] }>(
  (db) =>
    db.insert(seatAllocation).select(
      db
        .select({
          id: sql<null>`NULL`.as('id'),
          occupationId: sql<number>`${$('holdId')}`.as('occupation_id'),
          seatId: seat.id,
          seatNumber: seat.seatNumber,
          seatPrice: seat.price,
          userId: sql<number>`${$('userId')}`.as('user_id'),
          status: sql<'OCCUPIED'>`'OCCUPIED'`.as('status'),
          occupiedAt: sql<Date>`${$('occupiedAt')}`.as('occupied_at'),
          reservedAt: sql<null>`NULL`.as('reserved_at'),
          expiredAt: sql<null>`NULL`.as('expired_at'),
          reservationId: sql<null>`NULL`.as('reservation_id'),
          createdAt: serverTime.as('created_at'),
          updatedAt: serverTime.as('updated_at'),
        })
        .from(seat)
        .where(seatsOfEvent()),
    ),
);

// Loses to the sweeper (EXPIRED) and to a concurrent reserve (RELEASED): one of them wins the row.
const releaseStatement = prepared<{ occupationId: number; userId: number; now: Date }, unknown>((db) =>
  db
    .update(occupation)
    .set({ status: 'RELEASED' })
    .where(
      and(
        eq(occupation.id, $('occupationId')),
        eq(occupation.userId, $('userId')),
        eq(occupation.status, 'ACTIVE'),
        gt(occupation.expiresAt, $('now')),
      ),
    )
    .prepare(),
);

const reservationInsert = prepared<Omit<Reservation, 'id'>, InsertResult>((db) =>
  db
    .insert(reservation)
    .values({
      concertId: $('concertId'),
      concertEventId: $('concertEventId'),
      userId: $('userId'),
      occupationId: $('occupationId'),
      status: $('status'),
      totalSeats: $('totalSeats'),
      totalAmount: $('totalAmount'),
      createdAt: $('createdAt'),
      expiresAt: $('expiresAt'),
    })
    .prepare(),
);

const reserveSeatsStatement = boundStatement<{ reservationId: number; occupationId: number; reservedAt: Date }>((db) =>
  db
    .update(seatAllocation)
    .set({ status: 'RESERVED', reservationId: sql`${$('reservationId')}`, reservedAt: sql`${$('reservedAt')}` })
    .where(and(eq(seatAllocation.occupationId, $('occupationId')), eq(seatAllocation.status, 'OCCUPIED'))),
);

function bookingTransaction(tx: Queryable, atCommit: AtCommit, send: Send): BookingTransaction {
  return {
    claimSeats: async (concertEventId, seatIds) =>
      (await send(claimStatement(tx, { concertEventId, seatIds: [...seatIds] }))).affectedRows,
    lockUserEvent: async (userId, concertEventId) =>
      (await send(lockStatement(tx, { userId, concertEventId }))).affectedRows === 1,
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
    async createHold(hold) {
      const holdId = Number((await send(holdInsert(tx, hold))).insertId);
      atCommit(allocationsInsert(tx, { ...hold, holdId, occupiedAt: hold.createdAt }));
      return holdId;
    },
    async readSeats(concertEventId, seatIds) {
      const rows = await send<Array<{ id: number; seat_number: number; price: number }>>(
        seatsRead(tx, { concertEventId, seatIds: [...seatIds] }),
      );
      return rows.map((row) => ({ id: row.id, seatNumber: row.seat_number, price: row.price }));
    },
    findHold: (occupationId) => findHoldById(tx, occupationId),
    releaseHold: async (occupationId, userId, now) =>
      affectedRows(await releaseStatement(tx, { occupationId, userId, now })) === 1,
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
      const [inserted] = await reservationInsert(tx, values);
      atCommit(reserveSeatsStatement(tx, { reservationId: inserted.insertId, occupationId: hold.id, reservedAt: createdAt }));
      return { id: inserted.insertId, ...values };
    },
  };
}
