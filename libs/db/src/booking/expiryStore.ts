import type { ExpiryStore } from '@concert/domain';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { isTransient } from '../errors.js';
import { occupation, reservation } from '../schema/index.js';

type Affected = [{ affectedRows: number }, ...unknown[]];
const affectedRows = (result: unknown) => (result as Affected)[0].affectedRows;

/**
 * Expiry, one row per transaction. The first conditional UPDATE decides who owns the row (this
 * sweeper, another one, a reserve or a payment); only its winner gives the seats back, in the same
 * transaction, so a seat is never released twice nor while still held.
 */
export function dbExpiryStore(db: Database): ExpiryStore {
  /** A row locked by someone else is left for the next sweep rather than failing this one. */
  const attempt = async (work: () => Promise<boolean>) => {
    try {
      return await work();
    } catch (error) {
      if (isTransient(error)) return false;
      throw error;
    }
  };
  return {
    async overdueHolds(now, limit) {
      // occupation_status_expires_idx: status = 'ACTIVE' AND expires_at <= now, oldest first.
      const rows = await db
        .select({ id: occupation.id })
        .from(occupation)
        .where(and(eq(occupation.status, 'ACTIVE'), lte(occupation.expiresAt, now)))
        .orderBy(asc(occupation.expiresAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },
    expireHold: (occupationId, now) =>
      attempt(() =>
        db.transaction(async (tx) => {
          const won = await tx
            .update(occupation)
            .set({ status: 'EXPIRED', expiredAt: now })
            .where(and(eq(occupation.id, occupationId), eq(occupation.status, 'ACTIVE'), lte(occupation.expiresAt, now)));
          if (affectedRows(won) === 0) return false;
          await tx.execute(sql`
            UPDATE seat_allocation sa JOIN seat s ON s.id = sa.seat_id
            SET sa.status = 'EXPIRED', sa.expired_at = ${now}, s.is_available = 1
            WHERE sa.occupation_id = ${occupationId} AND sa.status = 'OCCUPIED'`);
          return true;
        }),
      ),
    async overdueReservations(now, limit) {
      // reservation_status_expires_idx: status = 'PENDING' AND expires_at <= now.
      const rows = await db
        .select({ id: reservation.id })
        .from(reservation)
        .where(and(eq(reservation.status, 'PENDING'), lte(reservation.expiresAt, now)))
        .orderBy(asc(reservation.expiresAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },
    expireReservation: (reservationId, now) =>
      attempt(() =>
        db.transaction(async (tx) => {
          const won = await tx
            .update(reservation)
            .set({ status: 'EXPIRED', expiredAt: now })
            .where(
              and(eq(reservation.id, reservationId), eq(reservation.status, 'PENDING'), lte(reservation.expiresAt, now)),
            );
          if (affectedRows(won) === 0) return false;
          await tx.execute(sql`
            UPDATE seat_allocation sa JOIN seat s ON s.id = sa.seat_id
            SET sa.status = 'EXPIRED', sa.expired_at = ${now}, s.is_available = 1
            WHERE sa.reservation_id = ${reservationId} AND sa.status = 'RESERVED'`);
          return true;
        }),
      ),
  };
}
