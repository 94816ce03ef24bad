import type { CancellationPolicy } from '../booking/catalog.js';

/** The last instant a buyer may cancel a paid reservation of a show starting at `startAt`; undefined: never. */
export function cancellationDeadline(policy: CancellationPolicy, startAt: Date): Date | undefined {
  if (policy.untilMinutesBefore === null) return undefined;
  return new Date(startAt.getTime() - policy.untilMinutesBefore * 60_000);
}

/** The fee kept from a cancelled price: the percentage (rounded down) plus the fixed part, never more than the price. */
export function cancellationFee(policy: CancellationPolicy, price: number): number {
  return Math.min(price, Math.floor((price * policy.feePercent) / 100) + policy.feeFixed);
}
