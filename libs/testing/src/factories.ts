import { schema, type Database } from '@concert/db';
import { eq } from 'drizzle-orm';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let lastUserId = 0;

/** A user id no other test of this process uses. Ids are not rows: the system has no user table. */
export function uniqueUserId(): number {
  lastUserId += 1;
  return (process.pid % 10_000) * 1_000_000 + lastUserId;
}

export async function createConcert(db: Database, overrides: Partial<typeof schema.concert.$inferInsert> = {}) {
  const values = { title: 'Test concert', singer: 'Test singer', description: 'A concert made by a test.', ...overrides };
  const [result] = await db.insert(schema.concert).values(values);
  return { id: result.insertId, ...values };
}

export interface EventOptions {
  now?: Date;
  /** Whether the booking window contains `now` (default), has not opened yet, or has closed. */
  window?: 'open' | 'not_yet_open' | 'closed';
  seats?: number;
  price?: number;
  /** Buyers may cancel paid reservations until this many minutes before the show (it starts 7 days after `now`); omitted: never. */
  cancellation?: { untilMinutesBefore: number; feePercent?: number; feeFixed?: number };
}

/** An event with its seats, numbered from 1, all available at `price`. */
export async function createEventWithSeats(db: Database, concertId: number, options: EventOptions = {}) {
  const now = options.now ?? new Date();
  const seats = options.seats ?? 10;
  const price = options.price ?? 1_000;
  const window = options.window ?? 'open';
  const opensAt =
    window === 'not_yet_open' ? new Date(now.getTime() + DAY_MS) : new Date(now.getTime() - (window === 'closed' ? 2 : 1) * DAY_MS);
  const closesAt = window === 'closed' ? new Date(now.getTime() - DAY_MS) : new Date(now.getTime() + 2 * DAY_MS);
  const values = {
    concertId,
    venue: 'Test hall',
    startAt: new Date(now.getTime() + 7 * DAY_MS),
    duration: 120,
    reservationStartAt: opensAt,
    reservationEndAt: closesAt,
    maxSeatCount: seats,
    cancellableUntilMinutesBefore: options.cancellation?.untilMinutesBefore ?? null,
    cancellationFeePercent: options.cancellation?.feePercent ?? 0,
    cancellationFeeFixed: options.cancellation?.feeFixed ?? 0,
  };
  const [result] = await db.insert(schema.concertEvent).values(values);
  const eventId = result.insertId;
  if (seats > 0) {
    await db.insert(schema.seat).values(
      Array.from({ length: seats }, (_, index) => ({ concertEventId: eventId, seatNumber: index + 1, price })),
    );
  }
  const seatRows = await db
    .select({ id: schema.seat.id, seatNumber: schema.seat.seatNumber, price: schema.seat.price })
    .from(schema.seat)
    .where(eq(schema.seat.concertEventId, eventId))
    .orderBy(schema.seat.seatNumber);
  return { id: eventId, ...values, seats: seatRows };
}
