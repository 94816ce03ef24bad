import type { EventsOnSale } from '@concert/domain';
import { and, eq, exists, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { concertEvent, seat } from '../schema/index.js';

/**
 * Events whose window is open at `now` and that have a seat on sale: each event's EXISTS is one
 * probe of seat_event_available_idx, and the events table is the catalog (small).
 */
const openWithSeats = (db: Database, now: Date) =>
  db
    .select({ id: concertEvent.id })
    .from(concertEvent)
    .where(
      and(
        lt(concertEvent.reservationStartAt, now),
        gt(concertEvent.reservationEndAt, now),
        exists(
          db
            .select({ one: sql`1` })
            .from(seat)
            .where(and(eq(seat.concertEventId, concertEvent.id), eq(seat.isAvailable, true))),
        ),
      ),
    )
    .orderBy(concertEvent.id);

/**
 * The events on sale, read from MySQL at most once per `maxAgeMs` of the callers' clock in this
 * process: every waiting buyer's status poll asks (hundreds a second in a rush), and an answer a
 * second old is as good to them. Concurrent callers share one read. When a read fails the last
 * answer serves until one succeeds; with none yet, the failure is the caller's.
 */
export function dbEventsOnSale(db: Database, maxAgeMs: number): EventsOnSale {
  let last: { at: number; ids: number[] } | undefined;
  let reading: Promise<number[]> | undefined;
  const read = async (now: Date) => {
    try {
      const ids = (await openWithSeats(db, now)).map((row) => row.id);
      last = { at: now.getTime(), ids };
      return ids;
    } catch (error) {
      if (last === undefined) throw error;
      return last.ids;
    } finally {
      reading = undefined;
    }
  };
  return {
    eventsOnSale(now) {
      if (last !== undefined && now.getTime() - last.at < maxAgeMs && now.getTime() >= last.at) return Promise.resolve(last.ids);
      reading ??= read(now);
      return reading;
    },
  };
}
