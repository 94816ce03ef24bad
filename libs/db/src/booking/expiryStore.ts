import { newEvent, type EventSeats, type ExpiryStore } from '@concert/domain';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import { withTransaction, type DatabaseHandle } from '../client.js';
import { isTransient } from '../errors.js';
import { writeEvents } from '../outbox/outboxRows.js';
import { occupation, reservation, seat, seatAllocation } from '../schema/index.js';
import { allocatedSeats } from './allocatedSeats.js';

/** What differs between expiring a hold and an unpaid reservation: the table, its live status, its seats' link. */
type Expirable =
  | { table: typeof occupation; liveStatus: 'ACTIVE'; allocationKey: typeof seatAllocation.occupationId; allocationStatus: 'OCCUPIED' }
  | { table: typeof reservation; liveStatus: 'PENDING'; allocationKey: typeof seatAllocation.reservationId; allocationStatus: 'RESERVED' };

const hold: Expirable = { table: occupation, liveStatus: 'ACTIVE', allocationKey: seatAllocation.occupationId, allocationStatus: 'OCCUPIED' };
const unpaidReservation: Expirable = {
  table: reservation,
  liveStatus: 'PENDING',
  allocationKey: seatAllocation.reservationId,
  allocationStatus: 'RESERVED',
};

/** What ending the row tells other systems: a hold ended early was released; otherwise it expired. */
function endedEvent(table: Expirable['table'], id: number, row: { userId: number; concertEventId: number }, now: Date, due: boolean) {
  if (table === reservation) return newEvent('reservation.expired', { reservationId: id, ...row }, now);
  return newEvent(due ? 'hold.expired' : 'hold.released', { holdId: id, ...row }, now);
}

/**
 * Expiry, one row per transaction, with its event. The first conditional UPDATE decides who owns
 * the row (this sweeper, another one, a reserve or a payment); only its winner gives the seats back,
 * in the same transaction, so a seat is never released twice nor while still held. A row locked by someone
 * else (lock wait, deadlock) is left for the next sweep rather than failing this one.
 */
export function dbExpiryStore({ db }: DatabaseHandle): ExpiryStore {
  // occupation_status_expires_idx and reservation_status_expires_idx: status = ? AND expires_at <= now.
  const overdue = async ({ table, liveStatus }: Expirable, now: Date, limit: number) => {
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.status, liveStatus), lte(table.expiresAt, now)))
      .orderBy(asc(table.expiresAt))
      .limit(limit);
    return rows.map((row) => row.id);
  };
  // `due`: only past its deadline (the sweep); without it, now whatever the deadline (an operator's release).
  // Answers the seats it put back on sale (for the live seat maps), or undefined when it lost the row.
  const end = ({ table, liveStatus, allocationKey, allocationStatus }: Expirable, id: number, now: Date, due: boolean) =>
    withTransaction(db, async (tx): Promise<EventSeats | undefined> => {
      const won = await tx
        .update(table)
        .set({ status: 'EXPIRED', expiredAt: now })
        .where(and(eq(table.id, id), eq(table.status, liveStatus), due ? lte(table.expiresAt, now) : undefined));
      if (affectedRows(won) === 0) return undefined;
      const owner = table === occupation ? { occupationId: id } : { reservationId: id };
      const freed = await allocatedSeats(tx, owner, allocationStatus);
      // Drizzle's update has no JOIN: the allocations and their seats change in one statement.
      await tx.execute(sql`
        UPDATE ${seatAllocation} JOIN ${seat} ON ${seat.id} = ${seatAllocation.seatId}
        SET ${seatAllocation.status} = 'EXPIRED', ${seatAllocation.expiredAt} = ${now}, ${seat.isAvailable} = 1
        WHERE ${allocationKey} = ${id} AND ${seatAllocation.status} = ${allocationStatus}`);
      const [ended] = await tx.select({ userId: table.userId, concertEventId: table.concertEventId }).from(table).where(eq(table.id, id));
      if (!ended) throw new Error(`Row ${id} vanished inside its own expiry.`);
      await writeEvents(tx, [endedEvent(table, id, ended, now, due)]);
      return freed;
    });
  const expire = async (kind: Expirable, id: number, now: Date) => {
    try {
      return await end(kind, id, now, true);
    } catch (error) {
      if (isTransient(error)) return undefined;
      throw error;
    }
  };
  return {
    overdueHolds: (now, limit) => overdue(hold, now, limit),
    expireHold: (occupationId, now) => expire(hold, occupationId, now),
    // A lock wait here is thrown, not skipped: the operator sees it and runs the command again.
    endHold: (occupationId, now) => end(hold, occupationId, now, false),
    overdueReservations: (now, limit) => overdue(unpaidReservation, now, limit),
    expireReservation: (reservationId, now) => expire(unpaidReservation, reservationId, now),
  };
}
