import type { CatalogReader, Concert, ConcertEvent } from '@concert/domain';
import { eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { concert, concertEvent } from '../schema/index.js';

const concertColumns = { id: concert.id, title: concert.title, singer: concert.singer, description: concert.description };
const eventColumns = {
  id: concertEvent.id,
  concertId: concertEvent.concertId,
  venue: concertEvent.venue,
  startAt: concertEvent.startAt,
  durationMinutes: concertEvent.duration,
  reservationStartAt: concertEvent.reservationStartAt,
  reservationEndAt: concertEvent.reservationEndAt,
  maxSeatCount: concertEvent.maxSeatCount,
  cancellation: {
    untilMinutesBefore: concertEvent.cancellableUntilMinutesBefore,
    feePercent: concertEvent.cancellationFeePercent,
    feeFixed: concertEvent.cancellationFeeFixed,
  },
};

/** The catalog straight from MySQL; a cache decorator may wrap it (it is the same port). */
export function dbCatalogReader(db: Database): CatalogReader {
  return {
    listConcerts: (): Promise<Concert[]> => db.select(concertColumns).from(concert).orderBy(concert.id),
    async findConcert(concertId) {
      const [row] = await db.select(concertColumns).from(concert).where(eq(concert.id, concertId));
      return row;
    },
    // concert_event_concert_window_idx serves this lookup by concert_id.
    listEventsOfConcert: (concertId): Promise<ConcertEvent[]> =>
      db.select(eventColumns).from(concertEvent).where(eq(concertEvent.concertId, concertId)).orderBy(concertEvent.startAt),
    async findEvent(concertEventId) {
      const [row] = await db.select(eventColumns).from(concertEvent).where(eq(concertEvent.id, concertEventId));
      return row;
    },
  };
}
