import type { Payment, WalletStore } from './walletStore.js';

/** A user holds a few reservations per event: the newest hundred payments are the whole history in practice. */
export const PAYMENT_HISTORY_LIMIT = 100;

/** A user's payments, newest first. */
export async function listPayments({
  ctx,
  input,
}: {
  ctx: { store: WalletStore };
  input: { userId: number };
}): Promise<Payment[]> {
  return ctx.store.paymentsOf(input.userId, PAYMENT_HISTORY_LIMIT);
}
