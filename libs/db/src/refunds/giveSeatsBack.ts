import { sql } from 'drizzle-orm';
import type { Transaction } from '../client.js';
import { seat, seatAllocation } from '../schema/index.js';

/**
 * A cancelled reservation's seats back on sale, in the transaction that cancelled it: only the
 * winner of the reservation's conditional UPDATE gets here, so a seat is given back once.
 * Drizzle's update has no JOIN: the allocations and their seats change in one statement.
 */
export async function giveSeatsBack(tx: Transaction, reservationId: number, now: Date): Promise<void> {
  await tx.execute(sql`
    UPDATE ${seatAllocation} JOIN ${seat} ON ${seat.id} = ${seatAllocation.seatId}
    SET ${seatAllocation.status} = 'CANCELLED', ${seatAllocation.expiredAt} = ${now}, ${seat.isAvailable} = 1
    WHERE ${seatAllocation.reservationId} = ${reservationId} AND ${seatAllocation.status} = 'RESERVED'`);
}
