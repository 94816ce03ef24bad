import { DomainError } from '../shared/domainError.js';
import type { BookingContext } from './context.js';
import type { SeatClaim, SeatClaims } from './ports.js';

/** Without a claim store (the operator CLI, MySQL alone): every claim is granted, the database decides. */
export const noSeatClaims: SeatClaims = {
  claim: async () => [],
  release: async () => undefined,
  forget: async () => undefined,
};

/** The 409 of a hold that lost some seats, naming them. */
export const seatsTaken = (seatIds: readonly number[]) =>
  new DomainError('seat_unavailable', 'Some of these seats are already taken.', { seatIds: [...seatIds] });

type ClaimContext = Pick<BookingContext, 'claims' | 'rules'>;

/**
 * Claims the seats before the database is asked; throws `seat_unavailable` when another buyer's claim
 * covers one. Returns the claim to release if the hold fails, or undefined when there is none: claims
 * are off, or the claim store cannot answer (it is only a shortcut, so the database alone decides).
 * A claim lasts at most as long as the hold it leads to, so a seat back on sale after its hold expired
 * is never turned away by it.
 */
export async function claimAhead(
  ctx: ClaimContext,
  concertEventId: number,
  seatIds: readonly number[],
  owner: number,
  now: Date,
): Promise<SeatClaim | undefined> {
  const lasts = Math.min(ctx.rules.seatClaimMs, ctx.rules.holdTtlSeconds * 1_000);
  if (lasts <= 0) return undefined;
  const claim = { owner, until: new Date(now.getTime() + lasts) };
  const others = await ctx.claims.claim(concertEventId, seatIds, claim, now).catch(() => undefined);
  if (others === undefined) return undefined;
  if (others.length > 0) throw seatsTaken(others);
  return claim;
}

/** Gives the seats' claim back after a failed hold; a failure to do so only leaves it to lapse. */
export async function releaseClaim(
  ctx: ClaimContext,
  concertEventId: number,
  seatIds: readonly number[],
  claim: SeatClaim | undefined,
): Promise<void> {
  if (claim) await ctx.claims.release(concertEventId, seatIds, claim).catch(() => undefined);
}
