import type { IdempotentCompletion } from '../idempotency/idempotencyStore.js';
import { DomainError } from '../shared/domainError.js';
import type { WalletStore } from './walletStore.js';

export interface ChargeWalletContext {
  store: WalletStore;
  limits: { maxChargeAmount: number; maxBalance: number };
}

export interface ChargeWalletInput {
  userId: number;
  amount: number;
  /** Under an Idempotency-Key: the key's finished record for the charged wallet (see below). */
  record?: (wallet: WalletView) => IdempotentCompletion;
}

export interface WalletView {
  userId: number;
  balance: number;
}

/**
 * Adds `amount` to a user's wallet, creating it when missing. Concurrent charges never lose each
 * other's increments and never pass the maximum together; the ledger entry commits with the credit.
 *
 * Under an Idempotency-Key, `record` turns the new wallet into the key's stored outcome, written in
 * the same transaction: a process dying after the commit leaves the key answered, so its retry
 * replays instead of charging again. A run whose key was meanwhile answered by another run of the
 * same request (it outlived its claim's lease) finds it so, and its charge is not kept.
 */
export async function chargeWallet({
  ctx,
  input,
}: {
  ctx: ChargeWalletContext;
  input: ChargeWalletInput;
}): Promise<WalletView> {
  const { userId, amount, record } = input;
  const { maxChargeAmount, maxBalance } = ctx.limits;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > maxChargeAmount) {
    throw new DomainError('invalid_request', `Invalid request: check amount.`, [
      { field: 'amount', message: `Must be a whole number from 1 to ${maxChargeAmount}.` },
    ]);
  }
  const outcome = await ctx.store.charge({ userId, amount, maxBalance }, record && ((balance) => record({ userId, balance })));
  if (outcome.charged) return { userId, balance: outcome.balance };
  if (outcome.reason === 'claim_lost') {
    throw new Error(`Idempotency-Key of user ${userId} lost its claim while charging; the charge is rolled back.`);
  }
  throw new DomainError('balance_limit_exceeded', `A balance may not exceed ${maxBalance}.`, { maxBalance });
}
