import { dbCatalogReader, type Database } from '@concert/db';
import { DomainError } from '@concert/domain';

/**
 * An id that names nothing is an error (exit 1), never an empty table that reads like "nothing
 * there yet": the operator mistyped it, or is on the wrong database.
 */
export async function requireConcert(db: Database, concertId: number): Promise<void> {
  if (!(await dbCatalogReader(db).findConcert(concertId))) {
    throw new DomainError('concert_not_found', `Concert ${concertId} does not exist.`);
  }
}

export async function requireEvent(db: Database, concertEventId: number): Promise<void> {
  if (!(await dbCatalogReader(db).findEvent(concertEventId))) {
    throw new DomainError('concert_event_not_found', `Concert event ${concertEventId} does not exist.`);
  }
}
