import type { Hold } from '@concert/domain';
import { and, eq, lte } from 'drizzle-orm';
import type { Database } from '../client.js';
import { loadHolds } from '../booking/holdRows.js';
import { occupation } from '../schema/index.js';

export interface HoldFilter {
  concertEventId: number;
  userId?: number | undefined;
  /** Only holds whose deadline is at or before this instant. */
  expiringBy?: Date | undefined;
}

/**
 * The ACTIVE holds of an event, with their seats, oldest first. Holds past their deadline that the
 * sweeper has not reached yet are included: they still keep their seats off sale. An operator
 * query, so it rides occupation_status_expires_idx (status = 'ACTIVE') rather than adding an index.
 */
export function activeHoldsOfEvent(db: Database, filter: HoldFilter): Promise<Hold[]> {
  return loadHolds(
    db,
    and(
      eq(occupation.status, 'ACTIVE'),
      eq(occupation.concertEventId, filter.concertEventId),
      filter.userId === undefined ? undefined : eq(occupation.userId, filter.userId),
      filter.expiringBy === undefined ? undefined : lte(occupation.expiresAt, filter.expiringBy),
    ),
  );
}
