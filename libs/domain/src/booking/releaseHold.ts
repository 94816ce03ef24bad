import { announceSeats } from '../seatFeed/seatChangeFeed.js';
import { DomainError } from '../shared/domainError.js';
import type { Hold } from './booking.js';
import type { BookingContext } from './context.js';

/**
 * A buyer (their own hold only: another's answers as missing) or an operator (`userId` omitted) ends
 * a hold now, whatever its deadline, and its seats go back on sale; the buyer's seat claims are
 * dropped too, so nobody is turned away by them. It ends the
 * way the sweeper ends a hold (EXPIRED), so RELEASED keeps meaning "became a reservation". One
 * conditional write on ACTIVE decides the race with a reserve or a sweeper: whoever loses changes
 * nothing, so a seat is never put back on sale while a reservation holds it.
 */
export async function releaseHold({
  ctx,
  input,
}: {
  ctx: Pick<BookingContext, 'store' | 'expiry' | 'clock' | 'claims' | 'feed'>;
  input: { holdId: number; userId?: number };
}): Promise<Hold> {
  const { holdId } = input;
  const findHold = () => ctx.store.transaction((tx) => tx.findHold(holdId));
  const hold = await findHold();
  if (!hold || (input.userId !== undefined && hold.userId !== input.userId)) {
    throw new DomainError('occupation_not_found', `Hold ${holdId} does not exist.`);
  }
  const now = ctx.clock.now();
  const freed = hold.status === 'ACTIVE' ? await ctx.expiry.endHold(holdId, now) : undefined;
  if (freed) {
    await ctx.claims.forget(freed.concertEventId, freed.seatIds, hold.userId).catch(() => undefined);
    await announceSeats(ctx.feed, { ...freed, state: 'available' });
    return { ...hold, status: 'EXPIRED' };
  }
  // Ended before, or a reserve or the sweeper won since the read: report what it is now.
  const status = (await findHold())?.status ?? hold.status;
  throw new DomainError('occupation_not_active', `Hold ${holdId} is no longer active (${status}): nothing was released.`, {
    status,
  });
}
