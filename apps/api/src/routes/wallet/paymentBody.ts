import type { PaymentBody } from '@concert/contract';
import type { Payment } from '@concert/domain';

/** A payment on the wire: the contract's fields, times as ISO strings. */
export const paymentBody = (payment: Payment): PaymentBody => ({
  id: payment.id,
  reservationId: payment.reservationId,
  amount: payment.amount,
  status: payment.status,
  refundedAmount: payment.refundedAmount,
  paidAt: payment.paidAt.toISOString(),
});
