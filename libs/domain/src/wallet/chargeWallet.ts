import { DomainError } from '../shared/domainError.js';
import type { MoneyStore } from './moneyStore.js';

export interface ChargeWalletContext {
  store: MoneyStore;
  limits: { maxChargeAmount: number; maxBalance: number };
}

export interface WalletView {
  userId: number;
  balance: number;
}

/**
 * Adds `amount` to a user's wallet, creating it when missing. The credit is one conditional
 * UPDATE (balance + amount <= max), so concurrent charges never lose each other's increments and
 * never pass the maximum together; its ledger entry commits with it.
 */
export async function chargeWallet({
  ctx,
  input,
}: {
  ctx: ChargeWalletContext;
  input: { userId: number; amount: number };
}): Promise<WalletView> {
  const { userId, amount } = input;
  const { maxChargeAmount, maxBalance } = ctx.limits;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > maxChargeAmount) {
    throw new DomainError('invalid_request', `Invalid request: check amount.`, [
      { field: 'amount', message: `Must be a whole number from 1 to ${maxChargeAmount}.` },
    ]);
  }
  // Outside the transaction: an empty wallet is valid books (balance 0, no entries), and creating
  // it alone keeps racing first charges from deadlocking on the new row's insert locks.
  await ctx.store.openWallet(userId);
  const balance = await ctx.store.transaction(async (tx) => {
    const balanceAfter = await tx.credit({ userId, amount, maxBalance });
    if (balanceAfter === undefined) {
      throw new DomainError('balance_limit_exceeded', `A balance may not exceed ${maxBalance}.`, { maxBalance });
    }
    await tx.appendLedger({ userId, amount, balanceAfter, reason: 'CHARGE' });
    return balanceAfter;
  });
  return { userId, balance };
}
