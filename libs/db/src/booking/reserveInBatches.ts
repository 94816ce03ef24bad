import { newEvent, type BookingTransaction, type DomainEvent, type Reservation } from '@concert/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, writeResult, type Batches } from '../batchedTransaction.js';
import type { Database } from '../client.js';
import { boundStatement } from '../prepared.js';
import { occupation, reservation, seatAllocation } from '../schema/index.js';
import { holdRowsQuery, holdsOf, reservationColumns } from './holdRows.js';

const $ = sql.placeholder;

const holdById = boundStatement<{ occupationId: number }>((db) => holdRowsQuery(db, eq(occupation.id, $('occupationId'))));

// Loses to the sweeper (EXPIRED) and to a concurrent reserve (RELEASED): one of them wins the row.
const release = boundStatement<{ occupationId: number; userId: number; now: Date }>((db) =>
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
    ),
);

const reservationOfHold = boundStatement<{ occupationId: number }>((db) =>
  db.select(reservationColumns).from(reservation).where(eq(reservation.occupationId, $('occupationId'))),
);

const reservationInsert = boundStatement<Omit<Reservation, 'id'>>((db) =>
  db.insert(reservation).values({
    concertId: $('concertId'),
    concertEventId: $('concertEventId'),
    userId: $('userId'),
    occupationId: $('occupationId'),
    status: $('status'),
    totalSeats: $('totalSeats'),
    totalAmount: $('totalAmount'),
    createdAt: $('createdAt'),
    expiresAt: $('expiresAt'),
  }),
);

// Sent right after the reservation's insert, on the same connection: LAST_INSERT_ID() is its id.
const allocationsReserve = boundStatement<{ occupationId: number; reservedAt: Date }>((db) =>
  db
    .update(seatAllocation)
    .set({ status: 'RESERVED', reservationId: sql`LAST_INSERT_ID()`, reservedAt: sql`${$('reservedAt')}` })
    .where(and(eq(seatAllocation.occupationId, $('occupationId')), eq(seatAllocation.status, 'OCCUPIED'))),
);

const number = z.coerce.number();
const holdRow = z
  .object({
    id: number,
    concert_event_id: number,
    user_id: number,
    status: z.enum(['ACTIVE', 'EXPIRED', 'RELEASED']),
    expires_at: z.date(),
    created_at: z.date(),
    seat_id: number,
    seat_number: number,
    seat_price: number,
  })
  .transform((row) => ({
    id: row.id,
    concertEventId: row.concert_event_id,
    userId: row.user_id,
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    seatId: row.seat_id,
    seatNumber: row.seat_number,
    price: row.seat_price,
  }));
const reservationRow = z
  .object({
    id: number,
    concert_id: number,
    concert_event_id: number,
    user_id: number,
    occupation_id: number,
    status: z.enum(['PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED']),
    total_seats: number,
    total_amount: number,
    created_at: z.date(),
    expires_at: z.date(),
  })
  .transform(
    (row): Reservation => ({
      id: row.id,
      concertId: row.concert_id,
      concertEventId: row.concert_event_id,
      userId: row.user_id,
      occupationId: row.occupation_id,
      status: row.status,
      totalSeats: row.total_seats,
      totalAmount: row.total_amount,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }),
  );

/**
 * A reserve's steps on a batched transaction (booking/bookingStore.ts): one round trip each, the
 * reservation's insert and the move of its seat allocations together. The events of what it wrote
 * are added to `events`, for the caller to send with the COMMIT.
 */
export function reserveInBatches(db: Database, batches: Batches, events: DomainEvent[]): BookingTransaction {
  return {
    async findHold(occupationId) {
      const [rows] = await batches.send([holdById(db, { occupationId })]);
      return holdsOf(rowsOf(rows, holdRow))[0];
    },
    async releaseHold(occupationId, userId, now) {
      const [released] = await batches.send([release(db, { occupationId, userId, now })]);
      return writeResult(released).affectedRows === 1;
    },
    async findReservationOfHold(occupationId) {
      const [rows] = await batches.send([reservationOfHold(db, { occupationId })]);
      return rowsOf(rows, reservationRow)[0];
    },
    async createReservation({ hold, concertId, createdAt, expiresAt }) {
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
      const [inserted] = await batches.send([
        reservationInsert(db, values),
        allocationsReserve(db, { occupationId: hold.id, reservedAt: createdAt }),
      ]);
      const id = Number(writeResult(inserted).insertId);
      const { concertEventId, userId, totalSeats, totalAmount } = values;
      events.push(
        newEvent(
          'reservation.created',
          { reservationId: id, holdId: hold.id, concertEventId, userId, totalSeats, totalAmount, expiresAt: expiresAt.toISOString() },
          createdAt,
        ),
      );
      return { id, ...values };
    },
  };
}
