import { newEvent, type HoldPlacement, type NewHold, type Seat } from '@concert/domain';
import { and, eq, gt, or, sql } from 'drizzle-orm';
import type { Pool } from 'mysql2/promise';
import { batchedTransaction, writeResult } from '../batchedTransaction.js';
import type { Database } from '../client.js';
import { outboxInsert } from '../outbox/outboxRows.js';
import { boundStatement } from '../prepared.js';
import { occupation, reservation, seat, seatAllocation, userEventLock } from '../schema/index.js';
import { serverTime } from '../schema/columns.js';
import { seatsOfEvent } from './seatsOfEvent.js';

const $ = sql.placeholder;
type SeatsOfEvent = { concertEventId: number; seatIds: number[] };

// The race guard of a hold: only rows still available match, and a row taken by a concurrent
// transaction no longer matches once that one commits. Affected rows = seats won.
const claim = boundStatement<SeatsOfEvent>((db) =>
  db.update(seat).set({ isAvailable: false }).where(and(seatsOfEvent(), eq(seat.isAvailable, true))),
);

// An upsert locks the (user, event) row, existing or new, until this transaction ends: one user's
// holds of an event run one after the other from here, other users' never wait on it.
const lockUserEvent = boundStatement<{ userId: number; concertEventId: number }>((db) =>
  db
    .insert(userEventLock)
    .values({ userId: $('userId'), concertEventId: $('concertEventId'), holds: 1 })
    .onDuplicateKeyUpdate({ set: { holds: sql`${userEventLock.holds} + 1` } }),
);

// Seats in live holds and unpaid, unexpired reservations. Run after the lock, at READ COMMITTED, so
// it includes every hold of the user committed before the lock was granted.
const liveSeatCount = boundStatement<{ userId: number; concertEventId: number; now: Date }>((db) =>
  db
    .select({ seats: sql<number>`count(*)`.as('seats') })
    .from(seatAllocation)
    .innerJoin(occupation, eq(occupation.id, seatAllocation.occupationId))
    .leftJoin(reservation, eq(reservation.id, seatAllocation.reservationId))
    .where(
      and(
        eq(occupation.userId, $('userId')),
        eq(occupation.concertEventId, $('concertEventId')),
        or(
          and(eq(seatAllocation.status, 'OCCUPIED'), eq(occupation.status, 'ACTIVE'), gt(occupation.expiresAt, $('now'))),
          and(eq(seatAllocation.status, 'RESERVED'), eq(reservation.status, 'PENDING'), gt(reservation.expiresAt, $('now'))),
        ),
      ),
    ),
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

// Each column named as the domain's Seat names it, so the driver's rows are Seats as they come.
const seatsRead = boundStatement<SeatsOfEvent>((db) =>
  db
    .select({ id: seat.id, seatNumber: sql<number>`${seat.seatNumber}`.as('seatNumber'), price: seat.price })
    .from(seat)
    .where(seatsOfEvent()),
);

// A hold's seats copied from `seat`, numbers and prices included. The select lists every column of
// seat_allocation in the table's order, as Drizzle requires.
const allocationsInsert = boundStatement<SeatsOfEvent & { holdId: number; userId: number; occupiedAt: Date }>((db) =>
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

/** The rows of the two reads, typed from the schema; the hottest write of a sale skips a parse per row. */
type CountRow = { seats: number };
type SeatRow = Pick<typeof seat.$inferSelect, keyof Seat>;

/**
 * A hold in two round trips: the claim, the user's lock, the count of what the user already holds,
 * the hold row and the read of the seats in the first; `accept` judges what they found; the seat
 * allocations, the hold.placed event and the COMMIT in the second. `lockUser: false` leaves the
 * per-user lock out, for the race test's control only.
 */
export function placeHoldIn(db: Database, batchPool: Pool, { lockUser = true } = {}) {
  return <T>(hold: NewHold, accept: (placement: HoldPlacement) => T | Promise<T>): Promise<T> =>
    batchedTransaction(batchPool, async (batches) => {
      const seats = { concertEventId: hold.concertEventId, seatIds: [...hold.seatIds] };
      const user = { userId: hold.userId, concertEventId: hold.concertEventId };
      const [claimed, ...rest] = await batches.send([
        claim(db, seats),
        ...(lockUser ? [lockUserEvent(db, user)] : []),
        liveSeatCount(db, { ...user, now: hold.createdAt }),
        holdInsert(db, hold),
        seatsRead(db, seats),
      ]);
      const [counted, inserted, found] = lockUser ? rest.slice(1) : rest;
      const holdId = Number(writeResult(inserted).insertId);
      const answer = await accept({
        holdId,
        claimed: writeResult(claimed).affectedRows,
        alreadyHeld: Number((counted as CountRow[])[0]?.seats ?? 0),
        seats: found as SeatRow[],
      });
      const placed = newEvent(
        'hold.placed',
        { holdId, ...user, seatIds: seats.seatIds, expiresAt: hold.expiresAt.toISOString() },
        hold.createdAt,
      );
      await batches.commit([
        allocationsInsert(db, { ...seats, holdId, userId: hold.userId, occupiedAt: hold.createdAt }),
        outboxInsert(db, placed),
      ]);
      return answer;
    });
}
