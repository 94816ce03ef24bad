import type { EventSeats } from '@concert/domain';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { seat, seatAllocation } from '../schema/index.js';

type Owner = { occupationId: number } | { reservationId: number };
type AllocationStatus = (typeof seatAllocation.$inferSelect)['status'];

/**
 * The seats a hold or a reservation allocated (only those in `status`, when given), and their event:
 * what a write that changed them tells the live seat maps. Served by seat_allocation_occupation_idx
 * or seat_allocation_reservation_idx, then the seats' primary key.
 */
export async function allocatedSeats(db: Queryable, owner: Owner, status?: AllocationStatus): Promise<EventSeats> {
  const ownedBy: SQL =
    'occupationId' in owner ? eq(seatAllocation.occupationId, owner.occupationId) : eq(seatAllocation.reservationId, owner.reservationId);
  const rows = await db
    .select({ seatId: seatAllocation.seatId, concertEventId: seat.concertEventId })
    .from(seatAllocation)
    .innerJoin(seat, eq(seat.id, seatAllocation.seatId))
    .where(and(ownedBy, status ? eq(seatAllocation.status, status) : undefined))
    .orderBy(seatAllocation.seatId);
  return { concertEventId: rows[0]?.concertEventId ?? 0, seatIds: rows.map((row) => row.seatId) };
}
