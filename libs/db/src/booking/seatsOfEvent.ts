import { and, eq, sql } from 'drizzle-orm';
import { seat } from '../schema/index.js';

/**
 * The seats `seatIds` of the event `concertEventId`, both given later as placeholders of those
 * names: ids of another event's seats match nothing. Served by the primary key.
 */
export const seatsOfEvent = () =>
  and(sql`${seat.id} IN (${sql.placeholder('seatIds')})`, eq(seat.concertEventId, sql.placeholder('concertEventId')));
