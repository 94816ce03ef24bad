import type { IdempotentCompletion } from '../idempotency/idempotencyStore.js';
import { DomainError } from '../shared/domainError.js';
import type { Credit, MoneyStore } from './moneyStore.js';

export interface ChargeWalletContext {
  store: MoneyStore;
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
 * Adds `amount` to a user's wallet, creating it when missing. The credit is one conditional
 * UPDATE (balance + amount <= max), so concurrent charges never lose each other's increments and
 * never pass the maximum together; its ledger entry commits with it.
 *
 * Without an Idempotency-Key nothing else commits with it, so the store does it in one atomic step.
 * Under a key, `record` turns the new wallet into the key's stored outcome, written in the same
 * transaction: a process dying after the commit leaves the key answered, so its retry replays
 * instead of charging again. A run whose key was meanwhile answered by another run of the same
 * request (it outlived its claim's lease) finds it so and rolls its charge back.
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
  const balance = record
    ? await chargeRecorded(ctx.store, { userId, amount, maxBalance }, record)
    : await ctx.store.charge({ userId, amount, maxBalance });
  if (balance === undefined) throw balanceLimitExceeded(maxBalance);
  return { userId, balance };
}

async function chargeRecorded(store: MoneyStore, charge: Credit, record: (wallet: WalletView) => IdempotentCompletion) {
  const { userId, amount } = charge;
  // Outside the transaction: an empty wallet is valid books (balance 0, no entries), and its upsert
  // locks the gap before the row until commit, which here comes round trips later (ADR 0008; the
  // keyless charge commits in the same round trip instead, ADR 0009).
  await store.openWallet(userId);
  return store.transaction(async (tx) => {
    const balanceAfter = await tx.credit(charge);
    if (balanceAfter === undefined) throw balanceLimitExceeded(charge.maxBalance);
    await tx.appendLedger({ userId, amount, balanceAfter, reason: 'CHARGE' });
    if (!(await tx.completeIdempotentRequest(record({ userId, balance: balanceAfter })))) {
      throw new Error(`Idempotency-Key of user ${userId} lost its claim while charging; the charge is rolled back.`);
    }
    return balanceAfter;
  });
}

const balanceLimitExceeded = (maxBalance: number) =>
  new DomainError('balance_limit_exceeded', `A balance may not exceed ${maxBalance}.`, { maxBalance });
