import { schema, type Database } from '@concert/db';
import { createConcert, createEventWithSeats } from './factories.js';

export interface PendingReservationOptions {
  userId: number;
  totalAmount: number;
  /** The payment deadline. */
  expiresAt: Date;
  /** The event it belongs to; a new concert and event without seats when absent. */
  event?: { id: number; concertId: number };
}

/**
 * A PENDING reservation made directly in the tables, for tests of payment that do not go through
 * holds: the occupation it came from is written RELEASED, as reserving leaves it.
 */
export async function createPendingReservation(db: Database, options: PendingReservationOptions) {
  const event = options.event ?? (await createEventWithSeats(db, (await createConcert(db)).id, { seats: 0 }));
  const [hold] = await db.insert(schema.occupation).values({
    concertEventId: event.id,
    userId: options.userId,
    status: 'RELEASED',
    expiresAt: options.expiresAt,
  });
  const values = {
    concertId: event.concertId,
    concertEventId: event.id,
    userId: options.userId,
    occupationId: hold.insertId,
    status: 'PENDING' as const,
    totalSeats: 1,
    totalAmount: options.totalAmount,
    expiresAt: options.expiresAt,
  };
  const [result] = await db.insert(schema.reservation).values(values);
  return { id: result.insertId, ...values };
}
