import type { Hold } from '@concert/domain';
import { and, eq, gt, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { occupation, reservation, seatAllocation } from '../schema/index.js';

/** A hold's columns and, one row each, its seats: every row of one hold repeats the hold's part. */
export const holdRowsQuery = (db: Queryable, where: SQL | undefined) =>
  db
    .select({
      id: occupation.id,
      concertEventId: occupation.concertEventId,
      userId: occupation.userId,
      status: occupation.status,
      expiresAt: occupation.expiresAt,
      createdAt: occupation.createdAt,
      seatId: seatAllocation.seatId,
      seatNumber: seatAllocation.seatNumber,
      price: seatAllocation.seatPrice,
    })
    .from(occupation)
    .innerJoin(seatAllocation, eq(seatAllocation.occupationId, occupation.id))
    .where(where)
    .orderBy(occupation.id, seatAllocation.seatNumber);

export type HoldRow = Awaited<ReturnType<typeof holdRowsQuery>>[number];

export function holdsOf(rows: HoldRow[]): Hold[] {
  const holds = new Map<number, Hold>();
  for (const { seatId, seatNumber, price, ...hold } of rows) {
    let entry = holds.get(hold.id);
    if (!entry) {
      entry = { ...hold, seats: [] };
      holds.set(hold.id, entry);
    }
    entry.seats.push({ seatId, seatNumber, price });
  }
  return [...holds.values()];
}

/** The holds matching `where`, each with its seats, in one query whatever the number of holds. */
export const loadHolds = async (db: Queryable, where: SQL | undefined): Promise<Hold[]> =>
  holdsOf(await holdRowsQuery(db, where));

/** occupation_user_event_idx serves this: user_id, concert_event_id, status. */
export const liveHoldsWhere = (userId: number, concertEventId: number, now: Date) =>
  and(
    eq(occupation.userId, userId),
    eq(occupation.concertEventId, concertEventId),
    eq(occupation.status, 'ACTIVE'),
    gt(occupation.expiresAt, now),
  );

/** The columns of a domain Reservation. */
export const reservationColumns = {
  id: reservation.id,
  concertId: reservation.concertId,
  concertEventId: reservation.concertEventId,
  userId: reservation.userId,
  occupationId: reservation.occupationId,
  status: reservation.status,
  totalSeats: reservation.totalSeats,
  totalAmount: reservation.totalAmount,
  createdAt: reservation.createdAt,
  expiresAt: reservation.expiresAt,
};
