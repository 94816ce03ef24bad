import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { concert, concertEvent, seat } from '../schema/index.js';
import type { CatalogPlan } from './catalogPlan.js';

/** Rows per INSERT: large enough to amortise round trips, small enough for max_allowed_packet. */
const SEAT_BATCH = 5_000;

export interface SeedProgress {
  seatsInserted: number;
  seatsTotal: number;
}

export interface SeedResult {
  concertIds: number[];
  eventIds: number[];
  seats: number;
}

/** Inserts a catalog with batched multi-row INSERTs; reports progress after each batch. */
export async function insertCatalog(
  db: Database,
  plan: CatalogPlan,
  onProgress: (progress: SeedProgress) => void = () => undefined,
): Promise<SeedResult> {
  const seatsTotal = plan.concerts.reduce(
    (sum, item) => sum + item.events.reduce((eventSum, event) => eventSum + event.seatCount, 0),
    0,
  );
  const result: SeedResult = { concertIds: [], eventIds: [], seats: 0 };
  for (const concertPlan of plan.concerts) {
    const [inserted] = await db
      .insert(concert)
      .values({ title: concertPlan.title, singer: concertPlan.singer, description: concertPlan.description });
    const concertId = inserted.insertId;
    result.concertIds.push(concertId);
    for (const eventPlan of concertPlan.events) {
      const [insertedEvent] = await db.insert(concertEvent).values({
        concertId,
        venue: eventPlan.venue,
        startAt: eventPlan.startAt,
        duration: eventPlan.durationMinutes,
        reservationStartAt: eventPlan.reservationStartAt,
        reservationEndAt: eventPlan.reservationEndAt,
        maxSeatCount: eventPlan.seatCount,
        cancellableUntilMinutesBefore: eventPlan.cancellation?.untilMinutesBefore ?? null,
        cancellationFeePercent: eventPlan.cancellation?.feePercent ?? 0,
        cancellationFeeFixed: eventPlan.cancellation?.feeFixed ?? 0,
      });
      const concertEventId = insertedEvent.insertId;
      result.eventIds.push(concertEventId);
      for (let first = 1; first <= eventPlan.seatCount; first += SEAT_BATCH) {
        const last = Math.min(first + SEAT_BATCH - 1, eventPlan.seatCount);
        const rows = [];
        for (let seatNumber = first; seatNumber <= last; seatNumber += 1) {
          rows.push({ concertEventId, seatNumber, price: eventPlan.priceOf(seatNumber), isAvailable: true });
        }
        await db.insert(seat).values(rows);
        result.seats += rows.length;
        onProgress({ seatsInserted: result.seats, seatsTotal });
      }
    }
  }
  return result;
}

export async function isCatalogEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ present: sql<number>`1` }).from(concert).limit(1);
  return row === undefined;
}
