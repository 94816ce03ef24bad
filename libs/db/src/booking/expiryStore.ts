import type { ExpiryStore } from '@concert/domain';
import { sql, type SQL } from 'drizzle-orm';
import { affectedRows } from '../affectedRows.js';
import type { DatabaseHandle } from '../client.js';
import { isTransient } from '../errors.js';
import { occupation, reservation } from '../schema/index.js';

/** What differs between expiring a hold and an unpaid reservation: the table, its live status, its seats' link. */
interface Expirable {
  table: typeof occupation | typeof reservation;
  liveStatus: 'ACTIVE' | 'PENDING';
  /** The seat_allocation column pointing at the row, and the allocation status while it lives. */
  allocationKey: SQL;
  allocationStatus: 'OCCUPIED' | 'RESERVED';
}

const hold: Expirable = {
  table: occupation,
  liveStatus: 'ACTIVE',
  allocationKey: sql.raw('sa.occupation_id'),
  allocationStatus: 'OCCUPIED',
};
const unpaidReservation: Expirable = {
  table: reservation,
  liveStatus: 'PENDING',
  allocationKey: sql.raw('sa.reservation_id'),
  allocationStatus: 'RESERVED',
};

/**
 * Expiry, one row per transaction. The first conditional UPDATE decides who owns the row (this
 * sweeper, another one, a reserve or a payment); only its winner gives the seats back, in the same
 * transaction, so a seat is never released twice nor while still held. A row locked by someone
 * else (lock wait, deadlock) is left for the next sweep rather than failing this one.
 */
export function dbExpiryStore({ db, transaction }: DatabaseHandle): ExpiryStore {
  // occupation_status_expires_idx and reservation_status_expires_idx: status = ? AND expires_at <= now.
  const overdue = async (kind: Expirable, now: Date, limit: number) => {
    const [rows] = (await db.execute(sql`
      SELECT id FROM ${kind.table} WHERE status = ${kind.liveStatus} AND expires_at <= ${now}
      ORDER BY expires_at LIMIT ${limit}`)) as unknown as [Array<{ id: number }>];
    return rows.map((row) => Number(row.id));
  };
  // `due`: only past its deadline (the sweep); without it, now whatever the deadline (an operator's release).
  const end = (kind: Expirable, id: number, now: Date, due: boolean) =>
    transaction(async (tx) => {
      const won = await tx.execute(sql`
        UPDATE ${kind.table} SET status = 'EXPIRED', expired_at = ${now}
        WHERE id = ${id} AND status = ${kind.liveStatus} ${due ? sql`AND expires_at <= ${now}` : sql``}`);
      if (affectedRows(won) === 0) return false;
      await tx.execute(sql`
        UPDATE seat_allocation sa JOIN seat s ON s.id = sa.seat_id
        SET sa.status = 'EXPIRED', sa.expired_at = ${now}, s.is_available = 1
        WHERE ${kind.allocationKey} = ${id} AND sa.status = ${kind.allocationStatus}`);
      return true;
    });
  const expire = async (kind: Expirable, id: number, now: Date) => {
    try {
      return await end(kind, id, now, true);
    } catch (error) {
      if (isTransient(error)) return false;
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
