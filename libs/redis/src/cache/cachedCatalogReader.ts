import type { CatalogReader, Concert, ConcertEvent } from '@concert/domain';
import type { BodyCache } from './tieredCache.js';

type EventJson = Omit<ConcertEvent, 'startAt' | 'reservationStartAt' | 'reservationEndAt'> & {
  startAt: string;
  reservationStartAt: string;
  reservationEndAt: string;
};

const eventOf = (json: EventJson): ConcertEvent => ({
  ...json,
  startAt: new Date(json.startAt),
  reservationStartAt: new Date(json.reservationStartAt),
  reservationEndAt: new Date(json.reservationEndAt),
});

/**
 * The catalog port with `findConcert`/`findEvent` cached: every seat listing, hold and reserve
 * reads its event first. The window is still judged against the clock by the use cases, so a cached
 * event never sells outside its window. Unknown ids are not kept (validUntil 0): an id that a later
 * seed creates must not answer "not found" from a cache, and guessed ids must not fill memory.
 * The lists pass through: the routes cache their whole answers.
 */
export function cachedCatalogReader(reader: CatalogReader, cache: BodyCache): CatalogReader {
  async function cached<T>(key: string, find: () => Promise<unknown>, revive: (json: never) => T): Promise<T | undefined> {
    const entry = await cache.get(key, async () => {
      const found = await find();
      return found === undefined ? { body: 'null', validUntil: 0 } : { body: JSON.stringify(found) };
    });
    const json = JSON.parse(entry.body) as never | null;
    return json === null ? undefined : revive(json);
  }
  return {
    listConcerts: () => reader.listConcerts(),
    listEventsOfConcert: (concertId) => reader.listEventsOfConcert(concertId),
    findConcert: (concertId) => cached(`concert:${concertId}`, () => reader.findConcert(concertId), (json: Concert) => json),
    findEvent: (concertEventId) => cached(`event:${concertEventId}`, () => reader.findEvent(concertEventId), eventOf),
  };
}
