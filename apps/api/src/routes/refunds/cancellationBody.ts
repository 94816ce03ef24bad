import type { Cancellation, Refund } from '@concert/domain';

const refundBody = (refund: Refund) => ({
  id: refund.id,
  reservationId: refund.reservationId,
  amount: refund.amount,
  kind: refund.kind,
  reason: refund.reason,
  createdAt: refund.createdAt.toISOString(),
});

/** A cancellation on the wire: the contract's fields, times as ISO strings. */
export const cancellationBody = ({ refund, ...rest }: Cancellation) => ({ ...rest, ...(refund ? { refund: refundBody(refund) } : {}) });
